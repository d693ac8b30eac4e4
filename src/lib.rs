//! Outage Explorer's browser app: it draws what `outage_sim` computes and turns clicks into
//! interventions on that run. No simulation logic lives here.

mod about;
mod address;
mod announce;
mod axis;
mod builtin;
mod callouts;
mod challenges;
mod charts;
mod compare;
mod compute;
mod event_log;
mod export;
mod follow;
mod history;
mod in_step;
mod inspector;
mod keys;
mod layouts;
mod lecture;
mod lesson;
mod map;
mod mechanism;
mod opportunity;
mod panels;
mod parameters;
mod playback;
mod presentation;
mod presenter;
mod reality;
mod runs;
mod selection;
mod size;
mod sources;
mod strip;
mod switch;
mod timebar;
mod whatif;

use compute::Computation;
use leptos::prelude::*;
use playback::{Playback, DEFAULT_SPEED};
use presentation::Presentation;
use runs::Runs;
use selection::Selection;

/// Show a readable panel instead of a blank page if the app panics.
pub fn install_panic_panel() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal(&format!("The application stopped with an error: {info}"));
    }));
}

/// Lets the browser tests check that a panic shows the error panel rather than a blank page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn panic_for_test() {
    panic!("a panic requested by the browser tests");
}

fn show_fatal(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(l) = doc.get_element_by_id("loading") {
        l.remove();
    }
    let Ok(panel) = doc.create_element("section") else {
        return;
    };
    panel.set_id("fatal");
    panel.set_class_name("fatal");
    let _ = panel.set_attribute("role", "alert");
    panel.set_inner_html(
        "<h2>Outage Explorer stopped</h2><p></p><p>Reload the page to start again.</p>",
    );
    if let Ok(Some(p)) = panel.query_selector("p") {
        p.set_text_content(Some(message));
    }
    if let Some(body) = doc.body() {
        let _ = body.append_child(&panel);
    }
}

pub use address::fetch_named_outage;

/// What the person chose on the title card the server sent, before the app was up ("start" or
/// "outage"; see `index.html`).
fn early_choice() -> Option<String> {
    let w = web_sys::window()?;
    js_sys::Reflect::get(&w, &"__earlyChoice".into())
        .ok()?
        .as_string()
}

/// The app has mounted: the loading panel goes.
pub fn loaded() {
    if let Some(l) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("loading"))
    {
        l.remove();
    }
}

/// Open the page, in tasks after the wasm's start so that none holds the page for long: the
/// link the page was opened with, read; the contexts every panel takes what it uses from, made
/// from it; the panels laid out. The run is computed after them, in slices.
pub async fn open() {
    // The reactive system is driven by wasm-bindgen's futures before anything is mounted: the
    // contexts' effects are made first.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    // The wasm's start is a task of its own too.
    next_task().await;
    let opened = match opening() {
        Ok(opening) => {
            next_task().await;
            owner.with(|| contexts(opening))
        }
        Err(e) => Opened::Fatal(e),
    };
    next_task().await;
    // Mounted under the contexts' owner, so every panel finds them. The page lasts as long as
    // the document: neither owner is ever dropped.
    owner.with(move || leptos::mount::mount_to_body(move || opened.draw()));
    std::mem::forget(owner);
}

/// A future that is ready in a task of its own, after what the browser has queued.
async fn next_task() {
    use wasm_bindgen::JsCast;
    let ready = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(resolve.unchecked_ref());
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(ready).await;
}

/// The page, its contexts made, waiting to be drawn.
enum Opened {
    /// Neither the link's run nor the incident can be simulated.
    Fatal(String),
    /// The projector's page or the presenter's view; `begin` computes the run once it is drawn.
    Page {
        presenter: bool,
        begin: Box<dyn FnOnce()>,
    },
}

impl Opened {
    fn draw(self) -> AnyView {
        match self {
            Opened::Fatal(e) => {
                view! { <section class="fatal" role="alert"><h2>"Run error"</h2><p>{e}</p></section> }
                    .into_any()
            }
            Opened::Page { presenter, begin } => {
                // The first screen is the map: the panels around it are drawn in the next task,
                // and then the run is computed.
                set_timeout(begin, std::time::Duration::ZERO);
                if presenter {
                    view! { <presenter::PresenterView /> }.into_any()
                } else {
                    view! { <panels::Page /> }.into_any()
                }
            }
        }
    }
}

/// The link the page was opened with, read, and its run standing in until it is computed.
struct Opening {
    link: outage_sim::link::Link,
    scenario: outage_sim::Scenario,
    notice: Option<String>,
    standing_in: runs::SharedRun,
    inputs: outage_sim::Inputs,
    as_it_happened: bool,
}

