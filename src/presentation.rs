//! How the page presents itself: the lecture chapter on screen, the theme (and the stage), the
//! embed mode, the messages for the person, whether the page is past its first screen, and the
//! title card and the list of keys; and the lecture across outages the page is part of.

use crate::switch::Switch;
use leptos::prelude::*;
use outage_sim::link::Lecture;

/// A lecture across outages, as the page tells it: the lecture as its link writes it, and its
/// outages' ids in the order it tells them. It lasts as long as the page: moving to the next
/// outage opens a page of its own.
#[derive(Clone, Debug)]
pub struct LectureOn {
    pub link: Lecture,
    pub ids: Vec<String>,
}
use outage_sim::range::{Range, Span};

/// What the page draws after its first screen, in order, one task each: small enough that
/// none holds a phone's page for long (each costs it what it draws, and the first call of
/// what draws it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Settled {
    /// What is on the map: its groups, edges, nodes and callouts (the first screen holds its
    /// place, the size it will be).
    Map = 1,
    /// The timeline's controls and scrubber.
    Timeline = 2,
    /// The timeline's strip.
    Strip = 3,
    /// The mechanism view below the map.
    Mechanism = 4,
    /// The charts below it.
    Charts = 5,
    /// The first panels beside the map: the inspector and the window of opportunity.
    Inspector = 6,
    /// The event log.
    Log = 7,
    /// About this run, the challenges, model and reality.
    Record = 8,
    /// The sources.
    Sources = 9,
    /// The last: the model's parameters, and the flow on the map.
    Panels = 10,
}

#[derive(Clone, Copy)]
pub struct Presentation {
    /// The lecture chapter on screen, if any.
    chapter: RwSignal<Option<usize>>,
    /// `light`, `dark`, `presenter` or `stage-dark`; none: follow the system.
    theme: RwSignal<Option<String>>,
    /// Map and timeline only, for slides.
    embed: bool,
    /// The presenter's view: narration, speaker's notes and clocks, in step with the projector.
    presenter: bool,
    /// The part of the outage an embed is confined to, as its link writes it and what it covers.
    range: Option<(Range, Span)>,
    /// The last message for the person (an intervention applied or refused).
    status: RwSignal<String>,
    /// What was wrong with the link this page was opened with, if anything.
    link_notice: RwSignal<Option<String>>,
    /// How far the page is past its first screen (the map): what it does not need is drawn
    /// from then on, a stage a task (see `Settled`), so no one task holds the page for long.
    settled: RwSignal<u8>,
    /// On a phone, what lies below the first screen waits for the person (see `settle`).
    hold_below: StoredValue<bool>,
    /// Held there: the person has not scrolled, touched or pressed a key yet.
    waiting: RwSignal<bool>,
    title_card: Switch,
    /// The list of keys `?` shows.
    help: Switch,
    /// The QR code of the link on screen, for students to follow.
    follow_code: Switch,
    lecture: StoredValue<Option<LectureOn>>,
    /// The chapter that closes the lecture, comparing its outages, is on screen.
    comparison: Switch,
}

impl Presentation {
    /// The page's presentation, provided by `open`.
    pub fn here() -> Self {
        expect_context()
    }

    pub fn new(
        chapter: Option<usize>,
        theme: Option<String>,
        embed: bool,
        presenter: bool,
        link_notice: Option<String>,
    ) -> Self {
        Presentation {
            chapter: RwSignal::new(chapter),
            theme: RwSignal::new(theme),
            embed,
            presenter,
            range: None,
            status: RwSignal::new(String::new()),
            link_notice: RwSignal::new(link_notice),
            settled: RwSignal::new(0),
            hold_below: StoredValue::new(false),
            waiting: RwSignal::new(false),
            title_card: Switch::new(false),
            help: Switch::new(false),
            follow_code: Switch::new(false),
            lecture: StoredValue::new(None),
            comparison: Switch::new(false),
        }
    }

    /// The lecture across outages the page is part of, if any.
    pub fn lecture(&self) -> Option<LectureOn> {
        self.lecture.get_value()
    }
    pub fn join_lecture(&self, lecture: LectureOn) {
        self.comparison.set(lecture.link.comparison);
        self.lecture.set_value(Some(lecture));
    }
    /// The lecture's closing chapter, comparing its outages.
    pub fn comparison(&self) -> Switch {
        self.comparison
    }

    pub fn chapter(&self) -> Option<usize> {
        self.chapter.get()
    }
    pub fn set_chapter(&self, chapter: Option<usize>) {
        self.chapter.set(chapter);
    }

