//! The event queue and the context every handler is given. Events are ordered by time, then by
//! the order they were scheduled: simultaneous events depend on nothing but the run's history.

use crate::engine::log::{EventId, Log};
use crate::engine::model::Model;
use crate::engine::time::SimTime;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// What is due: one of the model's actions, or the engine's fixed tick.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Due<A> {
    Model(A),
    Tick,
}

#[derive(Clone, Debug)]
pub struct Queue<A: Ord> {
    heap: BinaryHeap<Reverse<(SimTime, u64, Due<A>)>>,
    seq: u64,
}

impl<A: Ord> Default for Queue<A> {
    fn default() -> Self {
        Queue {
            heap: BinaryHeap::new(),
            seq: 0,
        }
    }
}

impl<A: Ord + Copy> Queue<A> {
    pub fn schedule(&mut self, at: SimTime, due: Due<A>) {
        self.seq += 1;
        self.heap.push(Reverse((at, self.seq, due)));
    }

    pub fn next_at(&self) -> Option<SimTime> {
        self.heap.peek().map(|Reverse((t, _, _))| *t)
    }

    pub fn pop(&mut self) -> Option<(SimTime, Due<A>)> {
        self.heap.pop().map(|Reverse((t, _, a))| (t, a))
    }

    /// Events scheduled since the run began.
    pub fn scheduled(&self) -> u64 {
        self.seq
    }
}

/// What a handler may touch besides its own mechanism: the instant, the parameters, the log and
/// the queue. Passed explicitly so a mechanism's dependencies show in its signatures.
pub struct Ctx<'a, M: Model> {
    pub now: SimTime,
    pub params: &'a M::Params,
    pub log: &'a mut Log<M::Node, M::Event>,
    pub queue: &'a mut Queue<M::Action>,
}

impl<M: Model> Ctx<'_, M> {
    pub fn after(&mut self, ms: u64, action: M::Action) {
        let at = self.now.plus(ms);
        self.queue.schedule(at, Due::Model(action));
    }

    pub fn at(&mut self, at: SimTime, action: M::Action) {
        self.queue.schedule(at, Due::Model(action));
    }

    pub fn log(&mut self, node: M::Node, kind: M::Event, cause: Option<EventId>) -> EventId {
        self.log.push(self.now, node, kind, cause)
    }
}
