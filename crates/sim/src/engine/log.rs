//! The event log: what happened, when, to which node, and which earlier event caused it, so the
//! UI can answer "why is this red?" by walking causes back to the root.

use crate::engine::model::{Event, Node};
use crate::engine::time::SimTime;
use serde::Serialize;

/// Index of an entry in the run's log.
pub type EventId = u32;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LogEntry<N, E> {
    pub id: EventId,
    pub at: SimTime,
    pub node: N,
    #[serde(flatten)]
    pub kind: E,
    pub cause: Option<EventId>,
}

impl<N: Node, E: Event> LogEntry<N, E> {
    /// Routine entries are kept for the record but a person's log hides them.
    pub fn routine(&self) -> bool {
        self.kind.routine()
    }

    /// A turning point worth a marker on the timeline, with its short name.
    pub fn milestone(&self) -> Option<&'static str> {
        self.kind.milestone()
    }

    /// The entry in plain language.
    pub fn describe(&self) -> String {
        self.kind.describe(self.node.name())
    }

    /// This entry in the digest's encoding: time, node id, event, cause.
    pub fn encode(&self, h: &mut Fnv) {
        h.u64(self.at.ms());
        h.str(self.node.id());
        self.kind.encode(h);
        match self.cause {
            Some(c) => {
                h.tag(1);
                h.u32(c);
            }
            None => h.tag(0),
        }
    }
}

/// The log of a run: append-only, each entry's id is its index.
#[derive(Clone, Debug)]
pub struct Log<N, E> {
    pub entries: Vec<LogEntry<N, E>>,
    /// Id of `entries[0]`: non-zero only for a scratch log that continues a run's log without
    /// copying it (seeking replays events whose entries are thrown away).
    first_id: EventId,
}

impl<N, E> Default for Log<N, E> {
    fn default() -> Self {
        Log {
            entries: Vec::new(),
            first_id: 0,
        }
    }
}

impl<N: Node, E: Event> Log<N, E> {
    pub fn new(entries: Vec<LogEntry<N, E>>) -> Self {
        Log {
            entries,
            first_id: 0,
        }
    }

    /// A log that numbers its entries as if it followed `len` earlier ones.
    pub fn continuing(len: usize) -> Self {
        Log {
            entries: Vec::new(),
            first_id: len as EventId,
        }
    }

    pub fn push(&mut self, at: SimTime, node: N, kind: E, cause: Option<EventId>) -> EventId {
        let id = self.first_id + self.entries.len() as EventId;
        self.entries.push(LogEntry {
            id,
            at,
            node,
            kind,
            cause,
        });
        id
    }

    /// The chain of causes of an entry, the entry first, the root last.
    pub fn why(&self, id: EventId) -> Vec<&LogEntry<N, E>> {
        let mut chain = Vec::new();
        let mut next = Some(id);
        while let Some(i) = next {
            let Some(e) = self.entries.get(i as usize) else {
                break;
            };
            chain.push(e);
            // Causes always point backwards, so this terminates; guard anyway.
            next = e.cause.filter(|c| *c < i);
        }
        chain
    }

    /// FNV-1a over every entry in a defined encoding (see `Fnv`): the run's fingerprint, the
    /// same on every platform and unchanged by renaming anything in the source.
    pub fn digest(&self) -> String {
        digest_entries(&self.entries)
    }
}

pub fn digest_entries<N: Node, E: Event>(entries: &[LogEntry<N, E>]) -> String {
    let mut h = Fnv::new();
    for e in entries {
        e.encode(&mut h);
    }
    format!("{:016x}", h.0)
}

/// FNV-1a, fed the digest's encoding: each value as fixed-width little-endian bytes, each string
/// with its length first, each event as a tag number that never changes followed by its fields
/// in a fixed order. Renaming a field or a variant in the source changes nothing; changing what
/// an event records changes the digest, as it should.
pub struct Fnv(u64);

impl Fnv {
    pub fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    pub fn bytes(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    pub fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.bytes(&v.to_le_bytes());
    }
    pub fn tag(&mut self, v: u8) {
        self.bytes(&[v]);
    }
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.bytes(s.as_bytes());
    }
}

impl Default for Fnv {
    fn default() -> Self {
        Fnv::new()
    }
}