    pub fn theme(&self) -> Option<String> {
        self.theme.get()
    }
    pub fn theme_untracked(&self) -> Option<String> {
        self.theme.get_untracked()
    }
    pub fn set_theme(&self, theme: Option<String>) {
        self.theme.set(theme);
    }
    /// Whether the page is on stage (the light or the dark stage theme, on a screen larger
    /// than a phone's): what lays itself out for a room reads this.
    pub fn on_stage(&self) -> bool {
        self.theme
            .with(|t| matches!(t.as_deref(), Some("presenter" | "stage-dark")))
            && !crate::size::narrow()
    }
    pub fn embed(&self) -> bool {
        self.embed
    }
    pub fn is_presenter(&self) -> bool {
        self.presenter
    }
    /// An embed confined to a range: nothing outside it is reachable (no other outage, no
    /// title card, no chapter or instant beyond its ends).
    pub fn confined(self, range: Option<(Range, Span)>) -> Self {
        Presentation { range, ..self }
    }
    pub fn range(&self) -> Option<(Range, Span)> {
        self.range
    }
    pub fn is_confined(&self) -> bool {
        self.range.is_some()
    }

    /// The last message for the person (tracked).
    pub fn status(&self) -> String {
        self.status.get()
    }
    pub fn say(&self, message: impl Into<String>) {
        self.status.set(message.into());
    }

    pub fn link_notice(&self) -> Option<String> {
        self.link_notice.get()
    }
    pub fn has_link_notice(&self) -> bool {
        self.link_notice.with(Option::is_some)
    }
    pub fn set_link_notice(&self, notice: Option<String>) {
        self.link_notice.set(notice);
    }

    pub fn settled_through(&self, stage: Settled) -> bool {
        self.settled.get() >= stage as u8
    }
    /// Whether everything due is drawn: every stage, or on a phone every stage of its first
    /// screen while the rest waits for the person.
    pub fn drawn_all_due(&self) -> bool {
        self.settled_through(Settled::Panels) || self.waiting.get()
    }
    /// On a phone held upright, the views and panels below the map are off its first screen:
    /// they are drawn once the person scrolls, touches, clicks or presses a key, not before, so
    /// opening a link costs the phone only what it shows.
    pub fn hold_below_first_screen(&self, hold: bool) {
        self.hold_below.set_value(hold);
    }
    /// Draw what the first screen left out, a stage a task.
    pub fn settle(&self) {
        let me = *self;
        let now = self.settled.get_untracked();
        if now == Settled::Strip as u8 && self.hold_below.get_value() {
            self.hold_below.set_value(false);
            self.waiting.set(true);
            when_the_person_acts(move || {
                me.waiting.set(false);
                me.settle();
            });
            return;
        }
        if now < Settled::Panels as u8 {
            self.settled.set(now + 1);
            set_timeout(move || me.settle(), std::time::Duration::ZERO);
        }
    }

    /// The title card over the first chapter.
    pub fn title_card(&self) -> Switch {
        self.title_card
    }
    /// The list of keys `?` shows.
    pub fn help(&self) -> Switch {
        self.help
    }
    pub fn follow_code(&self) -> Switch {
        self.follow_code
    }

    /// The theme and embed mode become attributes of the document, so plain CSS does the rest.
    pub fn mirror_on_document(&self) {
        let (theme, embed) = (self.theme, self.embed);
        // An embed's range that holds chapters shows them: the story is what it is about.
        let chapters = self.range.is_some_and(|(_, span)| span.chapters.is_some());
        Effect::new(move |_| {
            let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            else {
                return;
            };
            // On a phone the stage is the ordinary page in the stage's colours: the stage's
            // fixed bars and full-height map would leave a phone's screen too little to read.
            let shown = match theme.get().as_deref() {
                Some("presenter") if crate::size::narrow() => Some("light".to_string()),
                Some("stage-dark") if crate::size::narrow() => Some("dark".to_string()),
                _ => theme.get(),
            };
            // The dark stage is the stage with light type on black.
            match shown.as_deref() {
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
            if embed {
                let _ = root.set_attribute("data-embed", "1");
            }
            if chapters {
                let _ = root.set_attribute("data-embed-chapters", "1");
            }
        });
    }
}

/// Call `then` once, at the person's first scroll, touch, click or key, or when the window
/// changes size (a phone turned on its side lays the panels beside the map). Not at a focus:
/// the page moves the focus itself (to the title card's Start); a screen reader moving through
/// the page scrolls it.
fn when_the_person_acts(then: impl FnOnce() + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let Some(window) = web_sys::window() else {
        return then();
    };
    let then = std::cell::Cell::new(Some(then));
    // Listened to for the life of the page: once called, it does nothing (a window's touch and
    // wheel listeners are passive, so they never hold a scroll).
    let acted = Closure::<dyn FnMut()>::new(move || {
        if let Some(then) = then.take() {
            then();
        }
    });
    for event in [
        "scroll",
        "wheel",
        "pointerdown",
        "touchstart",
        "keydown",
        "resize",
    ] {
        let _ = window.add_event_listener_with_callback_and_bool(
            event,
            acted.as_ref().unchecked_ref(),
            true,
        );
    }
    acted.forget();
}
