//! Outage Explorer's browser app: it draws what `outage_sim` computes and turns clicks into
//! interventions on that run. No simulation logic lives here.

mod announce;
mod axis;
mod builtin;
mod callouts;
mod challenges;
mod charts;
mod compute;
mod inspector;
mod keys;
mod layouts;
mod lecture;
mod map;
mod mechanism;
mod parameters;
mod reality;
mod size;
mod sources;
mod strip;
mod whatif;

use leptos::prelude::*;
use outage_sim::link::Link;
use outage_sim::run::{AnyCursor, Frame};
use outage_sim::{Inputs, NodeRef, Run, Scenario, SimTime};
use std::sync::Arc;

/// A recorded run of whichever model the scenario has.
pub type SharedRun = Arc<dyn Run>;

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

/// The app has mounted: the loading panel goes.
pub fn loaded() {
    if let Some(l) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("loading"))
    {
        l.remove();
    }
}

/// What every panel shares: the scenario, the run, the playhead and the selection.
#[derive(Clone, Copy)]
pub struct Explorer {
    pub scenario: StoredValue<Scenario>,
    pub recording: RwSignal<SharedRun>,
    /// The run before the last intervention: ghosted on the strip, and what Undo goes back to.
    pub previous: RwSignal<Option<SharedRun>>,
    /// Simulated milliseconds since the scenario's start.
    pub playhead: RwSignal<u64>,
    pub selected: RwSignal<Option<NodeRef>>,
    /// The last message for the person (an intervention applied or refused).
    pub status: RwSignal<String>,
    /// What was wrong with the link this page was opened with, if anything.
    pub link_notice: RwSignal<Option<String>>,
    pub view: Memo<Frame>,
    /// How many log entries are at or before the playhead: what reads the log up to now
    /// (event log, inspector) redraws when this changes, not on every instant a drag passes.
    pub log_len: Memo<usize>,
    pub playing: RwSignal<bool>,
    /// Simulated milliseconds per real second while playing.
    pub speed: RwSignal<u64>,
    /// The lecture chapter on screen, if any.
    pub chapter: RwSignal<Option<usize>>,
    /// The node the chapter on screen is about, while the playhead is at the chapter's moment: lit
    /// on the map with its chain of causes, without opening a panel over the map (the inspector
    /// opens only when the person asks).
    pub focus: Memo<Option<NodeRef>>,
    /// `light`, `dark` or `presenter`; none: follow the system.
    pub theme: RwSignal<Option<String>>,
    /// Map and timeline only, for slides.
    pub embed: bool,
    /// Index into `ZOOMS`: how much of the window the timeline shows.
    pub zoom: RwSignal<usize>,
    /// First instant the zoomed timeline shows.
    pub zoom_from: RwSignal<u64>,
    /// The run being computed, if any, and how far it has got.
    pub computing: RwSignal<Option<compute::Progress>>,
    job: StoredValue<Option<compute::Job>>,
    /// Whether the page is past its first screen (the map): what it does not need, such as the
    /// requests in flight, is drawn from then on.
    pub settled: RwSignal<bool>,
    /// Which computation is current: a newer one, or Cancel, retires the slices of the last.
    job_generation: StoredValue<u64>,
}

/// Set a length in CSS px on the document's root, for the style sheet to lay out by (the
/// heights of the stage's docked bars).
pub(crate) fn set_root_px(name: &str, px: f64) {
    use wasm_bindgen::JsCast;
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let (Some(root), true) = (root, px > 0.0) {
        let _ = root.style().set_property(name, &format!("{}px", px.ceil()));
    }
}

/// Replace the address's fragment (no new history entry); returns the whole address.
fn write_address(hash: &str) -> String {
    let Some(w) = web_sys::window() else {
        return String::new();
    };
    if w.location().hash().ok().as_deref() != Some(hash) {
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
        }
    }
    // As the browser reports it back (it may encode what it was given).
    let written = w.location().hash().unwrap_or_default();
    LAST_ADDRESS.with(|a| *a.borrow_mut() = Some(written));
    w.location().href().unwrap_or_default()
}

