//! The event queue and the context every handler is given. Events are ordered by time, then by
//! the order they were scheduled: simultaneous events depend on nothing but the run's history.

use crate::log::{EventId, EventKind, Log};
use crate::params::Params;
use crate::service::Service;
use crate::time::SimTime;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Action {
    PlannerTick,
    /// An Enactor looks for a plan or starts its next transaction.
    EnactorWake(u8),
    EnactorCommit(u8),
    CacheRefresh(u8, u16),
    RestartHost(u32),
    Tick,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Queue {
    heap: BinaryHeap<Reverse<(SimTime, u64, Action)>>,
    seq: u64,
}

impl Queue {
    pub fn schedule(&mut self, at: SimTime, action: Action) {
        self.seq += 1;
        self.heap.push(Reverse((at, self.seq, action)));
    }

    pub fn next_at(&self) -> Option<SimTime> {
        self.heap.peek().map(|Reverse((t, _, _))| *t)
    }

    pub fn pop(&mut self) -> Option<(SimTime, Action)> {
        self.heap.pop().map(|Reverse((t, _, a))| (t, a))
    }

    /// Events scheduled since the run began.
    pub fn scheduled(&self) -> u64 {
        self.seq
    }
}

/// What a handler may touch besides its own mechanism: the instant, the parameters, the log and
/// the queue. Passed explicitly so a mechanism's dependencies show in its signatures.
pub(crate) struct Ctx<'a> {
    pub now: SimTime,
    pub params: &'a Params,
    pub log: &'a mut Log,
    pub queue: &'a mut Queue,
}

impl Ctx<'_> {
    pub fn after(&mut self, ms: u64, action: Action) {
        let at = self.now.plus(ms);
        self.queue.schedule(at, action);
    }

    pub fn at(&mut self, at: SimTime, action: Action) {
        self.queue.schedule(at, action);
    }

    pub fn log(&mut self, node: Service, kind: EventKind, cause: Option<EventId>) -> EventId {
        self.log.push(self.now, node, kind, cause)
    }
}
