//! What the October 2025 model's log records, in words and in the digest's encoding.

use super::intervention::Endpoint;
use crate::engine::log::{Encode, Fnv};
use crate::engine::model::Event;

crate::events! {
    // Tag numbers are part of the digest's definition: a new event takes a new number, and no
    // number is ever reused. Retired: 1, 11 and 25 (an intervention, a change of health, an
    // incident: the engine writes those, see `EntryKind`) and 5 (`PlanGone`, an Enactor
    // dropping a plan clean-up had deleted).
    pub enum EventKind {
        /// AWS's operators respond to a condition of the run (see `operators`).
        Response {
            does: &'static str,
            to: &'static str,
        } = 26 => "operators",
        /// An Enactor took a plan after its one-time freshness check.
        PlanPickedUp { gen: u64, applied: u64 } = 2,
        /// An Enactor finished a plan and its clean-up ran.
        PlanApplied {
            gen: u64,
            endpoints: u32,
            deleted_below: u64,
            deleted: u32,
        } = 3,
        /// An Enactor wrote a plan older than the one the endpoint already had.
        StaleOverwrite {
            endpoint: Endpoint,
            gen: u64,
            newer: u64,
            checked_ms_ago: u64,
            /// Clean-up had already deleted the plan; the write brought its record set back.
            revived: bool,
        } = 4,
        /// An Enactor with the freshness re-check skipped an endpoint that already had a newer
        /// plan.
        StaleSkipped {
            endpoint: Endpoint,
            gen: u64,
            newer: u64,
        } = 6,
        /// Clean-up deleted the plan an endpoint was using: its record is now empty.
        RecordEmptied {
            endpoint: Endpoint,
            gen: u64,
            by_enactor: u8,
        } = 7 => "record emptied",
        /// A person deleted the record directly.
        RecordDeleted { endpoint: Endpoint } = 8 => "record emptied",
        /// An Enactor could not apply: the endpoint's active plan no longer exists.
        TransactionRejected {
            endpoint: Endpoint,
            missing_gen: u64,
        } = 9,
        RecordRestored { endpoint: Endpoint, gen: u64 } = 10 => "DNS restored",
        StateChecksFailing { hosts: u32 } = 12,
        StateChecksRecovered = 13,
        LeasesExpiring { unleased_permille: u32 } = 14,
        CongestiveCollapse { queue: u64 } = 15 => "DWFM collapse",
        LeasesRestored = 16 => "leases restored",
        DwfmHostRestarted { host: u32 } = 17,
        PropagationBacklog { delay_s: u64 } = 18,
        PropagationNormal = 19 => "propagation normal",
        AzFailover { removed_permille: u32 } = 20 => "AZ failover",
        NlbCapacityRestored = 21,
        SqsPollerFailed = 22,
        SqsPollerRestored = 23,
        ThrottleLifted = 24,
    }
}

/// An endpoint by its index, which never changes.
impl Encode for Endpoint {
    fn encode(&self, h: &mut Fnv) {
        h.u32(self.index() as u32);
    }
}

impl Event for EventKind {
    /// Routine entries (a plan applied as usual) are kept for the record but a person's log hides them.
    fn routine(&self) -> bool {
        matches!(
            self,
            EventKind::PlanPickedUp { .. } | EventKind::PlanApplied { .. }
        )
    }

