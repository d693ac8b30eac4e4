//! Playback: where the playhead is, whether it plays and how fast, and how much of the window
//! the timeline shows; with the clock times every panel writes.

use crate::switch::Switch;
use leptos::prelude::*;
use outage_sim::{Scenario, SimTime};

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

/// Simulated milliseconds per real second unless the link says otherwise.
pub const DEFAULT_SPEED: u64 = 600_000;

/// The span of time shown: (first instant, length), both in ms.
pub type Range = (u64, u64);

#[derive(Clone, Copy)]
pub struct Playback {
    /// For the clock times: the scenario's epoch and zone.
    scenario: StoredValue<Scenario>,
    /// The window's length in ms: every run of a scenario covers the same window.
    window: u64,
    /// The instants the playhead may take, in ms: the whole window, or an embed's range.
    bounds: (u64, u64),
    /// Simulated milliseconds since the scenario's start.
    playhead: RwSignal<u64>,
    playing: Switch,
    /// Simulated milliseconds per real second while playing.
    speed: RwSignal<u64>,
    /// Index into `ZOOMS`: how much of the window the timeline shows.
    zoom: RwSignal<usize>,
    /// First instant the zoomed timeline shows.
    zoom_from: RwSignal<u64>,
}

impl Playback {
    /// The page's playback, provided by `open`.
    pub fn here() -> Self {
        expect_context()
    }

    /// `bounds`: an embed's range, outside which the playhead never goes.
    pub fn new(
        scenario: StoredValue<Scenario>,
        start: SimTime,
        speed: u64,
        bounds: Option<(SimTime, SimTime)>,
    ) -> Self {
        let window = scenario.with_value(|s| s.window.ms());
        let bounds = bounds.map_or((0, window), |(a, b)| (a.ms(), b.ms().min(window)));
        let p = Playback {
            scenario,
            window,
            bounds,
            playhead: RwSignal::new(start.ms().clamp(bounds.0, bounds.1)),
            playing: Switch::new(false),
            speed: RwSignal::new(speed),
            zoom: RwSignal::new(0),
            zoom_from: RwSignal::new(0),
        };
        // A zoomed timeline follows the playhead when it leaves the span shown.
        Effect::new(move |_| {
            let t = p.playhead.get();
            let (from, span) = p.range();
            if p.zoom.get_untracked() > 0 && !(from..=from + span).contains(&t) {
                p.zoom_from.set(t.saturating_sub(span / 10));
            }
        });
        p
    }

    /// The playhead in ms (tracked).
    pub fn ms(&self) -> u64 {
        self.playhead.get()
    }
    pub fn ms_untracked(&self) -> u64 {
        self.playhead.get_untracked()
    }
    pub fn now(&self) -> SimTime {
        SimTime(self.ms())
    }
    pub fn now_untracked(&self) -> SimTime {
        SimTime(self.ms_untracked())
    }
    /// The window's length in ms.
    pub fn window(&self) -> u64 {
        self.window
    }

    /// Move the playhead to `ms` (within the window, or the embed's range); playing goes on
    /// from there.
    pub fn seek(&self, ms: u64) {
        self.playhead.set(ms.clamp(self.bounds.0, self.bounds.1));
    }
    /// Stop and put the playhead at `t`.
    pub fn go_to(&self, t: SimTime) {
        self.playing.set(false);
        self.seek(t.ms());
    }

    /// Whether the playhead moves on by itself.
    pub fn playing(&self) -> Switch {
        self.playing
    }
    /// One step of playing: `ms` on, stopping at the window's (or the range's) end.
    pub fn advance(&self, ms: u64) {
        let next = (self.ms_untracked() + ms).min(self.bounds.1);
        self.playhead.set(next);
        if next >= self.bounds.1 {
            self.playing.set(false);
        }
    }

    pub fn speed(&self) -> u64 {
        self.speed.get()
    }
    pub fn speed_untracked(&self) -> u64 {
        self.speed.get_untracked()
    }
    pub fn set_speed(&self, v: u64) {
        self.speed.set(v);
    }

    /// Index into `ZOOMS` of the span shown (tracked).
    pub fn zoom(&self) -> usize {
        self.zoom.get()
    }

    /// The span the timeline shows: (first instant, length) in ms; never more than the
    /// playhead may take.
    pub fn range(&self) -> Range {
        let span = ZOOMS[self.zoom.get().min(ZOOMS.len() - 1)].1;
        let (lo, hi) = self.bounds;
        if span == 0 || span >= hi - lo {
            (lo, hi - lo)
        } else {
            (self.zoom_from.get().clamp(lo, hi - span), span)
        }
    }

    /// Zoom in or out around the playhead.
    pub fn zoom_by(&self, inward: bool) {
        let mut z = self.zoom.get_untracked();
        // Spans as long as the window show all of it: skip them, whichever way.
        loop {
            z = if inward {
                (z + 1).min(ZOOMS.len() - 1)
            } else {
                z.saturating_sub(1)
            };
            let whole = ZOOMS[z].1 == 0 || ZOOMS[z].1 >= self.bounds.1 - self.bounds.0;
            if z == 0 || z == ZOOMS.len() - 1 || !whole {
                break;
            }
        }
        self.zoom.set(z);
        self.zoom_from
            .set(self.ms_untracked().saturating_sub(ZOOMS[z].1 / 2));
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
}
