//! The engine: one event loop over integer time (TigerBeetle/turmoil style). Discrete events go
//! to the model, which routes them to the mechanism they concern; a fixed tick advances the
//! fleet-sized subsystems; the intervention script is applied at its instants. After every
//! event, health is re-evaluated. `World` is `Clone`, so a recording can keep checkpoints and seek.

use crate::engine::health::Board;
use crate::engine::log::{EntryKind, EventId, Log};
use crate::engine::model::{Intervene, Listed, Model, ModelTypes, Timed};
use crate::engine::observe::View;
use crate::engine::queue::{Ctx, Due, Queue};
use crate::engine::time::{SimTime, MINUTE};

#[derive(Clone, Debug)]
pub struct World<M: Model> {
    pub now: SimTime,
    queue: Queue<M::Action>,
    pub params: M::Params,
    pub model: M,
    pub board: Board,
    /// Index of the next script entry to apply.
    pub next_intervention: usize,
    /// Work done so far: one unit per event and intervention, plus each tick's `tick_work`.
    /// What a run's budget bounds.
    pub work: u64,
    /// Scratch space for the model's error shares (kept to avoid an allocation per event).
    errors: Vec<(f64, Option<EventId>)>,
}

pub type ModelLog<M> = Log<<M as ModelTypes>::Node, <M as ModelTypes>::Event>;

impl<M: Model> World<M> {
    pub fn new(params: M::Params, seed: u64) -> World<M> {
        let mut queue = Queue::default();
        // Nothing is logged before the first event; a scratch log keeps `Ctx` uniform.
        let mut log = Log::default();
        let model = M::new(
            &params,
            seed,
            &mut Ctx::new(SimTime::ZERO, &params, &mut log, &mut queue),
        );
        queue.schedule(SimTime(M::TICK_MS), Due::Tick);
        let n = M::Node::ALL.len();
        World {
            now: SimTime::ZERO,
            queue,
            params,
            model,
            board: Board::new(n),
            next_intervention: 0,
            work: 0,
            errors: vec![(0.0, None); n],
        }
    }

    /// Events scheduled since the run began: the measure of how much work a run is.
    pub fn events_scheduled(&self) -> u64 {
        self.queue.scheduled()
    }

    /// Advance to `until`: every intervention at or before it is applied, every event strictly
    /// before it is processed. (Interventions precede events at the same instant, so a world
    /// stopped at `t` can take a new intervention at `t` and match a straight run.)
    /// It stops early (and returns `false`) once the work done passes `budget`.
    pub fn run_until(
        &mut self,
        until: SimTime,
        script: &[Timed<M::Intervention>],
        log: &mut ModelLog<M>,
        samples: &mut Vec<View<M::Gauges>>,
        budget: u64,
    ) -> bool {
        loop {
            if self.work > budget {
                return false;
            }
            let next_event = self.queue.next_at();
            let next_iv = script.get(self.next_intervention).map(|t| t.at);
            match (next_iv, next_event) {
                (Some(ti), te) if ti <= until && te.is_none_or(|te| ti <= te) => {
                    self.now = self.now.max(ti);
                    let done = &script[..self.next_intervention];
                    let what = &script[self.next_intervention];
                    self.next_intervention += 1;
                    match Self::superseded(what, done) {
                        Some(instead) => self.skip(what, instead, log),
                        None => self.intervene(what, log),
                    }
                }
                (_, Some(te)) if te < until => {
                    let Some((t, due)) = self.queue.pop() else {
                        break;
                    };
                    self.now = t;
                    self.handle(due, log, samples);
                }
                _ => break,
            }
        }
        self.now = self.now.max(until);
        true
    }

    fn handle(
        &mut self,
        due: Due<M::Action>,
        log: &mut ModelLog<M>,
        samples: &mut Vec<View<M::Gauges>>,
    ) {
        let mut cx = Ctx::new(self.now, &self.params, log, &mut self.queue);
        self.work += 1;
        let shares_may_change = match due {
            Due::Model(action) => self.model.handle(action, &mut cx),
            Due::Tick => {
                self.work += self.model.tick_work();
                self.model.tick(&mut cx);
                true
            }
        };
        if shares_may_change {
            Self::reevaluate(&self.model, &mut self.board, &mut self.errors, &mut cx);
        }
        if due == Due::Tick {
            if self.now.ms().is_multiple_of(MINUTE) {
                samples.push(self.view());
            }
            self.queue.schedule(self.now.plus(M::TICK_MS), Due::Tick);
        }
    }

    /// The person's earlier intervention that set what this step of the incident's script sets,
    /// if any: the person's choice stands (the script never overrides it without a word).
    fn superseded<'a>(
        step: &Timed<M::Intervention>,
        done: &'a [Timed<M::Intervention>],
    ) -> Option<&'a Timed<M::Intervention>> {
        let setting = step.what.sets().filter(|_| step.incident)?;
        done.iter()
            .rev()
            .find(|t| !t.incident && t.what.sets() == Some(setting))
    }

    /// Log a step of the incident's script as skipped, and why.
    fn skip(
        &mut self,
        step: &Timed<M::Intervention>,
        instead: &Timed<M::Intervention>,
        log: &mut ModelLog<M>,
    ) {
        let mut cx: Ctx<M> = Ctx::new(self.now, &self.params, log, &mut self.queue);
        self.work += 1;
        let kind = EntryKind::Skipped {
            label: step.what.label(),
            instead: instead.what.label(),
        };
        cx.log_engine(step.what.node(), kind, None);
    }

    /// Log the intervention on its node, as the person's or the incident's, then let its
    /// mechanism apply it.
    fn intervene(&mut self, timed: &Timed<M::Intervention>, log: &mut ModelLog<M>) {
        let mut cx = Ctx::new(self.now, &self.params, log, &mut self.queue);
        self.work += 1;
        let what = &timed.what;
        let label = what.label();
        let kind = if timed.incident {
            EntryKind::Incident { label }
        } else {
            EntryKind::Intervention { label }
        };
        let by = cx.log_engine(what.node(), kind, None);
        what.apply(&mut self.model, by, &mut cx);
        Self::reevaluate(&self.model, &mut self.board, &mut self.errors, &mut cx);
    }

    /// Every node's error share, and the health the board shows for it (fields passed apart:
    /// the context already borrows the parameters and the queue).
    fn reevaluate(
        model: &M,
        board: &mut Board,
        errors: &mut [(f64, Option<EventId>)],
        cx: &mut Ctx<M>,
    ) {
        model.errors(board, cx.params, errors);
        board.update(errors, cx);
    }

    pub fn view(&self) -> View<M::Gauges> {
        View {
            at: self.now,
            error_bp: self.board.error_bp.clone(),
            health: self.board.health.clone(),
            gauges: self.model.gauges(self.now, &self.params),
        }
    }
}