/// Read the link the page was opened with; an error says that neither its run nor the
/// incident's can be simulated.
fn opening() -> Result<Opening, String> {
    let (link, scenario, mut notice) = address::opened_link();
    // Nothing is computed before the page is drawn: it opens on the link's run standing in
    // (inputs, parameters and interventions, every node's health unknown), and the run itself
    // is computed in slices once the page is up, with its progress.
    let asked = link.inputs(&scenario);
    let default_inputs = scenario.default_inputs(outage_sim::DEFAULT_SEED);
    let (standing_in, inputs) = match scenario.model.pending(&scenario, &asked) {
        Ok(p) => (p, asked),
        Err(e) => {
            notice = Some(compute::link_not_simulated(&e));
            (
                scenario.model.pending(&scenario, &default_inputs)?,
                default_inputs.clone(),
            )
        }
    };
    let as_it_happened = inputs == default_inputs;
    Ok(Opening {
        link,
        scenario,
        notice,
        standing_in,
        inputs,
        as_it_happened,
    })
}

/// The contexts every panel takes what it uses from, made from the link the page was opened
/// with.
fn contexts(opening: Opening) -> Opened {
    let Opening {
        link,
        scenario,
        mut notice,
        standing_in,
        inputs,
        as_it_happened,
    } = opening;
    let against = link.against.as_ref().map(|a| a.inputs(&scenario));
    let start = if address::link_given() {
        link.t
    } else {
        scenario.opening_instant()
    };
    // The link's range was checked as it was read (`Link::decode`): it has a span.
    let range = link
        .range
        .and_then(|r| r.span(&scenario).ok().map(|span| (r, span)));
    let scenario = StoredValue::new(scenario);
    let playback = Playback::new(
        scenario,
        start,
        link.speed.unwrap_or(DEFAULT_SPEED),
        range.map(|(_, span)| (span.from, span.to)),
    );
    let runs = Runs::new(scenario, standing_in, playback);
    // A lecture across outages names its outages by year or id: each must be one this build
    // carries, or the page opens on its own with a notice.
    let lecture = link.lecture.clone().and_then(|l| {
        let catalogue = builtin::catalogue();
        let ids: Vec<&str> = catalogue.iter().map(|o| o.id.as_str()).collect();
        match l.ids(&ids) {
            Ok(ids) => Some(presentation::LectureOn { link: l, ids }),
            Err(e) => {
                let said = notice.take().map(|n| format!("{n} ")).unwrap_or_default();
                notice = Some(format!("{said}The lecture in this link was left out: {e}."));
                None
            }
        }
    });
    let presentation = Presentation::new(
        link.chapter.map(|c| c as usize),
        link.theme.clone(),
        link.embed,
        link.presenter,
        notice,
    )
    .confined(range);
    // A link to a node opens its inspector, below the map on a phone: nothing is held for it.
    presentation.hold_below_first_screen(
        size::narrow_untracked() && link.node.is_none() && !link.embed && !link.presenter,
    );
    if let Some(l) = lecture {
        presentation.join_lecture(l);
    }
    let selection = Selection::new(link.node, runs, playback, presentation);
    let computation = Computation::new(runs, presentation);
    let address = address::Address::new(runs, playback, selection, presentation);
    provide_context(playback);
    provide_context(runs);
    provide_context(presentation);
    provide_context(selection);
    provide_context(lecture::Predictions::new());
    provide_context(computation);
    provide_context(opportunity::Opportunity::new(
        runs,
        computation,
        presentation,
    ));
    provide_context(address);
    // Cancel is offered for a link's own run (the incident as it happened follows), not for the
    // incident itself: there would be nothing to show instead.
    let begin = move || {
        presentation.settle();
        computation.compute_with(
            compute::Work::Start(inputs),
            "Simulating the run…".into(),
            String::new(),
            !as_it_happened,
        );
        // A link to a comparison: the compared run follows the link's own.
        if let Some(a) = against {
            computation.when_computed(move || {
                compare::compare_with_in(runs, computation, presentation, a)
            });
        }
    };
    // A fresh page tells the story from the start: a title card over the scenario's first
    // chapter. A link opens exactly where it says.
    if !address::link_given() {
        if let Some(i) = runs.with_scenario(|s| s.title_card_chapter()) {
            let story = lecture::Story::here();
            story.go_to(i);
            // The card the server sent may have been answered before the app was up.
            match early_choice().as_deref() {
                Some("start") => {}
                Some("outage") => story.go_to_outage(),
                _ => presentation.title_card().set(true),
            }
        }
    }
    address.follow();
    history::begin();
    history::follow(runs, presentation);
    presentation.mirror_on_document();
    // While a run is computed the requests in flight stand still: every frame of them is a
    // repaint of the whole map, which on a slow laptop takes the time the slices need.
    Effect::new(move |_| map::animate_particles(!computation.is_computing()));
    keys::install_keys();
    in_step::begin(link.presenter);
    Opened::Page {
        presenter: link.presenter,
        begin: Box::new(begin),
    }
}
