//! The presenter's window and the projector's window in step: each tells the other, over a
//! `BroadcastChannel` of the page's origin (no server), what it shows as a link: the chapter, the
//! playhead, whether it plays, and the run's inputs (so a what-if made in either is computed in
//! the other). A window that is told applies it at once, without the "load the new link?"
//! question, and does not tell it back. Closing one window leaves the other as it was.

use crate::compute::Computation;
use crate::lecture::Predictions;
use crate::playback::{Playback, DEFAULT_SPEED};
use crate::presentation::Presentation;
use crate::runs::Runs;
use leptos::prelude::*;
use outage_sim::link::Link;
use outage_sim::{Inputs, SimTime};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const CHANNEL: &str = "outage-explorer-lecture";
/// The projector's window keeps this name once it has opened a presenter's view, so it stays in
/// step after a reload.
const PROJECTOR: &str = "outage-explorer-projector";
/// The presenter's window: opening the view again reuses it.
const PRESENTER: &str = "outage-explorer-presenter";
/// A window that joins asks the other for what it shows.
const HELLO: &str = "hello";

/// The window's side of the channel: what it last told or was told (it tells again only what
/// differs), and the contexts it reads and changes.
#[derive(Clone, Copy)]
struct InStep {
    /// Whether this window is in step with another.
    joined: RwSignal<bool>,
    channel: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
    last: StoredValue<Option<String>>,
    /// The inputs of a run the other window showed, until this window shows it too: meanwhile
    /// this window says it shows them, so it never tells the other to go back.
    heading: StoredValue<Option<Inputs>>,
    runs: Runs,
    playback: Playback,
    presentation: Presentation,
    computation: Computation,
    predictions: Predictions,
}

thread_local! {
    static HERE: std::cell::Cell<Option<InStep>> = const { std::cell::Cell::new(None) };
}

/// What the window shows, as told: `1|…` while playing (the playhead left out of the part
/// compared, since it moves in both windows alike), `0|…` when not; then the chapter whose
/// question is answered on screen, if any; then the link.
fn state(
    playing: bool,
    revealed: Option<usize>,
    link: &Link,
    scenario: &outage_sim::Scenario,
) -> (String, String) {
    let revealed = revealed.map(|r| r.to_string()).unwrap_or_default();
    let head = format!("{}|{revealed}|", u8::from(playing));
    let told = format!("{head}{}", link.encode(scenario));
    let compared = if playing {
        let still = Link {
            t: SimTime::ZERO,
            ..link.clone()
        };
        format!("{head}{}", still.encode(scenario))
    } else {
        told.clone()
    };
    (compared, told)
}

/// Whether this window was opened as the presenter's view or has opened one.
fn joined_before(presenter: bool) -> bool {
    presenter || web_sys::window().and_then(|w| w.name().ok()).as_deref() == Some(PROJECTOR)
}

/// Open the presenter's view of what is on screen in a second window (or bring the one open up
/// to date), and keep this window in step with it.
pub fn open_presenter(link_to_here: String, presentation: Presentation) {
    let Some(w) = web_sys::window() else { return };
    let base = w
        .location()
        .href()
        .ok()
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default();
    let address = format!("{base}#{link_to_here}&presenter=1");
    let opened = w
        .open_with_url_and_target_and_features(&address, PRESENTER, "popup,width=1280,height=800")
        .ok()
        .flatten();
    if opened.is_none() {
        presentation
            .say("The browser did not open the presenter's view: allow pop-ups for this page.");
        return;
    }
    let _ = w.set_name(PROJECTOR);
    if let Some(s) = HERE.with(std::cell::Cell::get) {
        join(s);
    }
    presentation.say("Presenter's view open, in step.");
}

/// What the window shows now, as compared and as told.
fn current(s: InStep) -> (String, String) {
    let (runs, playback) = (s.runs, s.playback);
    let playing = playback.playing().is_on();
    let revealed = s.predictions.revealed();
    // While playing, both windows move the playhead alike: only where play began is told.
    let t = if playing {
        playback.ms_untracked()
    } else {
        playback.ms()
    };
    let speed = playback.speed();
    let chapter = s.presentation.chapter().map(|c| c as u32);
    let shown = runs.with(|r| r.inputs().clone());
    let inputs = match s.heading.get_value() {
        Some(h) if h != shown => h,
        _ => {
            s.heading.set_value(None);
            shown
        }
    };
    runs.with_scenario(|sc| {
        let link = Link {
            t: SimTime(t),
            speed: (speed != DEFAULT_SPEED).then_some(speed),
            chapter,
            ..Link::of(sc, &inputs)
        };
        state(playing, revealed, &link, sc)
    })
}

