//! The scenario and its runs: the run on screen, and the runs it replaced, most recent last,
//! which Undo goes back through.

use crate::playback::Playback;
use leptos::prelude::*;
use outage_sim::run::{AnyCursor, Frame};
use outage_sim::{Run, Scenario, SimTime};
use std::sync::Arc;

/// A recorded run of whichever model the scenario has.
pub type SharedRun = Arc<dyn Run>;

#[derive(Clone, Copy)]
pub struct Runs {
    scenario: StoredValue<Scenario>,
    shown: RwSignal<SharedRun>,
    /// The runs `shown` replaced, the last on top: the top one is ghosted on the strip.
    undo: RwSignal<Vec<SharedRun>>,
    /// The run on screen at the playhead.
    view: Memo<Frame>,
    /// How many log entries are at or before the playhead: what reads the log up to now
    /// (event log, inspector) redraws when this changes, not on every instant a drag passes.
    log_len: Memo<usize>,
}

impl Runs {
    /// The page's runs, provided by `App`.
    pub fn here() -> Self {
        expect_context()
    }

    /// `first` is on screen (until the page's first run is computed, it stands in for it).
    pub fn new(scenario: StoredValue<Scenario>, first: SharedRun, playback: Playback) -> Self {
        let shown = RwSignal::new(first);
        // Where the map last looked: playing and dragging forward continue from there.
        let cursor = StoredValue::new_local(AnyCursor::default());
        let view = Memo::new(move |_| {
            let t = playback.now();
            shown
                .with(|r| cursor.try_update_value(|c| r.frame_with(c, t)))
                .unwrap_or_else(|| shown.with(|r| r.frame_at(t)))
        });
        let log_len = Memo::new(move |_| {
            let t = SimTime(playback.ms());
            shown.with(|r| r.log_len_until(t))
        });
        Runs {
            scenario,
            shown,
            undo: RwSignal::new(Vec::new()),
            view,
            log_len,
        }
    }

    pub fn with_scenario<R>(&self, f: impl FnOnce(&Scenario) -> R) -> R {
        self.scenario.with_value(f)
    }

    /// Read the run on screen (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&SharedRun) -> R) -> R {
        self.shown.with(f)
    }
    pub fn with_untracked<R>(&self, f: impl FnOnce(&SharedRun) -> R) -> R {
        self.shown.with_untracked(f)
    }
    /// Redraw with whatever follows the run on screen.
    pub fn track(&self) {
        self.shown.track();
    }
    /// Tell what reads the run on screen to read it again (fields that asked for another run
    /// show this one's values again).
    pub fn refresh(&self) {
        self.shown.update(|_| {});
    }

    /// The run on screen at the playhead.
    pub fn view(&self) -> Memo<Frame> {
        self.view
    }
    pub fn log_len(&self) -> Memo<usize> {
        self.log_len
    }

    /// Make `run` the run on screen. The one it replaces goes on the undo stack, unless it only
    /// stood in while the page's first run was computed: there is nothing to go back to.
    pub fn show(&self, run: SharedRun) {
        let old = self.shown.get_untracked();
        if !old.is_pending() {
            self.undo.update(|u| u.push(old));
        }
        self.shown.set(run);
    }

    /// Back to the run the one on screen replaced, if any (Undo).
    pub fn undo(&self) -> bool {
        let Some(old) = self.undo.try_update(Vec::pop).flatten() else {
            return false;
        };
        self.shown.set(old);
        true
    }
    pub fn can_undo(&self) -> bool {
        self.undo.with(|u| !u.is_empty())
    }
    /// Read the run Undo goes back to, if any (tracked): the strip ghosts it.
    pub fn with_ghost<R>(&self, f: impl FnOnce(Option<&SharedRun>) -> R) -> R {
        self.undo.with(|u| f(u.last()))
    }
}
