//! The plan generations Route 53 still holds, by generation. Generations are issued in order
//! and deleted oldest first (clean-up) or one by one (a record set deleted by hand), so they are
//! kept in a deque indexed by generation: looking one up, the commonest thing a transaction
//! does, is an index, not a tree search.

use super::Plan;
use std::collections::VecDeque;

#[derive(Clone, Debug, Default)]
pub struct Plans {
    /// Generation of `slots[0]`.
    first: u64,
    /// `None`: deleted (or never issued), kept only between generations still held.
    slots: VecDeque<Option<Plan>>,
}

impl Plans {
    #[inline(always)]
    fn slot(&self, gen: u64) -> Option<usize> {
        gen.checked_sub(self.first).map(|i| i as usize)
    }

    #[inline(always)]
    pub fn get(&self, gen: u64) -> Option<&Plan> {
        self.slots.get(self.slot(gen)?)?.as_ref()
    }

    pub fn get_mut(&mut self, gen: u64) -> Option<&mut Plan> {
        let i = self.slot(gen)?;
        self.slots.get_mut(i)?.as_mut()
    }

    pub fn contains(&self, gen: u64) -> bool {
        self.get(gen).is_some()
    }

    /// The plan of generation `gen`, created by `make` if Route 53 does not hold it.
    pub fn get_or_insert_with(&mut self, gen: u64, make: impl FnOnce() -> Plan) -> &mut Plan {
        if self.slots.is_empty() {
            self.first = gen;
        }
        while gen < self.first {
            self.slots.push_front(None);
            self.first -= 1;
        }
        let i = (gen - self.first) as usize;
        while self.slots.len() <= i {
            self.slots.push_back(None);
        }
        self.slots[i].get_or_insert_with(make)
    }

    pub fn insert(&mut self, gen: u64, plan: Plan) {
        *self.get_or_insert_with(gen, || Plan {
            ips: Box::default(),
        }) = plan;
    }

    pub fn remove(&mut self, gen: u64) -> Option<Plan> {
        let i = self.slot(gen)?;
        let plan = self.slots.get_mut(i)?.take();
        while matches!(self.slots.front(), Some(None)) {
            self.slots.pop_front();
            self.first += 1;
        }
        plan
    }

    /// Generations held that are older than `below`, oldest first.
    pub fn older_than(&self, below: u64) -> impl Iterator<Item = u64> + '_ {
        let first = self.first;
        self.slots
            .iter()
            .enumerate()
            .take_while(move |(i, _)| first + (*i as u64) < below)
            .filter(|(_, p)| p.is_some())
            .map(move |(i, _)| first + i as u64)
    }

    /// Slots kept (held generations and the gaps between them): what the state costs.
    pub fn slots(&self) -> usize {
        self.slots.len()
    }
}
