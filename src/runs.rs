//! The scenario and its runs: the run on screen, the runs it replaced (most recent last), which
//! Undo goes back through, and the runs Undo left, which Redo goes forward through. Each new run
//! is an entry of the browser's history (see `history`).

use crate::playback::Playback;
use leptos::prelude::*;
use outage_sim::contrast::Divergence;
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
    /// The runs Undo went back from, the next one last.
    redo: RwSignal<Vec<SharedRun>>,
    /// The run the one on screen is compared with ("A"; the run on screen is "B"), if any: it
    /// stays while the person forks, undoes and redoes, until they stop comparing.
    against: RwSignal<Option<SharedRun>>,
    /// The compared run at the playhead.
    against_view: Memo<Option<Frame>>,
    /// Where the compared run's log and the run on screen's first part.
    parted: Memo<Option<Divergence>>,
    /// The run on screen at the playhead.
    view: Memo<Frame>,
    /// How many log entries are at or before the playhead: what reads the log up to now
    /// (event log, inspector) redraws when this changes, not on every instant a drag passes.
    log_len: Memo<usize>,
}

impl Runs {
    /// The page's runs, provided by `open`.
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
        let against: RwSignal<Option<SharedRun>> = RwSignal::new(None);
        let against_cursor = StoredValue::new_local(AnyCursor::default());
        let against_view = Memo::new(move |_| {
            let t = playback.now();
            against.with(|a| {
                let a = a.as_ref()?;
                against_cursor
                    .try_update_value(|c| a.frame_with(c, t))
                    .or_else(|| Some(a.frame_at(t)))
            })
        });
        let parted = Memo::new(move |_| {
            against.with(|a| {
                let a = a.as_ref()?;
                shown.with(|b| (!b.is_pending()).then(|| a.first_divergence(b.as_ref()))?)
            })
        });
        Runs {
            scenario,
            shown,
            parted,
            undo: RwSignal::new(Vec::new()),
            redo: RwSignal::new(Vec::new()),
            against,
            against_view,
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
    /// stood in while the page's first run was computed: there is nothing to go back to. What
    /// Undo had left is dropped, and the browser's history gets an entry for the new run.
    pub fn show(&self, run: SharedRun) {
        let old = self.shown.get_untracked();
        if !old.is_pending() {
            self.undo.update(|u| u.push(old));
            self.redo.update(Vec::clear);
            crate::history::pushed(self.place());
        }
        self.shown.set(run);
    }

    /// The run on screen's place in the history: how many runs it replaced.
    pub fn place(&self) -> usize {
        self.undo.with_untracked(Vec::len)
    }

    /// Back to the run the one on screen replaced, if any.
    pub fn undo(&self) -> bool {
        self.step(self.undo, self.redo)
    }
    /// Forward to the run Undo went back from, if any.
    pub fn redo(&self) -> bool {
        self.step(self.redo, self.undo)
    }
    /// Show the top of `from`, keeping the run on screen on `to`.
    fn step(&self, from: RwSignal<Vec<SharedRun>>, to: RwSignal<Vec<SharedRun>>) -> bool {
        let Some(run) = from.try_update(Vec::pop).flatten() else {
            return false;
        };
        let now = self.shown.get_untracked();
        to.update(|r| r.push(now));
        self.shown.set(run);
        true
    }
    /// Undo or redo until the run at `place` is on screen; `false` if there is no such run.
    pub fn go_to(&self, place: usize) -> bool {
        let known = self.place() + self.redo.with_untracked(Vec::len);
        if place > known {
            return false;
        }
        while self.place() > place && self.undo() {}
        while self.place() < place && self.redo() {}
        true
    }
    pub fn can_undo(&self) -> bool {
        self.undo.with(|u| !u.is_empty())
    }
    pub fn can_redo(&self) -> bool {
        self.redo.with(|r| !r.is_empty())
    }
    /// Read the run the strip ghosts (tracked): the compared run, or else the one Undo goes
    /// back to, if any.
    pub fn with_ghost<R>(&self, f: impl FnOnce(Option<&SharedRun>) -> R) -> R {
        if let Some(r) = self.against.with(|a| a.clone()) {
            return f(Some(&r));
        }
        self.undo.with(|u| f(u.last()))
    }

    /// Compare the run on screen with `run` (which becomes "A").
    pub fn compare_with(&self, run: SharedRun) {
        self.against.set(Some(run));
    }
    pub fn stop_comparing(&self) {
        self.against.set(None);
    }
    /// Read the compared run, if any (tracked).
    pub fn with_against<R>(&self, f: impl FnOnce(Option<&SharedRun>) -> R) -> R {
        self.against.with(|a| f(a.as_ref()))
    }
    pub fn is_comparing(&self) -> bool {
        self.against.with(Option::is_some)
    }
    /// Where the compared run and the run on screen first part, if they are compared and do.
    pub fn parted(&self) -> Memo<Option<Divergence>> {
        self.parted
    }
    /// The compared run at the playhead, if any.
    pub fn against_view(&self) -> Memo<Option<Frame>> {
        self.against_view
    }

    /// A run of `inputs` this page has computed already (on screen, behind Undo or Redo, or
    /// compared), so it need not be computed again.
    pub fn known(&self, inputs: &outage_sim::Inputs) -> Option<SharedRun> {
        let same = |r: &&SharedRun| !r.is_pending() && r.inputs() == inputs;
        let shown = self.shown.with_untracked(|r| same(&r).then(|| r.clone()));
        shown
            .or_else(|| {
                self.undo
                    .with_untracked(|u| u.iter().rev().find(same).cloned())
            })
            .or_else(|| {
                self.redo
                    .with_untracked(|u| u.iter().rev().find(same).cloned())
            })
            .or_else(|| {
                self.against
                    .with_untracked(|a| a.as_ref().filter(same).cloned())
            })
    }
    /// The run Undo goes back to, if any.
    pub fn before(&self) -> Option<SharedRun> {
        self.undo.with_untracked(|u| u.last().cloned())
    }
}
