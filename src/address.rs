//! The address bar: the link a page is opened with, read once; the link to what the person sees
//! now, written back as they go; and a link pasted into an open page, offered before it replaces
//! the run.

use crate::builtin;
use crate::playback::{Playback, DEFAULT_SPEED};
use crate::presentation::Presentation;
use crate::runs::Runs;
use crate::selection::Selection;
use leptos::prelude::*;
use outage_sim::link::{Against, Lecture, Link};
use outage_sim::{Scenario, SimTime};

thread_local! {
    /// The fragment this page last put in the address bar (or found there on load).
    static LAST_ADDRESS: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// Why the outage the link names could not be opened, if its data could not be fetched.
    static NOT_FETCHED: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// One part of the page's link, as written (`scenario`, `lecture`), before the link is decoded:
/// decoding needs the outage's data, which these parts say to fetch.
fn link_part(key: &str) -> Option<String> {
    outage_sim::link::percent_decoded(&location_hash())
        .trim_start_matches('#')
        .split('&')
        .find_map(|kv| {
            kv.strip_prefix(key)
                .and_then(|rest| rest.strip_prefix('='))
                .map(str::to_string)
        })
}

/// The outage the page's link names (the default outage if it names none).
fn named_outage() -> String {
    link_part("scenario").unwrap_or_else(|| outage_sim::DEFAULT_SCENARIO.to_string())
}

/// Before the page is drawn: fetch the data of the outage its link names, if this build does not
/// carry it. A failure is kept to be said, and the page opens the default outage.
pub async fn fetch_named_outage() {
    if let Err(e) = builtin::fetch(&named_outage()).await {
        NOT_FETCHED.with(|n| *n.borrow_mut() = Some(e));
        return;
    }
    // A lecture's comparison sets its outages side by side: their data too. One that cannot be
    // fetched is left out of the comparison, which says so.
    for id in lecture_outages() {
        let _ = builtin::fetch(&id).await;
    }
}

/// The outages of the lecture the page's link names, as ids (none if it names no lecture or a
/// bad one: the link's decoder says what is wrong with it).
fn lecture_outages() -> Vec<String> {
    let Some(v) = link_part("lecture") else {
        return Vec::new();
    };
    let catalogue = builtin::catalogue();
    let ids: Vec<&str> = catalogue.iter().map(|o| o.id.as_str()).collect();
    outage_sim::link::Lecture::parse(&v)
        .ok()
        .and_then(|outages| {
            outage_sim::link::Lecture {
                outages,
                comparison: false,
            }
            .ids(&ids)
            .ok()
        })
        .unwrap_or_default()
}

fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replace the address's fragment (no new history entry); returns the whole address.
fn write_address(hash: &str) -> String {
    let Some(w) = web_sys::window() else {
        return String::new();
    };
    if w.location().hash().ok().as_deref() != Some(hash) {
        if let Ok(h) = w.history() {
            // The entry keeps its place in the runs' history (see `history`).
            let state = h.state().unwrap_or(wasm_bindgen::JsValue::NULL);
            let _ = h.replace_state_with_url(&state, "", Some(hash));
        }
    }
    // As the browser reports it back (it may encode what it was given).
    let written = w.location().hash().unwrap_or_default();
    LAST_ADDRESS.with(|a| *a.borrow_mut() = Some(written));
    w.location().href().unwrap_or_default()
}

/// The address on screen is the page's own, as Back or Forward through its runs left it: later
/// rewrites follow it.
pub fn adopt() {
    LAST_ADDRESS.with(|a| *a.borrow_mut() = Some(location_hash()));
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

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Open outage `id`'s title card: a page of its own (the browser's Back returns to this one).
/// A lecture on stage stays on stage: the page's theme goes along, and so does the lecture
/// across outages the page is part of, if it tells that outage.
pub fn open_outage(id: &str, presentation: Presentation) {
    let lecture = presentation
        .lecture()
        .map(|l| l.link)
        .filter(|l| l.position(id).is_some());
    open_in_lecture(id, lecture.as_ref(), presentation);
}

/// Open outage `id`'s title card as part of `lecture` (none: on its own).
pub fn open_in_lecture(id: &str, lecture: Option<&Lecture>, presentation: Presentation) {
    let Some(w) = web_sys::window() else {
        return;
    };
    let theme = presentation
        .theme_untracked()
        .map(|t| format!("&theme={t}"))
        .unwrap_or_default();
    let lecture = lecture
        .map(|l| format!("&lecture={}", l.outages.join(",")))
        .unwrap_or_default();
    let hash = format!("#v=1&scenario={id}{theme}{lecture}");
    // What the page wrote last is no longer on screen: the hashchange that follows is ours.
    LAST_ADDRESS.with(|a| *a.borrow_mut() = Some(hash.clone()));
    let _ = w.location().assign(&hash);
    reload();
}

/// Whether the address asks for a moment of a run. A bare address, or one that names only an
/// outage, a theme and a lecture (as the title card's list of outages, the outage picker and
/// the next outage of a lecture do), opens that outage's story instead.
pub fn link_given() -> bool {
    outage_sim::link::percent_decoded(&location_hash())
        .trim_start_matches('#')
        .split('&')
        .filter(|kv| !kv.is_empty())
        .any(|kv| {
            !matches!(
                kv.split('=').next(),
                Some("v" | "scenario" | "theme" | "lecture")
            )
        })
}

/// The link the page was opened with, decoded; a broken one gives the defaults and a message.
pub fn opened_link() -> (Link, Scenario, Option<String>) {
    LAST_ADDRESS.with(|a| *a.borrow_mut() = Some(location_hash()));
    let default = || {
        builtin::scenario(outage_sim::DEFAULT_SCENARIO)
            .expect("the built-in scenario parses (tested natively)")
    };
    let hash = location_hash();
    if hash.len() <= 1 {
        let s = default();
        return (Link::new(&s), s, None);
    }
    if let Some(why) = NOT_FETCHED.with(|n| n.borrow_mut().take()) {
        let s = default();
        return (Link::new(&s), s, Some(why));
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

/// What the page shows in the address bar, and a link opened over it.
#[derive(Clone, Copy)]
pub struct Address {
    runs: Runs,
    playback: Playback,
    selection: Selection,
    presentation: Presentation,
    /// A link pasted into the address bar of this page, not loaded yet.
    pending: RwSignal<Option<String>>,
}

impl Address {
    /// The page's address, provided by `open`.
    pub fn here() -> Self {
        expect_context()
    }

    pub fn new(
        runs: Runs,
        playback: Playback,
        selection: Selection,
        presentation: Presentation,
    ) -> Self {
        Address {
            runs,
            playback,
            selection,
            presentation,
            pending: RwSignal::new(None),
        }
    }

    /// The link that reproduces what the person sees now.
    pub fn link(&self) -> String {
        self.link_in(self.presentation.theme())
    }

    /// The same moment of the same run for another screen: a phone picks its own theme.
    pub fn link_elsewhere(&self) -> String {
        self.link_in(None)
    }

    fn link_in(&self, theme: Option<String>) -> String {
        let p = self.presentation;
        let embed = p.embed();
        let chapter = p.chapter().map(|c| c as u32);
        let lecture = p.lecture().map(|l| Lecture {
            comparison: p.comparison().is_on(),
            ..l.link
        });
        self.runs.with_scenario(|s| {
            self.runs.with(|r| {
                let speed = self.playback.speed();
                Link {
                    t: SimTime(self.playback.ms()),
                    speed: (speed != DEFAULT_SPEED).then_some(speed),
                    node: self.selection.selected(),
                    chapter,
                    theme,
                    embed,
                    presenter: p.is_presenter(),
                    range: p.range().map(|(r, _)| r),
                    against: self
                        .runs
                        .with_against(|a| a.map(|a| Against::of(s, a.inputs()))),
                    lecture,
                    ..Link::of(s, r.inputs())
                }
                .encode(s)
            })
        })
    }

    /// Put the link to what the person sees now in the address bar; returns the whole address.
    pub fn show_link(&self) -> String {
        write_address(&format!("#{}", untrack(|| self.link())))
    }

    /// Keep the address on what the person sees, and watch for a link opened over the page.
    pub fn follow(&self) {
        let a = *self;
        let (playback, presentation) = (self.playback, self.presentation);
        // The address follows the state (replaced, not pushed: no flood of history entries),
        // but not while playing (a link is a moment), and only once a drag comes to rest:
        // browsers throttle a page that rewrites its address on every frame.
        let pending_write = StoredValue::new_local(None::<TimeoutHandle>);
        Effect::new(move |_| {
            // Under the title card the address stays bare, so a reload shows the card again.
            if playback.playing().is_on() || presentation.title_card().is_on() {
                return;
            }
            let hash = format!("#{}", a.link());
            if let Some(h) = pending_write.try_update_value(Option::take).flatten() {
                h.clear();
            }
            let handle = set_timeout_with_handle(
                move || write_address_unless_changed(&hash),
                std::time::Duration::from_millis(150),
            );
            pending_write.set_value(handle.ok());
        });
        // A link pasted into the address bar of an open page does not replace the run in
        // progress without asking.
        let listener = window_event_listener(leptos::ev::hashchange, move |_| {
            // Back and Forward between the page's own entries step through its runs.
            if crate::history::ours() {
                return;
            }
            let hash = location_hash();
            if hash.len() > 1 && presentation.title_card().is_on_untracked() {
                // Nothing has been done under the title card yet: nothing to lose by opening it.
                reload();
            } else if hash.len() > 1 && hash != format!("#{}", a.link()) {
                a.pending.set(Some(hash));
            }
        });
        // The listener lives as long as the page.
        std::mem::forget(listener);
    }
}

/// The question a link opened over the page asks: load it, or keep the run on screen.
#[component]
pub fn NewLink() -> impl IntoView {
    let a = Address::here();
    view! {
        <Show when=move || a.pending.with(|p| p.is_some())>
            <div class="notice" role="alertdialog" aria-label="Open the new link?">
                <p>"A new link was opened. Load it? This replaces the run you are working on."</p>
                <button type="button" on:click=move |_| reload()>"Load the new link"</button>
                <button type="button" on:click=move |_| {
                    a.pending.set(None);
                    a.show_link();
                }>"Keep my run"</button>
            </div>
        </Show>
    }
}
