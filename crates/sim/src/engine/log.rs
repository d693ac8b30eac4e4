//! The event log: what happened, when, to which node, and which earlier event caused it, so the
//! UI can answer "why is this red?" by walking causes back to the root.

use crate::engine::model::{Event, Health, Node};
use crate::engine::time::SimTime;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// Index of an entry in the run's log.
pub type EventId = u32;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LogEntry<N, E> {
    pub id: EventId,
    pub at: SimTime,
    pub node: N,
    #[serde(flatten)]
    pub kind: EntryKind<E>,
    pub cause: Option<EventId>,
}

/// What an entry records: one of the three kinds the engine writes for every model, or one of
/// the model's own events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryKind<E> {
    /// A person's intervention.
    Intervention {
        label: String,
    },
    /// An event of the scenario's "as it happened" script (its trigger, say): the incident's,
    /// never said as the person's.
    Incident {
        label: String,
    },
    /// A step of the incident's script not taken, because the person set the same thing
    /// earlier: their choice stands.
    Skipped {
        label: String,
        /// The person's intervention that stands.
        instead: String,
    },
    /// A node's change of health.
    HealthChanged {
        from: Health,
        to: Health,
        error_bp: u32,
    },
    Model(E),
}

impl<E: Event> EntryKind<E> {
    /// The model's event, if the model wrote this entry.
    pub fn event(&self) -> Option<&E> {
        match self {
            EntryKind::Model(e) => Some(e),
            _ => None,
        }
    }

    /// The health a node changed to, if this is a change of health.
    pub fn health_now(&self) -> Option<Health> {
        match self {
            EntryKind::HealthChanged { to, .. } => Some(*to),
            _ => None,
        }
    }

    /// Routine entries (a plan applied as usual) are kept for the record but a person's log
    /// hides them.
    pub fn routine(&self) -> bool {
        self.event().is_some_and(Event::routine)
    }

    /// A turning point worth a marker on the timeline, with its short name.
    pub fn milestone(&self) -> Option<&'static str> {
        match self {
            EntryKind::Intervention { .. } => Some("intervention"),
            EntryKind::Incident { .. } => Some("as it happened"),
            EntryKind::Skipped { .. } | EntryKind::HealthChanged { .. } => None,
            EntryKind::Model(e) => e.milestone(),
        }
    }

    /// The entry in plain language; `who` is the name of the node it happened on.
    pub fn describe(&self, who: &str) -> String {
        match self {
            EntryKind::Intervention { label } => format!("Intervention: {label}."),
            EntryKind::Incident { label } => format!("As it happened: {label}."),
            EntryKind::Skipped { label, instead } => {
                format!("As it happened: {label}; skipped, as your {instead} stands.")
            }
            EntryKind::HealthChanged { from, to, error_bp } => format!(
                "{who} went from {} to {} ({}.{:02}% errors).",
                from.id(),
                to.id(),
                error_bp / 100,
                error_bp % 100
            ),
            EntryKind::Model(e) => e.describe(who),
        }
    }
}

/// The engine's entries under tag 0, then a number of their own; a model's events under their
/// own tags, which `events!` keeps from 0.
impl<E: Encode> Encode for EntryKind<E> {
    fn encode(&self, h: &mut Fnv) {
        match self {
            EntryKind::Intervention { label } => {
                h.tag(0);
                h.tag(0);
                h.str(label);
            }
            EntryKind::Incident { label } => {
                h.tag(0);
                h.tag(1);
                h.str(label);
            }
            EntryKind::Skipped { label, instead } => {
                h.tag(0);
                h.tag(3);
                h.str(label);
                h.str(instead);
            }
            EntryKind::HealthChanged { from, to, error_bp } => {
                h.tag(0);
                h.tag(2);
                h.tag(from.code());
                h.tag(to.code());
                h.u32(*error_bp);
            }
            EntryKind::Model(e) => e.encode(h),
        }
    }
}

