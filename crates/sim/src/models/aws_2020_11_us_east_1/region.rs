//! The November 2020 region: the Kinesis front end and what depends on it, ticked together,
//! and every node's error share.

use super::dependents::Dependents;
use super::frontend::Frontend;
use super::{Ctx, Gauges, Intervention, Params, Service};
use crate::engine::health::Board;
use crate::engine::log::EventId;
use crate::engine::model::{Cost, ErrorShares, Model};
use crate::engine::queue::NoAction;
use crate::engine::time::{SimTime, SECOND};

/// Step of the fleet: it only sets how finely the fleet's flows are integrated.
pub const TICK_MS: u64 = 30 * SECOND;

#[derive(Clone, Debug)]
pub struct Region {
    pub frontend: Frontend,
    pub deps: Dependents,
}

impl Region {
    /// What a Kinesis caller sees: the share of requests that fail, and why.
    pub fn kinesis(&self, p: &Params) -> (f64, Option<EventId>) {
        (self.frontend.request_error_share(p), self.frontend.cause)
    }

    /// What CloudWatch sees: Kinesis's errors, unless it has its own front-end fleet, which is
    /// small enough to stay under the thread limit (or not, if the limit is lower still). Its
    /// puts fail as Kinesis's requests do, so it recovers partly once the restarted servers
    /// carry more than half of them (its early recovery [S1]; the sources give no cause, and
    /// this is the least assumption consistent with the restart's progress) and fully with
    /// Kinesis.
    pub fn cloudwatch(&self, p: &Params) -> f64 {
        let own_threads = p.base_threads + p.cloudwatch_fleet_servers.saturating_sub(1);
        if self.deps.cloudwatch_own_fleet && own_threads <= self.frontend.thread_limit {
            0.0
        } else {
            self.kinesis(p).0
        }
    }
}

impl Model for Region {
    type Intervention = Intervention;

    fn new(p: &Params, seed: u64, _cx: &mut Ctx) -> Region {
        Region {
            frontend: Frontend::new(p, seed),
            deps: Dependents::default(),
        }
    }

    fn handle(&mut self, action: NoAction, _cx: &mut Ctx) -> bool {
        match action {}
    }

    fn tick(&mut self, cx: &mut Ctx) {
        self.frontend.tick(TICK_MS, cx);
        let cw = self.cloudwatch(cx.params);
        self.deps.tick(TICK_MS, self.kinesis(cx.params), cw, cx);
    }

    fn errors(&self, _board: &Board, p: &Params, out: &mut ErrorShares) {
        out.fill((0.0, None));
        let kinesis = self.kinesis(p);
        out[Service::Frontend.index()] = (self.frontend.unable_share(), kinesis.1);
        out[Service::Kinesis.index()] = kinesis;
        self.deps.errors(out, kinesis, self.cloudwatch(p), p);
    }

    fn tick_work(&self) -> u64 {
        1 + self.frontend.cohorts.len() as u64
    }

    fn footprint(&self) -> u64 {
        std::mem::size_of::<Region>() as u64 + self.frontend.footprint()
    }

    fn cost(p: &Params, window: SimTime) -> Vec<Cost> {
        vec![Cost {
            param: "learning_cohorts",
            work: (window.ms() / TICK_MS) * (2 + p.learning_cohorts),
            raise: false,
        }]
    }

    fn gauges(&self, _now: SimTime, p: &Params) -> Gauges {
        self.measure(p)
    }
}
