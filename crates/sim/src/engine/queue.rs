//! The event queue and the context every handler is given. Events are ordered by time, then by
//! the order they were scheduled: simultaneous events depend on nothing but the run's history.

use crate::engine::log::{EntryKind, EventId, Log};
use crate::engine::model::Model;
use crate::engine::time::SimTime;

/// What is due: one of the model's actions, or the engine's fixed tick.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Due<A> {
    Model(A),
    Tick,
}

/// The actions of a model that schedules none of its own: all its mechanisms step with the
/// engine's tick.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoAction {}

/// An event in the heap, ordered by its key alone: `seq` is unique, so one integer compare
/// decides every comparison.
#[derive(Clone, Copy, Debug)]
struct Entry<A> {
    /// The instant in the high half, the order scheduled in the low half.
    key: u128,
    due: Due<A>,
}

/// A binary min-heap of events. Written out rather than `std`'s `BinaryHeap`: in the
/// size-optimised build the standard one's comparisons and index operations stay calls, and
/// pushing and popping is a fifth of a run's time.
#[derive(Clone, Debug)]
pub struct Queue<A> {
    heap: Vec<Entry<A>>,
    seq: u64,
}

impl<A> Default for Queue<A> {
    fn default() -> Self {
        Queue {
            heap: Vec::new(),
            seq: 0,
        }
    }
}

impl<A: Copy> Queue<A> {
    pub fn schedule(&mut self, at: SimTime, due: Due<A>) {
        self.seq += 1;
        let key = (at.ms() as u128) << 64 | self.seq as u128;
        self.heap.push(Entry { key, due });
        let heap = self.heap.as_mut_slice();
        let new = heap[heap.len() - 1];
        let mut i = heap.len() - 1;
        while i > 0 {
            let parent = (i - 1) / 2;
            if heap[parent].key <= key {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = new;
    }

    pub fn next_at(&self) -> Option<SimTime> {
        self.heap.first().map(|e| SimTime((e.key >> 64) as u64))
    }

    pub fn pop(&mut self) -> Option<(SimTime, Due<A>)> {
        let last = self.heap.pop()?;
        let heap = self.heap.as_mut_slice();
        let Some(&top) = heap.first() else {
            return Some((SimTime((last.key >> 64) as u64), last.due));
        };
        // Sift the last entry down from the root.
        let n = heap.len();
        let mut i = 0;
        loop {
            let mut child = 2 * i + 1;
            if child >= n {
                break;
            }
            if child + 1 < n && heap[child + 1].key < heap[child].key {
                child += 1;
            }
            if last.key <= heap[child].key {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = last;
        Some((SimTime((top.key >> 64) as u64), top.due))
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

impl<'a, M: Model> Ctx<'a, M> {
    pub fn new(
        now: SimTime,
        params: &'a M::Params,
        log: &'a mut Log<M::Node, M::Event>,
        queue: &'a mut Queue<M::Action>,
    ) -> Ctx<'a, M> {
        Ctx {
            now,
            params,
            log,
            queue,
        }
    }

    pub fn after(&mut self, ms: u64, action: M::Action) {
        let at = self.now.plus(ms);
        self.queue.schedule(at, Due::Model(action));
    }

    pub fn at(&mut self, at: SimTime, action: M::Action) {
        self.queue.schedule(at, Due::Model(action));
    }

    #[inline(always)]
    pub fn log(&mut self, node: M::Node, event: M::Event, cause: Option<EventId>) -> EventId {
        self.log
            .push(self.now, node, EntryKind::Model(event), cause)
    }

    /// Log one of the entries the engine writes for every model.
    pub(crate) fn log_engine(
        &mut self,
        node: M::Node,
        kind: EntryKind<M::Event>,
        cause: Option<EventId>,
    ) -> EventId {
        self.log.push(self.now, node, kind, cause)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Stream;

    /// Events come out earliest first, simultaneous ones in the order they were scheduled,
    /// however pushes and pops interleave.
    #[test]
    fn pops_in_time_then_schedule_order() {
        let mut rng = Stream::new(7, 1);
        let mut q: Queue<u32> = Queue::default();
        let mut expected: Vec<(u64, u64, u32)> = Vec::new();
        let mut seq = 0;
        let mut popped = Vec::new();
        for n in 0..5_000u32 {
            if rng.below(3) > 0 {
                let at = rng.below(50);
                seq += 1;
                q.schedule(SimTime(at), Due::Model(n));
                expected.push((at, seq, n));
            } else if let Some((t, Due::Model(a))) = q.pop() {
                // Pop from the model of the queue: the least (time, order) still in it.
                let k = (0..expected.len())
                    .min_by_key(|&k| (expected[k].0, expected[k].1))
                    .expect("the queue had an event");
                let (at, _, want) = expected.remove(k);
                popped.push(((t.ms(), a), (at, want)));
            }
        }
        assert!(popped.len() > 1_000);
        for (got, want) in popped {
            assert_eq!(got, want);
        }
    }
}