thread_local! {
    /// The fragment this page last put in the address bar (or found there on load).
    static LAST_ADDRESS: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// A deferred rewrite of the address: skipped if the person (or a test) has changed the address
/// since the page last wrote it, whether or not the hashchange event has been handled yet.
fn write_address_unless_changed(hash: &str) {
    let current = location_hash();
    let ours = LAST_ADDRESS.with(|a| a.borrow().as_ref().is_none_or(|last| *last == current));
    if ours {
        write_address(hash);
    }
}

/// Spans the timeline can show, and the slider step at each: from the whole window down to the
/// seconds of the race.
/// Each step at most halves or thirds the span, so zooming keeps the context in view.
pub const ZOOMS: &[(&str, u64, u64)] = &[
    ("the whole window", 0, 60_000),
    ("1 day", 24 * 3_600_000, 60_000),
    ("8 hours", 8 * 3_600_000, 30_000),
    ("4 hours", 4 * 3_600_000, 10_000),
    ("2 hours", 2 * 3_600_000, 10_000),
    ("1 hour", 3_600_000, 5_000),
    ("30 minutes", 30 * 60_000, 2_000),
    ("15 minutes", 15 * 60_000, 1_000),
    ("5 minutes", 5 * 60_000, 500),
    ("2 minutes", 2 * 60_000, 100),
    ("1 minute", 60_000, 100),
    ("20 seconds", 20_000, 20),
];

impl Explorer {
    /// The span the timeline shows: (first instant, length) in ms.
    pub fn range(&self) -> (u64, u64) {
        let window = self.recording.with(|r| r.window().ms());
        let span = ZOOMS[self.zoom.get().min(ZOOMS.len() - 1)].1;
        if span == 0 || span >= window {
            (0, window)
        } else {
            (self.zoom_from.get().min(window - span), span)
        }
    }

    /// Zoom in or out around the playhead.
    pub fn zoom_by(&self, inward: bool) {
        let window = self.recording.with_untracked(|r| r.window().ms());
        let mut z = self.zoom.get_untracked();
        // Spans as long as the window show all of it: skip them, whichever way.
        loop {
            z = if inward {
                (z + 1).min(ZOOMS.len() - 1)
            } else {
                z.saturating_sub(1)
            };
            let whole = ZOOMS[z].1 == 0 || ZOOMS[z].1 >= window;
            if z == 0 || z == ZOOMS.len() - 1 || !whole {
                break;
            }
        }
        self.zoom.set(z);
        self.zoom_from
            .set(self.playhead.get_untracked().saturating_sub(ZOOMS[z].1 / 2));
    }

    /// The link that reproduces what the person sees now.
    pub fn link(&self) -> String {
        let (theme, embed) = (self.theme.get(), self.embed);
        let chapter = self.chapter.get().map(|c| c as u32);
        self.scenario.with_value(|s| {
            self.recording.with(|r| {
                let speed = self.speed.get();
                Link {
                    t: SimTime(self.playhead.get()),
                    speed: (speed != DEFAULT_SPEED).then_some(speed),
                    node: self.selected.get(),
                    chapter,
                    theme,
                    embed,
                    ..Link::of(s, r.inputs())
                }
                .encode(s)
            })
        })
    }

    /// Make `rec` the run on screen; the run it replaces is what Undo goes back to.
    pub fn replace_run(&self, rec: SharedRun, message: String) {
        let old = self.recording.get_untracked();
        self.previous.set(Some(old));
        self.recording.set(rec);
        self.status.set(message);
    }

    /// Whether the page is on stage (the light or the dark stage theme): what lays itself out
    /// for a room reads this.
    pub fn on_stage(&self) -> bool {
        matches!(
            self.theme.get().as_deref(),
            Some("presenter" | "stage-dark")
        )
    }

    /// Back to the run before the last intervention, if there is one (Undo).
    pub fn undo(&self) {
        if let Some(old) = self.previous.get_untracked() {
            self.recording.set(old);
            self.previous.set(None);
            self.status.set("Back to the previous run.".into());
        }
    }

    /// Simulate `inputs` over the whole window, in slices, and show that run instead once it
    /// is complete (Undo goes back); `Err`: it cannot be simulated, and the run on screen stays.
    pub fn run_instead(&self, inputs: Inputs, message: String) -> Result<(), String> {
        if self
            .recording
            .with_untracked(|r| !r.is_pending() && *r.inputs() == inputs)
        {
            self.status.set("That is the run on screen already.".into());
            return Ok(());
        }
        // Refused now if it would be refused at all; the world itself is built in a slice.
        self.scenario.with_value(|s| s.model.pending(s, &inputs))?;
        self.compute(
            compute::Work::Start(inputs),
            "Simulating the whole window…".into(),
            message,
        );
        Ok(())
    }

    /// Put the link to what the person sees now in the address bar; returns the whole address.
    pub fn show_link_in_address(&self) -> String {
        write_address(&format!("#{}", untrack(|| self.link())))
    }

    /// "1:00:00 AM PDT". Every time on screen says its zone: a room reading "1:00 AM" cannot
    /// tell it from their own clock.
    pub fn clock(&self, t: SimTime) -> String {
        self.scenario
            .with_value(|s| format!("{} {}", s.clock_seconds(t), s.file.timezone))
    }
    /// "2:34 AM PDT": for spans, where seconds are noise.
    pub fn clock_minutes(&self, t: SimTime) -> String {
        self.scenario
            .with_value(|s| format!("{} {}", s.clock(t), s.file.timezone))
    }
    /// "11:48 PM–2:40 AM PDT" (`None`: "11:48 PM–end PDT"): the zone said once.
    pub fn span_minutes(&self, from: SimTime, to: Option<SimTime>) -> String {
        self.scenario
            .with_value(|s| format!("{} {}", s.span(from, to), s.file.timezone))
    }
    pub fn now(&self) -> SimTime {
        SimTime(self.playhead.get())
    }
    pub fn now_untracked(&self) -> SimTime {
        SimTime(self.playhead.get_untracked())
    }
}

const DEFAULT_SPEED: u64 = 600_000;

fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Whether the address asks for a moment of a run. A bare address, or one that names only an
/// outage (as the title card's list of outages does), opens that outage's story instead.
fn link_given() -> bool {
    outage_sim::link::percent_decoded(&location_hash())
        .trim_start_matches('#')
        .split('&')
        .filter(|kv| !kv.is_empty())
        .any(|kv| !matches!(kv.split('=').next(), Some("v" | "scenario")))
}

/// The link the page was opened with, decoded; a broken one gives the defaults and a message.
fn opened_link() -> (Link, Scenario, Option<String>) {
    let default = || {
        builtin::scenario(outage_sim::DEFAULT_SCENARIO)
            .expect("the built-in scenario parses (tested natively)")
    };
    let hash = location_hash();
    if hash.len() <= 1 {
        let s = default();
        return (Link::new(&s), s, None);
    }
    match Link::decode(&hash, |id| builtin::scenario(id).ok()) {
        Ok((d, s)) if d.problems.is_empty() => (d.link, s, None),
        Ok((d, s)) => {
            let msg = format!(
                "Parts of this link were not usable and were left out: {}.",
                d.problems.join("; ")
            );
            (d.link, s, Some(msg))
        }
        Err(e) => {
            let s = default();
            (
                Link::new(&s),
                s,
                Some(format!("{e} Showing the default run instead.")),
            )
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    let (link, scenario, mut notice) = opened_link();
    LAST_ADDRESS.with(|a| *a.borrow_mut() = Some(location_hash()));
    // Nothing is computed before the page is drawn: it opens on the link's run standing in
    // (inputs, parameters and interventions, every node's health unknown), and the run itself
    // is computed in slices once the page is up, with its progress.
    let asked = link.inputs(&scenario);
    let default_inputs = scenario.default_inputs(outage_sim::DEFAULT_SEED);
    let (recording, inputs) = match scenario.model.pending(&scenario, &asked) {
        Ok(p) => (p, asked),
        Err(e) => {
            notice = Some(compute::link_not_simulated(&e));
            match scenario.model.pending(&scenario, &default_inputs) {
                Ok(p) => (p, default_inputs.clone()),
                Err(e) => return view! { <section class="fatal" role="alert"><h2>"Run error"</h2><p>{e}</p></section> }.into_any(),
            }
        }
    };
    let as_it_happened = inputs == default_inputs;
    let start = if link_given() {
        link.t
    } else {
        scenario.opening_instant()
    };
    let title = scenario.file.title.clone();
    let subtitle = scenario.file.subtitle.clone();
    let recording = RwSignal::new(recording);
    let playhead = RwSignal::new(start.ms());
    // Where the map last looked: playing and dragging forward continue from there.
    let cursor = StoredValue::new_local(AnyCursor::default());
    let view = Memo::new(move |_| {
        let t = SimTime(playhead.get());
        recording
            .with(|r| cursor.try_update_value(|c| r.frame_with(c, t)))
            .unwrap_or_else(|| recording.with(|r| r.frame_at(t)))
    });
    let scenario = StoredValue::new(scenario);
    let chapter = RwSignal::new(link.chapter.map(|c| c as usize));
    let ex = Explorer {
        scenario,
        recording,
        previous: RwSignal::new(None),
        playhead,
        selected: RwSignal::new(link.node),
        status: RwSignal::new(String::new()),
        link_notice: RwSignal::new(notice),
        view,
        log_len: Memo::new(move |_| {
            let t = SimTime(playhead.get());
            recording.with(|r| r.log_len_until(t))
        }),
        playing: RwSignal::new(false),
        speed: RwSignal::new(link.speed.unwrap_or(DEFAULT_SPEED)),
        chapter,
        focus: Memo::new(move |_| {
            let i = chapter.get()?;
            let t = playhead.get();
            scenario.with_value(|s| {
                let c = s.file.chapters.get(i)?;
                (s.at(&c.at).ok()?.ms() == t)
                    .then(|| s.node(&c.node))
                    .flatten()
            })
        }),
        theme: RwSignal::new(link.theme.clone()),
        embed: link.embed,
        zoom: RwSignal::new(0),
        zoom_from: RwSignal::new(0),
        computing: RwSignal::new(None),
        job: StoredValue::new(None),
        job_generation: StoredValue::new(0),
        settled: RwSignal::new(false),
    };
    // The first screen is the map: the panels around it are drawn in the next task, and then
    // the run is computed. Cancel is offered for a link's own run (the incident as it happened
    // follows), not for the incident itself: there would be nothing to show instead.
    set_timeout(
        move || {
            ex.settled.set(true);
            ex.compute_with(
                compute::Work::Start(inputs),
                "Simulating the run…".into(),
                String::new(),
                !as_it_happened,
            );
        },
        std::time::Duration::ZERO,
    );
    // A fresh page tells the story from the start: a title card over the scenario's first
    // chapter. A link opens exactly where it says.
    let card = RwSignal::new(false);
    if !link_given() {
        if let Some(i) = ex.scenario.with_value(|s| s.title_card_chapter()) {
            lecture::go_to(ex, i);
            card.set(true);
        }
    }
    // The address follows the state (replaced, not pushed: no flood of history entries), but
    // not while playing (a link is a moment), and only once a drag comes to rest: browsers
    // throttle a page that rewrites its address on every frame.
    let pending_address = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        // Under the title card the address stays bare, so a reload shows the card again.
        if ex.playing.get() || card.get() {
            return;
        }
        let hash = format!("#{}", ex.link());
        if let Some(h) = pending_address.try_update_value(Option::take).flatten() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                write_address_unless_changed(&hash);
            },
            std::time::Duration::from_millis(150),
        );
        pending_address.set_value(handle.ok());
    });
    provide_context(ex);
    // A link pasted into the address bar of an open page does not replace the run in progress
    // without asking.
    let pending_link = RwSignal::new(None::<String>);
    let hash_listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = location_hash();
        if hash.len() > 1 && card.get_untracked() {
            // Nothing has been done under the title card yet: nothing to lose by opening it.
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        } else if hash.len() > 1 && hash != format!("#{}", ex.link()) {
            pending_link.set(Some(hash));
        }
    });
    std::mem::forget(hash_listener);
    Effect::new(move |_| {
        let t = ex.playhead.get();
        let (from, span) = ex.range();
        if ex.zoom.get_untracked() > 0 && !(from..=from + span).contains(&t) {
            ex.zoom_from.set(t.saturating_sub(span / 10));
        }
    });
    // The theme and embed mode are attributes of the document, so plain CSS does the rest.
    Effect::new(move |_| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            // The dark stage is the stage with light type on black.
            let theme = ex.theme.get();
            match theme.as_deref() {
                Some("stage-dark") => {
                    let _ = root.set_attribute("data-theme", "presenter");
                    let _ = root.set_attribute("data-dark", "1");
                }
                Some(t) => {
                    let _ = root.set_attribute("data-theme", t);
                    let _ = root.remove_attribute("data-dark");
                }
                None => {
                    let _ = root.remove_attribute("data-theme");
                    let _ = root.remove_attribute("data-dark");
                }
            }
            if ex.embed {
                let _ = root.set_attribute("data-embed", "1");
            }
        }
    });
    // While a run is computed the requests in flight stand still: every frame of them is a
    // repaint of the whole map, which on a slow laptop takes the time the slices need.
    Effect::new(move |_| map::animate_particles(ex.computing.with(Option::is_none)));
    let help = RwSignal::new(false);
    keys::install_keys(ex, help, card, move |forward| jump_to_event(ex, forward));
    // Nodes drawn right of the map's middle: a panel about one of them opens on the left.
    let right_half: Vec<NodeRef> = ex.scenario.with_value(|s| {
        let layout = crate::layouts::of(s);
        layout
            .nodes
            .iter()
            .filter(|n| 2 * n.rect.x + n.rect.w > layout.width)
            .filter_map(|n| s.node(&n.id))
            .collect()
    });
    let panels = RwSignal::new(false);
    let dock = leptos::prelude::NodeRef::<leptos::html::Div>::new();
    size::watch_size(dock, |_, h| set_root_px("--stage-dock", h));
    view! {
        <header class="top">
            <h1>"Outage Explorer"</h1>
            <p>{title}": "{subtitle}</p>
            <label class="theme">
                "Theme "
                <select on:change=move |ev| {
                    let v = event_target_value(&ev);
                    ex.theme.set((v != "auto").then_some(v));
                }>
                    {["auto", "light", "dark", "presenter", "stage-dark"]
                        .into_iter()
                        .map(|t| {
                            let selected = ex.theme.get_untracked().as_deref().unwrap_or("auto") == t;
                            // In a link the stage is `presenter`, the dark stage `stage-dark`.
                            let name = match t {
                                "presenter" => "stage",
                                "stage-dark" => "stage (dark)",
                                t => t,
                            };
                            view! { <option value=t selected=selected>{name}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            // On stage the side panels are overlays over the map, opened from here.
            <button type="button" class="panels-toggle" aria-expanded=move || panels.get().to_string() on:click=move |_| panels.update(|p| *p = !*p)>"Panels"</button>
            <span class="stage-clock" aria-hidden="true">{move || ex.clock(ex.now())}</span>
        </header>
        <Show when=move || ex.link_notice.with(|n| n.is_some())>
            <div class="notice" role="alert">
                <p>{move || ex.link_notice.get().unwrap_or_default()}</p>
                <button type="button" on:click=move |_| ex.link_notice.set(None)>"Dismiss"</button>
            </div>
        </Show>
        <Show when=move || pending_link.with(|p| p.is_some())>
            <div class="notice" role="alertdialog" aria-label="Open the new link?">
                <p>"A new link was opened. Load it? This replaces the run you are working on."</p>
                <button type="button" on:click=move |_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                }>"Load the new link"</button>
                <button type="button" on:click=move |_| {
                    pending_link.set(None);
                    ex.show_link_in_address();
                }>"Keep my run"</button>
            </div>
        </Show>
        <keys::Help open=help />
        <lecture::TitleCard open=card />
        <div class="lecture-row"><Show when=move || ex.settled.get()><lecture::Chapters /></Show></div>
        // While a node is inspected, a narrower screen makes room for the inspector beside the map;
        // a panel over the map opens on the side away from the node it is about.
        <main class:computing-run=move || ex.computing.with(Option::is_some) aria-busy=move || ex.recording.with(|r| r.is_pending()).to_string() class:inspecting=move || ex.selected.with(|s| s.is_some()) class:panels-open=move || panels.get() class:panels-left=move || ex.selected.get().is_some_and(|n| right_half.contains(&n)) class:with-mechanism=move || ex.on_stage() && mechanism::chapter_view(ex).is_some()>
            <section class="panel map" aria-label="Dependency map">
                <map::Map />
                // On stage the timeline is docked above the caption bar, always on screen: the map
                // takes the height the two leave it.
                <div class="timeline-dock" node_ref=dock>
                    <whatif::Badge />
                    <Show when=move || ex.settled.get()>
                        <TimeBar />
                        <announce::Announcer />
                        <strip::Strip />
                    </Show>
                    <div class="forkbar">
                        <compute::Computing />
                        <p class="status" role="status">{move || ex.status.get()}</p>
                        <Show when=move || ex.previous.with(|p| p.is_some())>
                            <button type="button" on:click=move |_| ex.undo()>"Undo"</button>
                        </Show>
                    </div>
                </div>
                <Show when=move || ex.settled.get()>
                    <mechanism::Mechanism />
                    <charts::Charts />
                </Show>
            </section>
            <Show when=move || ex.settled.get()>
                <aside>
                    <inspector::Inspector />
                    <EventLog />
                    <About />
                    <challenges::Challenges />
                    <reality::Reality />
                    <sources::Sources />
                    <parameters::Parameters />
                </aside>
            </Show>
        </main>
    }
    .into_any()
}

/// Step to the instant just after the next or previous event a person would read about.
fn jump_to_event(ex: Explorer, forward: bool) {
    let now = ex.playhead.get_untracked();
    let window = ex.recording.with_untracked(|r| r.window().ms());
    let target = ex.recording.with_untracked(|r| {
        let notable = r.notable_times().into_iter().map(|t| t.ms() + 1);
        if forward {
            notable.filter(|t| *t > now).min()
        } else {
            notable.filter(|t| *t < now).max()
        }
    });
    if let Some(t) = target {
        ex.playing.set(false);
        ex.playhead.set(t.min(window));
    }
}

/// Playback speeds: simulated milliseconds per real second.
const SPEEDS: &[(&str, u64)] = &[
    ("real time", 1_000),
    ("1 min/s", 60_000),
    ("10 min/s", 600_000),
    ("1 h/s", 3_600_000),
];
/// Playback advances in fixed steps of real time, never by frame time: the run is the same.
const PLAY_STEP_MS: u64 = 100;

#[component]
fn TimeBar() -> impl IntoView {
    let ex = expect_context::<Explorer>();
    let window = ex.recording.with_untracked(|r| r.window().ms());
    let clock = move || ex.clock(ex.now());
    let playing = ex.playing;
    let speed = ex.speed;
    let timer: StoredValue<Option<IntervalHandle>> = StoredValue::new(None);
    Effect::new(move |_| {
        if let Some(h) = timer.get_value() {
            h.clear();
            timer.set_value(None);
        }
        if playing.get() {
            let step = speed.get() * PLAY_STEP_MS / 1000;
            let handle = set_interval_with_handle(
                move || {
                    let next = (ex.playhead.get_untracked() + step).min(window);
                    ex.playhead.set(next);
                    if next >= window {
                        playing.set(false);
                    }
                },
                std::time::Duration::from_millis(PLAY_STEP_MS),
            );
            timer.set_value(handle.ok());
        }
    });
    let jump = move |forward: bool| jump_to_event(ex, forward);
    let at_closest = move || ex.zoom.get() + 1 >= ZOOMS.len();
    let at_widest = move || ex.zoom.get() == 0;
    // The span shown as clock times in the scenario's zone, from the core's clock (no zone)
    // so the zone is said once.
    let range_text = move || {
        let (from, span) = ex.range();
        let whole = span >= window;
        ex.scenario.with_value(|s| {
            let (a, b) = (
                s.epoch.add(SimTime(from)),
                s.epoch.add(SimTime(from + span)),
            );
            let seconds = span <= 5 * 60_000;
            let text = match (s.spans_days(), a.day == b.day) {
                // In a window of days the range says its day, once if both ends share it.
                (true, true) => format!(
                    "{} {}",
                    a.date_label(),
                    outage_sim::time::clock_span(&a, &b, seconds)
                ),
                (true, false) => format!(
                    "{} {} \u{2013} {} {}",
                    a.date_label(),
                    a.clock(),
                    b.date_label(),
                    b.clock()
                ),
                _ => outage_sim::time::clock_span(&a, &b, seconds),
            };
            let zone = &s.file.timezone;
            if whole {
                format!("Showing the whole window, {text} {zone}")
            } else {
                format!("Showing {text} {zone}")
            }
        })
    };
    // The slider's track starts half a thumb left of the strip's time axis and ends half a
    // thumb right of it, so the thumb's centre sits on the strip's playhead.
    let scrubber_style = format!(
        "padding-left: {}px; --thumb: {}px",
        strip::LABEL_W - strip::THUMB_W / 2.0,
        strip::THUMB_W
    );
    view! {
        <div class="timebar">
            <div class="controls">
                <button type="button" class="play" on:click=move |_| playing.update(|p| *p = !*p)>
                    {move || if playing.get() { "Pause" } else { "Play" }}
                </button>
                <button type="button" aria-label="Previous event" title="Previous event" on:click=move |_| jump(false)>"◀ Previous"</button>
                <button type="button" aria-label="Next event" title="Next event" on:click=move |_| jump(true)>"Next ▶"</button>
                <label class="speed">
                    "Speed "
                    <select on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<u64>() {
                            speed.set(v);
                        }
                    }>
                        {SPEEDS
                            .iter()
                            .map(|(name, v)| view! { <option value=v.to_string() selected=*v == speed.get_untracked()>{*name}</option> })
                            .collect_view()}
                    </select>
                </label>
                <span class="clock" role="timer" aria-label="Simulation time" aria-live="off">{clock}</span>
                <button type="button" on:click=move |_| ex.zoom_by(true) disabled=at_closest>"Zoom in"</button>
                <button type="button" on:click=move |_| ex.zoom_by(false) disabled=at_widest>"Zoom out"</button>
                <span class="zoom-label" title=move || format!("Zoom: {}", ZOOMS[ex.zoom.get()].0)>{range_text}</span>
            </div>
            <div class="scrubber" style=scrubber_style>
                <input
                    type="range"
                    aria-label="Timeline"
                    min=move || ex.range().0.to_string()
                    max=move || { let (f, s) = ex.range(); (f + s).to_string() }
                    step=move || ZOOMS[ex.zoom.get()].2.to_string()
                    // Set again whenever the range or step changes: the browser snaps a range
                    // input's value to the new step grid, which would leave the thumb off the
                    // playhead. (Attributes update in the order written: the value last.)
                    prop:value=move || {
                        let _ = ex.range();
                        ex.playhead.get().to_string()
                    }
                    aria-valuetext=clock
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<u64>() {
                            ex.playhead.set(v.min(window));
                        }
                    }
                    on:pointerdown=move |_| map::animate_particles(false)
                    on:pointerup=move |_| map::animate_particles(true)
                    on:pointercancel=move |_| map::animate_particles(true)
                />
            </div>
        </div>
    }
}

