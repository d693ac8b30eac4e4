//! The engine: one event loop over integer time (TigerBeetle/turmoil style). Discrete events go
//! to the mechanism they concern, a fixed tick advances the fleet-sized subsystems, and the
//! intervention script is applied at its instants. After every event, health is re-evaluated.
//! `World` is `Clone`, so a recording can keep checkpoints and seek.

use crate::health::Board;
use crate::intervention::{Intervention, Timed};
use crate::log::{EventKind, Log};
use crate::observe::View;
use crate::params::Params;
use crate::queue::{Action, Ctx, Queue};
use crate::region::Region;
use crate::time::{SimTime, MINUTE};

pub use crate::region::TICK_MS;

#[derive(Clone, Debug)]
pub struct World {
    pub now: SimTime,
    queue: Queue,
    pub params: Params,
    pub region: Region,
    pub board: Board,
    /// Index of the next script entry to apply.
    pub next_intervention: usize,
}

impl World {
    pub fn new(params: Params, seed: u64) -> World {
        let region = Region::new(&params, seed);
        let mut w = World {
            now: SimTime::ZERO,
            queue: Queue::default(),
            region,
            board: Board::default(),
            next_intervention: 0,
            params,
        };
        w.region.dns.start(&w.params, &mut w.queue);
        w.queue.schedule(SimTime(TICK_MS), Action::Tick);
        w
    }

    /// Events scheduled since the run began: the measure of how much work a run is.
    pub fn events_scheduled(&self) -> u64 {
        self.queue.scheduled()
    }

    /// Advance to `until`: every intervention at or before it is applied, every event strictly
    /// before it is processed. (Interventions precede events at the same instant, so a world
    /// stopped at `t` can take a new intervention at `t` and match a straight run.)
    pub fn run_until(
        &mut self,
        until: SimTime,
        script: &[Timed],
        log: &mut Log,
        samples: &mut Vec<View>,
    ) {
        loop {
            let next_event = self.queue.next_at();
            let next_iv = script.get(self.next_intervention).map(|t| t.at);
            match (next_iv, next_event) {
                (Some(ti), te) if ti <= until && te.is_none_or(|te| ti <= te) => {
                    self.now = self.now.max(ti);
                    let what = &script[self.next_intervention];
                    self.next_intervention += 1;
                    self.intervene(&what.what, log);
                }
                (_, Some(te)) if te < until => {
                    let Some((t, action)) = self.queue.pop() else {
                        break;
                    };
                    self.now = t;
                    self.handle(action, log, samples);
                }
                _ => break,
            }
        }
        self.now = self.now.max(until);
    }

    fn handle(&mut self, action: Action, log: &mut Log, samples: &mut Vec<View>) {
        let mut cx = Ctx {
            now: self.now,
            params: &self.params,
            log,
            queue: &mut self.queue,
        };
        let r = &mut self.region;
        match action {
            Action::PlannerTick => r.dns.planner_tick(&mut cx),
            Action::EnactorWake(i) => r.dns.enactor_wake(i as usize, &mut cx),
            Action::EnactorCommit(i) => r.dns.enactor_commit(i as usize, &mut cx, &mut r.caches),
            Action::CacheRefresh(g, c) => {
                let resolves = r.regional_resolves();
                r.caches.refresh(g as usize, c as usize, resolves, &mut cx)
            }
            Action::RestartHost(h) => r.dwfm.restart_host(h as usize, &mut cx),
            Action::Tick => r.fleet_tick(&mut cx),
        }
        self.board
            .update(&self.region.errors(&self.board, &self.params), &mut cx);
        if action == Action::Tick {
            if self.now.ms().is_multiple_of(MINUTE) {
                samples.push(self.view());
            }
            self.queue.schedule(self.now.plus(TICK_MS), Action::Tick);
        }
    }

    /// Log the intervention on its node, then let its mechanism apply it.
    fn intervene(&mut self, what: &Intervention, log: &mut Log) {
        let mut cx = Ctx {
            now: self.now,
            params: &self.params,
            log,
            queue: &mut self.queue,
        };
        let by = cx.log(
            what.node(),
            EventKind::Intervention {
                label: what.label(),
            },
            None,
        );
        what.apply(&mut self.region, by, &mut cx);
        self.board
            .update(&self.region.errors(&self.board, &self.params), &mut cx);
    }

    pub fn view(&self) -> View {
        View {
            at: self.now,
            error_bp: self.board.error_bp.to_vec(),
            health: self.board.health.to_vec(),
            gauges: self.region.gauges(self.now, &self.params),
        }
    }
}