    /// The entry in plain language.
    fn describe(&self, who: &str) -> String {
        match self {
            EventKind::Response { does, to } => format!("Operators: {does} (response to {to})."),
            EventKind::PlanPickedUp { gen, applied } => {
                format!("{who} picked up plan {gen}; its one-time check found it newer than applied plan {applied}.")
            }
            EventKind::PlanApplied { gen, endpoints, deleted_below, deleted } => format!(
                "{who} applied plan {gen} to {endpoints} endpoints; its clean-up deleted {deleted} plans older than {deleted_below}."
            ),
            EventKind::StaleOverwrite { endpoint, gen, newer, checked_ms_ago, revived } => format!(
                "{who} applied its old plan {gen} to the {} endpoint, overwriting newer plan {newer}: its freshness check was {} s stale.{}",
                endpoint.label(),
                checked_ms_ago / 1000,
                if *revived {
                    " Clean-up had already deleted that plan; the write put its record back, for the next clean-up to delete."
                } else {
                    ""
                }
            ),
            EventKind::StaleSkipped { endpoint, gen, newer } => format!(
                "{who} re-checked freshness and skipped the {} endpoint: its plan {gen} is older than plan {newer} already there.",
                endpoint.label()
            ),
            EventKind::RecordEmptied { endpoint, gen, by_enactor } => format!(
                "The {} record ({}) is empty: Enactor {}'s clean-up deleted plan {gen}, which that endpoint was still using.",
                endpoint.label(),
                endpoint.hostname(),
                (b'A' + by_enactor) as char
            ),
            EventKind::RecordDeleted { endpoint } => format!("The {} record ({}) was deleted by hand.", endpoint.label(), endpoint.hostname()),
            EventKind::TransactionRejected { endpoint, missing_gen } => format!(
                "{who} cannot update the {} endpoint: its active plan {missing_gen} no longer exists (inconsistent state; needs an operator).",
                endpoint.label()
            ),
            EventKind::RecordRestored { endpoint, gen } => {
                format!("Operators restored the {} record from plan {gen}.", endpoint.label())
            }
            EventKind::StateChecksFailing { hosts } => {
                format!("{who} state checks are failing on {hosts} hosts: they need DynamoDB. Droplet leases are no longer renewed.")
            }
            EventKind::StateChecksRecovered => format!("{who} state checks reach DynamoDB again; re-establishing leases."),
            EventKind::LeasesExpiring { unleased_permille } => format!(
                "{}.{}% of droplets have lost their lease: launches there fail with \"insufficient capacity\".",
                unleased_permille / 10,
                unleased_permille % 10
            ),
            EventKind::CongestiveCollapse { queue } => format!(
                "{who} is in congestive collapse: lease work times out before it completes and is queued again ({queue} items queued, no leases made)."
            ),
            EventKind::LeasesRestored => format!("{who} holds leases on all droplets again; new launches can be placed."),
            EventKind::DwfmHostRestarted { host } => format!("DWFM host {host} restarted; its queue is cleared."),
            EventKind::PropagationBacklog { delay_s } => format!(
                "{who} propagation is {} min {} s behind: new instances launch without network connectivity.",
                delay_s / 60,
                delay_s % 60
            ),
            EventKind::PropagationNormal => format!("{who} propagation times are back to normal."),
            EventKind::AzFailover { removed_permille } => format!(
                "Delayed health checks triggered automatic AZ DNS failover: {}.{}% of NLB capacity taken out of service.",
                removed_permille / 10,
                removed_permille % 10
            ),
            EventKind::NlbCapacityRestored => format!("{who} capacity is back in service."),
            EventKind::SqsPollerFailed => "Lambda's SQS polling subsystem failed and will not recover by itself.".into(),
            EventKind::SqsPollerRestored => "Lambda's SQS polling subsystem is running again; the backlog drains.".into(),
            EventKind::ThrottleLifted => "EC2 request throttles are back to normal.".into(),
        }
    }
}

#[cfg(test)]
mod digest_tests {
    use super::*;
    use crate::engine::log::{digest_entries, EntryKind, LogEntry};
    use crate::engine::model::Health;
    use crate::engine::time::SimTime;
    use crate::models::aws_2025_10_us_east_1::Service;

    /// The encoding is the one written down in `Fnv`: spelled out byte by byte here, so a
    /// change to how entries are encoded cannot pass unnoticed.
    #[test]
    fn the_digest_follows_its_defined_encoding() {
        let entries = [
            LogEntry {
                id: 0,
                at: SimTime(61_000),
                node: Service::DynamoDb,
                kind: EntryKind::HealthChanged {
                    from: Health::Healthy,
                    to: Health::Down,
                    error_bp: 10_000,
                },
                cause: Some(7),
            },
            LogEntry {
                id: 1,
                at: SimTime(62_000),
                node: Service::DynamoDb,
                kind: EntryKind::Model(EventKind::RecordEmptied {
                    endpoint: Endpoint::Regional,
                    gen: 9,
                    by_enactor: 2,
                }),
                cause: None,
            },
        ];
        let mut bytes = Vec::new();
        bytes.extend(61_000u64.to_le_bytes());
        bytes.extend(8u32.to_le_bytes());
        bytes.extend(b"dynamodb");
        // The engine's entries: tag 0, then 2 for a change of health.
        bytes.extend([0, 2, 0, 2]);
        bytes.extend(10_000u32.to_le_bytes());
        bytes.push(1);
        bytes.extend(7u32.to_le_bytes());
        bytes.extend(62_000u64.to_le_bytes());
        bytes.extend(8u32.to_le_bytes());
        bytes.extend(b"dynamodb");
        bytes.push(7);
        bytes.extend((Endpoint::Regional.index() as u32).to_le_bytes());
        bytes.extend(9u64.to_le_bytes());
        bytes.extend([2, 0]);
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        assert_eq!(digest_entries(&entries), format!("{h:016x}"));
    }
}