#[component]
fn EventLog() -> impl IntoView {
    let ex = expect_context::<Explorer>();
    let routine = RwSignal::new(false);
    let only_selected = RwSignal::new(false);
    // Keyed by entry (ids alone repeat across forks): a step forward adds the new entries and
    // keeps the rest.
    let items = move || {
        let n = ex.log_len.get();
        let routine = routine.get();
        let node = only_selected.get().then(|| ex.selected.get()).flatten();
        ex.recording.with(|r| {
            r.lines(n, routine, node, 40)
                .into_iter()
                .map(|e| (e.id, ex.clock(e.at), e.text))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="panel log" aria-label="Event log">
            <h2>"Event log"</h2>
            <div class="filters">
                <label>
                    <input type="checkbox" prop:checked=routine on:change=move |ev| routine.set(event_target_checked(&ev)) />
                    " Routine events too"
                </label>
                <label>
                    <input type="checkbox" prop:checked=only_selected on:change=move |ev| only_selected.set(event_target_checked(&ev)) />
                    " Only the node in the inspector"
                </label>
            </div>
            // Focusable so a keyboard can scroll it.
            <ol tabindex="0" aria-label="Events up to the playhead, newest first">
                <For each=items key=|entry| entry.clone() let((_, at, text))>
                    <li><time>{at}</time>{text}</li>
                </For>
            </ol>
        </section>
    }
}

/// The same scenario with none of its scripted events: a sandbox to break by hand (Undo goes
/// back to the run before).
fn quiet_run(ex: Explorer) {
    let mut inputs = ex.recording.with_untracked(|r| r.inputs().clone());
    inputs.script.clear();
    run_instead(
        ex,
        inputs,
        "A quiet run: nothing breaks until you break it.",
    );
}

/// Back to the incident as it happened (the scenario's script, default parameters and seed),
/// however many what-ifs came before; Undo returns to the last of them.
pub(crate) fn as_it_happened(ex: Explorer) {
    let inputs = ex
        .scenario
        .with_value(|s| s.default_inputs(outage_sim::DEFAULT_SEED));
    run_instead(ex, inputs, "Back to the incident as it happened.");
}

fn run_instead(ex: Explorer, inputs: Inputs, message: &str) {
    if let Err(e) = ex.run_instead(inputs, message.into()) {
        ex.status.set(format!("Not run: {e}"));
    }
}

/// Put the link in the address bar and on the clipboard; say "copied" only once the clipboard
/// has taken it (a page without clipboard permission says where the link is instead).
fn copy_link(ex: Explorer) {
    let url = ex.show_link_in_address();
    let Some(w) = web_sys::window() else {
        return;
    };
    let written = wasm_bindgen_futures::JsFuture::from(w.navigator().clipboard().write_text(&url));
    ex.status.set("Copying the link…".into());
    leptos::task::spawn_local(async move {
        let message = match written.await {
            Ok(_) => "Link copied: it opens this run at this moment.".to_string(),
            Err(_) => {
                "The link could not be copied here; it is in the address bar: copy it from there."
                    .to_string()
            }
        };
        ex.status.set(message);
    });
}

#[component]
fn About() -> impl IntoView {
    let ex = expect_context::<Explorer>();
    let scenario_id = ex.scenario.with_value(|s| s.id().to_string());
    let seed = move || ex.recording.with(|r| r.inputs().seed);
    let digest = move || ex.recording.with(|r| r.digest());
    // The person's interventions apart from the scenario's own scripted events (its trigger,
    // the operators' actions as they happened), which are the incident's, not the person's.
    let counts = move || {
        ex.recording.with(|r| {
            let incident = ex
                .scenario
                .with_value(|s| s.default_inputs(r.inputs().seed));
            let script = &r.inputs().script;
            let yours = script
                .iter()
                .filter(|step| !incident.script.contains(step))
                .count();
            (yours, script.len() - yours)
        })
    };
    view! {
        <section class="panel about" aria-label="About this run">
            <h2>"About this run"</h2>
            <dl>
                <dt>"Scenario"</dt><dd>{scenario_id}</dd>
                <dt>"Seed"</dt><dd>{seed}</dd>
                <dt>"Your interventions"</dt><dd>{move || counts().0}</dd>
                <dt>"The incident's scripted events"</dt><dd>{move || counts().1}</dd>
                <dt>"Digest"</dt><dd>{digest}</dd>
            </dl>
            <button type="button" on:click=move |_| copy_link(ex)>"Copy link"</button>
            <button type="button" on:click=move |_| quiet_run(ex)>"Start a quiet run"</button>
            <button type="button" on:click=move |_| as_it_happened(ex)>"Back to the incident as it happened"</button>
            <p class="muted">"A quiet run drops the incident's scripted events: nothing breaks until you break it. Where the model has AWS's operators respond to what happens, they still respond to what you break (Model parameters can switch their responses off)."</p>
        </section>
    }
}
