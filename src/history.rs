//! The browser's history is the run's history: every run that replaces the one on screen (a
//! what-if, a quiet run, a changed parameter) is an entry, so Back and Forward walk through the
//! runs as Undo and Redo do (they are the same steps), and Back from the first run says that one
//! more leaves the app instead of leaving at once. An entry's state is the run's place in
//! `Runs`' history; the page's first entry is a guard before it.

use crate::presentation::Presentation;
use crate::runs::Runs;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The state of the entry before the first run: Back from there leaves the app.
const GUARD: f64 = -1.0;

fn history() -> Option<web_sys::History> {
    web_sys::window().and_then(|w| w.history().ok())
}

/// The run's place an entry's state holds (`None`: an entry this page did not write).
pub fn place(state: &JsValue) -> Option<f64> {
    state.as_f64()
}

/// Whether the entry on screen is one this page wrote: moving to it is a step through the
/// runs, not a new link.
pub fn ours() -> bool {
    history()
        .and_then(|h| h.state().ok())
        .is_some_and(|s| place(&s).is_some())
}

/// The page's first entries: the guard, then the first run.
pub fn begin() {
    if let Some(h) = history() {
        let _ = h.replace_state_with_url(&JsValue::from_f64(GUARD), "", None);
        let _ = h.push_state_with_url(&JsValue::from_f64(0.0), "", None);
    }
}

/// A new run is on screen at `place`: a new entry (forward entries are dropped, as Redo's are).
pub fn pushed(place: usize) {
    if let Some(h) = history() {
        let _ = h.push_state_with_url(&JsValue::from_f64(place as f64), "", None);
    }
}

/// Undo: one entry back, which shows the run before.
pub fn back() {
    if let Some(h) = history() {
        let _ = h.back();
    }
}

/// Redo: one entry forward.
pub fn forward() {
    if let Some(h) = history() {
        let _ = h.forward();
    }
}

/// Follow Back and Forward for the life of the page.
pub fn follow(runs: Runs, presentation: Presentation) {
    let listener = window_event_listener(leptos::ev::popstate, move |ev| {
        let Some(p) = place(&ev.state()) else { return };
        // The entry's address is the page's own: what the page writes next follows it.
        crate::address::adopt();
        if p < 0.0 {
            presentation
                .say("This is the first run of this page: Back once more leaves Outage Explorer.");
            return;
        }
        let (from, to) = (runs.place(), p as usize);
        if runs.go_to(to) && from != to {
            presentation.say(if to < from {
                "Back to the previous run."
            } else {
                "Forward to the next run."
            });
        }
    });
    std::mem::forget(listener);
}