/// Make the page ready to be in step with another window (`open` calls it once, where the
/// contexts are provided); the presenter's view, and a projector's window that has opened one,
/// are in step from the start.
pub fn begin(presenter: bool) {
    let s = InStep {
        joined: RwSignal::new(false),
        channel: StoredValue::new_local(None),
        last: StoredValue::new(None),
        heading: StoredValue::new(None),
        runs: Runs::here(),
        playback: Playback::here(),
        presentation: Presentation::here(),
        computation: Computation::here(),
        predictions: Predictions::here(),
    };
    HERE.with(|h| h.set(Some(s)));
    // Tell the other window what changed here; what this window was just told is not told back.
    Effect::new(move |_| {
        if !s.joined.get() {
            return;
        }
        let (compared, told) = current(s);
        if s.last
            .with_value(|l| l.as_deref() == Some(compared.as_str()))
        {
            return;
        }
        // What the window shows as it joins is the other's already, or is asked for.
        let first = s.last.with_value(Option::is_none);
        s.last.set_value(Some(compared));
        if !first {
            post(s, &told);
        }
    });
    if joined_before(presenter) {
        join(s);
    }
}

fn post(s: InStep, text: &str) {
    s.channel.with_value(|c| {
        if let Some(c) = c {
            let _ = c.post_message(&text.into());
        }
    });
}

/// Open the channel, once, and ask the other window what it shows.
fn join(s: InStep) {
    if s.joined.get_untracked() {
        return;
    }
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let Some(text) = ev.data().as_string() else {
                return;
            };
            if text == HELLO {
                let (_, told) = untrack(|| current(s));
                post(s, &told);
            } else {
                apply(s, &text);
            }
        });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The listener lives as long as the page.
    on_message.forget();
    s.channel.set_value(Some(channel));
    post(s, HELLO);
    s.joined.set(true);
}

/// Show what the other window told: its chapter, moment, playing and run.
fn apply(s: InStep, text: &str) {
    let (runs, playback, presentation) = (s.runs, s.playback, s.presentation);
    let (computation, predictions) = (s.computation, s.predictions);
    let mut parts = text.splitn(3, '|');
    let (Some(playing), Some(revealed), Some(fragment)) =
        (parts.next(), parts.next(), parts.next())
    else {
        return;
    };
    let (playing, revealed) = (playing == "1", revealed.parse::<usize>().ok());
    let here = runs.with_scenario(|sc| sc.id().to_string());
    let Ok((decoded, scenario)) = Link::decode(fragment, |id| crate::builtin::scenario(id).ok())
    else {
        return;
    };
    let link = decoded.link;
    if scenario.id() != here {
        // The other window went on to another outage: so does this one, as it is.
        let mut whole = Link {
            presenter: presentation.is_presenter(),
            theme: presentation.theme_untracked(),
            ..link
        }
        .encode(&scenario);
        whole.insert(0, '#');
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&whole);
            let _ = w.location().reload();
        }
        return;
    }
    s.last
        .set_value(Some(state(playing, revealed, &link, &scenario).0));
    let inputs = link.inputs(&scenario);
    presentation.title_card().set(false);
    playback.playing().set(false);
    playback.set_speed(link.speed.unwrap_or(DEFAULT_SPEED));
    presentation.set_chapter(link.chapter.map(|c| c as usize));
    predictions.reveal(revealed);
    playback.seek(link.t.ms());
    if runs.with_untracked(|r| *r.inputs() != inputs)
        && s.heading.get_value().as_ref() != Some(&inputs)
    {
        s.heading.set_value(Some(inputs.clone()));
        if let Err(e) = computation.run_instead(inputs, "The other window's run.".into()) {
            s.heading.set_value(None);
            presentation.say(format!("Not run: {e}"));
        }
    }
    if playing {
        playback.playing().set(true);
    }
}
