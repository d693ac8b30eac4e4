//! The event queue and the context every handler is given. Events are ordered by time, then by
//! the order they were scheduled: simultaneous events depend on nothing but the run's history.

use crate::engine::log::{EventId, Log};
use crate::engine::model::Model;
use crate::engine::time::SimTime;
use std::collections::BinaryHeap;

/// What is due: one of the model's actions, or the engine's fixed tick.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Due<A> {
    Model(A),
    Tick,
}

/// An event in the heap. Ordered by its key alone, earliest first (the heap is a max-heap):
/// `seq` is unique, so the key decides every comparison, in one integer compare.
#[derive(Clone, Debug)]
struct Entry<A> {
    /// The instant in the high half, the order scheduled in the low half.
    key: u128,
    due: Due<A>,
}

impl<A> PartialEq for Entry<A> {
    #[inline(always)]
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl<A> Eq for Entry<A> {}
impl<A> PartialOrd for Entry<A> {
    #[inline(always)]
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
    #[inline(always)]
    fn le(&self, other: &Self) -> bool {
        other.key <= self.key
    }
}
impl<A> Ord for Entry<A> {
    #[inline(always)]
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.key.cmp(&self.key)
    }
}

#[derive(Clone, Debug)]
pub struct Queue<A: Ord> {
    heap: BinaryHeap<Entry<A>>,
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
        let key = (at.ms() as u128) << 64 | self.seq as u128;
        self.heap.push(Entry { key, due });
    }

    pub fn next_at(&self) -> Option<SimTime> {
        self.heap.peek().map(|e| SimTime((e.key >> 64) as u64))
    }

    pub fn pop(&mut self) -> Option<(SimTime, Due<A>)> {
        self.heap
            .pop()
            .map(|e| (SimTime((e.key >> 64) as u64), e.due))
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