/// Written out so an entry's JSON reads the same whoever wrote it: `"kind"` and the fields
/// beside the entry's own, as a model's events (tagged by `events!`) serialize.
impl<E: Serialize> Serialize for EntryKind<E> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            EntryKind::Intervention { label } | EntryKind::Incident { label } => {
                let kind = match self {
                    EntryKind::Intervention { .. } => "intervention",
                    _ => "incident",
                };
                let mut st = s.serialize_struct("EntryKind", 2)?;
                st.serialize_field("kind", kind)?;
                st.serialize_field("label", label)?;
                st.end()
            }
            EntryKind::Skipped { label, instead } => {
                let mut st = s.serialize_struct("EntryKind", 3)?;
                st.serialize_field("kind", "skipped")?;
                st.serialize_field("label", label)?;
                st.serialize_field("instead", instead)?;
                st.end()
            }
            EntryKind::HealthChanged { from, to, error_bp } => {
                let mut st = s.serialize_struct("EntryKind", 4)?;
                st.serialize_field("kind", "health-changed")?;
                st.serialize_field("from", from)?;
                st.serialize_field("to", to)?;
                st.serialize_field("error_bp", error_bp)?;
                st.end()
            }
            EntryKind::Model(e) => e.serialize(s),
        }
    }
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
        Encode::encode(&self.kind, h);
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

    pub fn push(
        &mut self,
        at: SimTime,
        node: N,
        kind: EntryKind<E>,
        cause: Option<EventId>,
    ) -> EventId {
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

/// A value in the digest's encoding (see [`Fnv`]). `events!` encodes each field of a model's
/// event with it, so a field's type decides its bytes, not the hand that lists them.
pub trait Encode {
    fn encode(&self, h: &mut Fnv);
}

impl Encode for u64 {
    fn encode(&self, h: &mut Fnv) {
        h.u64(*self);
    }
}
impl Encode for u32 {
    fn encode(&self, h: &mut Fnv) {
        h.u32(*self);
    }
}
impl Encode for u8 {
    fn encode(&self, h: &mut Fnv) {
        h.tag(*self);
    }
}
impl Encode for bool {
    fn encode(&self, h: &mut Fnv) {
        h.tag(u8::from(*self));
    }
}
impl Encode for &str {
    fn encode(&self, h: &mut Fnv) {
        h.str(self);
    }
}
impl Encode for String {
    fn encode(&self, h: &mut Fnv) {
        h.str(self);
    }
}
impl Encode for Health {
    fn encode(&self, h: &mut Fnv) {
        h.tag(self.code());
    }
}

/// Fails the build (it runs in a constant) if a model's event tags repeat or take 0, the
/// engine's: either would let two different logs share a digest.
pub const fn check_tags(tags: &[u8]) {
    let mut i = 0;
    while i < tags.len() {
        assert!(tags[i] != 0, "event tag 0 is the engine's");
        let mut j = i + 1;
        while j < tags.len() {
            assert!(tags[i] != tags[j], "two events share a tag");
            j += 1;
        }
        i += 1;
    }
}

/// The turning points among a model's events, each with the short name of its marker on the
/// timeline: declared beside the event in `events!` (`Variant = tag => "name"`).
pub trait Milestones {
    fn milestone(&self) -> Option<&'static str>;
}

/// Declares a model's events: an enum whose variants each carry a tag number that never
/// changes, serialized as `"kind": "<kebab-case name>"` beside its fields, and encoded for the
/// digest as its tag then each field, in the order declared (see [`Encode`]). A field of a
/// model's own type implements `Encode` itself.
#[macro_export]
macro_rules! events {
    (
        $(#[$meta:meta])*
        $vis:vis enum $T:ident {
            $(
                $(#[$vmeta:meta])*
                $V:ident $({ $( $(#[$fmeta:meta])* $f:ident : $ft:ty ),* $(,)? })? = $tag:literal
                $(=> $milestone:literal)?
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
        #[serde(tag = "kind", rename_all = "kebab-case")]
        $vis enum $T {
            $(
                $(#[$vmeta])*
                $V $({ $( $(#[$fmeta])* $f : $ft ),* })?,
            )*
        }

        const _: () = $crate::engine::log::check_tags(&[$($tag),*]);

        impl $crate::engine::log::Milestones for $T {
            fn milestone(&self) -> Option<&'static str> {
                match self {
                    $(
                        #[allow(unused_variables)]
                        $T::$V $({ $($f),* })? => {
                            let named: Option<&'static str> = None;
                            $( let named = Some($milestone); )?
                            named
                        }
                    )*
                }
            }
        }

        impl $crate::engine::log::Encode for $T {
            fn encode(&self, h: &mut $crate::engine::log::Fnv) {
                match self {
                    $(
                        $T::$V $({ $($f),* })? => {
                            h.tag($tag);
                            $($( $crate::engine::log::Encode::encode($f, h); )*)?
                        }
                    )*
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::check_tags;

    #[test]
    #[should_panic(expected = "event tag 0 is the engine's")]
    fn a_model_cannot_take_the_engines_tag() {
        check_tags(&[3, 0]);
    }

    #[test]
    #[should_panic(expected = "two events share a tag")]
    fn two_events_cannot_share_a_tag() {
        check_tags(&[3, 4, 3]);
    }
}
