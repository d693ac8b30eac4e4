//! What the October 2025 model's log records, in words and in the digest's encoding.

use super::intervention::Endpoint;
use crate::engine::log::Fnv;
use crate::engine::model::{Event, Health};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum EventKind {
    Intervention {
        label: String,
    },
    /// An event of the scenario's "as it happened" script.
    Incident {
        label: String,
    },
    /// AWS's operators respond to a condition of the run (see `operators`).
    Response {
        does: &'static str,
        to: &'static str,
    },
    /// An Enactor took a plan after its one-time freshness check.
    PlanPickedUp {
        gen: u64,
        applied: u64,
    },
    /// An Enactor finished a plan and its clean-up ran.
    PlanApplied {
        gen: u64,
        endpoints: u32,
        deleted_below: u64,
        deleted: u32,
    },
    /// An Enactor wrote a plan older than the one the endpoint already had.
    StaleOverwrite {
        endpoint: Endpoint,
        gen: u64,
        newer: u64,
        checked_ms_ago: u64,
        /// Clean-up had already deleted the plan; the write brought its record set back.
        revived: bool,
    },
    /// An Enactor with the freshness re-check skipped an endpoint that already had a newer plan.
    StaleSkipped {
        endpoint: Endpoint,
        gen: u64,
        newer: u64,
    },
    /// Clean-up deleted the plan an endpoint was using: its record is now empty.
    RecordEmptied {
        endpoint: Endpoint,
        gen: u64,
        by_enactor: u8,
    },
    /// A person deleted the record directly.
    RecordDeleted {
        endpoint: Endpoint,
    },
    /// An Enactor could not apply: the endpoint's active plan no longer exists.
    TransactionRejected {
        endpoint: Endpoint,
        missing_gen: u64,
    },
    RecordRestored {
        endpoint: Endpoint,
        gen: u64,
    },
    HealthChanged {
        from: Health,
        to: Health,
        error_bp: u32,
    },
    StateChecksFailing {
        hosts: u32,
    },
    StateChecksRecovered,
    LeasesExpiring {
        unleased_permille: u32,
    },
    CongestiveCollapse {
        queue: u64,
    },
    LeasesRestored,
    DwfmHostRestarted {
        host: u32,
    },
    PropagationBacklog {
        delay_s: u64,
    },
    PropagationNormal,
    AzFailover {
        removed_permille: u32,
    },
    NlbCapacityRestored,
    SqsPollerFailed,
    SqsPollerRestored,
    ThrottleLifted,
}

impl Event for EventKind {
    fn intervention(label: String) -> Self {
        EventKind::Intervention { label }
    }
    fn incident(label: String) -> Self {
        EventKind::Incident { label }
    }
    fn health_changed(from: Health, to: Health, error_bp: u32) -> Self {
        EventKind::HealthChanged { from, to, error_bp }
    }
    fn health_now(&self) -> Option<Health> {
        match self {
            EventKind::HealthChanged { to, .. } => Some(*to),
            _ => None,
        }
    }
    /// Routine entries (a plan applied as usual) are kept for the record but a person's log hides them.
    fn routine(&self) -> bool {
        matches!(
            self,
            EventKind::PlanPickedUp { .. } | EventKind::PlanApplied { .. }
        )
    }

    /// A turning point worth a marker on the timeline, with its short name.
    fn milestone(&self) -> Option<&'static str> {
        match self {
            EventKind::RecordEmptied { .. } | EventKind::RecordDeleted { .. } => {
                Some("record emptied")
            }
            EventKind::RecordRestored { .. } => Some("DNS restored"),
            EventKind::CongestiveCollapse { .. } => Some("DWFM collapse"),
            EventKind::LeasesRestored => Some("leases restored"),
            EventKind::AzFailover { .. } => Some("AZ failover"),
            EventKind::PropagationNormal => Some("propagation normal"),
            EventKind::Intervention { .. } => Some("intervention"),
            EventKind::Incident { .. } => Some("as it happened"),
            EventKind::Response { .. } => Some("operators"),
            _ => None,
        }
    }

    /// The entry in plain language.
    fn describe(&self, who: &str) -> String {
        match self {
            EventKind::Intervention { label } => format!("Intervention: {label}."),
            EventKind::Incident { label } => format!("As it happened: {label}."),
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
            EventKind::HealthChanged { from, to, error_bp } => {
                Health::change_text(who, *from, *to, *error_bp)
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
    /// Tag numbers are part of the digest's definition: a new event takes a new number, and no
    /// number is ever reused.
    fn encode(&self, h: &mut Fnv) {
        use EventKind as K;
        match self {
            K::Intervention { label } => {
                h.tag(1);
                h.str(label);
            }
            K::Incident { label } => {
                h.tag(25);
                h.str(label);
            }
            K::Response { does, to } => {
                h.tag(26);
                h.str(does);
                h.str(to);
            }
            K::PlanPickedUp { gen, applied } => {
                h.tag(2);
                h.u64(*gen);
                h.u64(*applied);
            }
            K::PlanApplied {
                gen,
                endpoints,
                deleted_below,
                deleted,
            } => {
                h.tag(3);
                h.u64(*gen);
                h.u32(*endpoints);
                h.u64(*deleted_below);
                h.u32(*deleted);
            }
            K::StaleOverwrite {
                endpoint,
                gen,
                newer,
                checked_ms_ago,
                revived,
            } => {
                h.tag(4);
                h.u32(endpoint_code(*endpoint));
                h.u64(*gen);
                h.u64(*newer);
                h.u64(*checked_ms_ago);
                h.tag(*revived as u8);
            }
            // Tag 5 was `PlanGone` (an Enactor dropping a plan clean-up had deleted), retired
            // when Enactors came to write what they hold: it is never reused.
            K::StaleSkipped {
                endpoint,
                gen,
                newer,
            } => {
                h.tag(6);
                h.u32(endpoint_code(*endpoint));
                h.u64(*gen);
                h.u64(*newer);
            }
            K::RecordEmptied {
                endpoint,
                gen,
                by_enactor,
            } => {
                h.tag(7);
                h.u32(endpoint_code(*endpoint));
                h.u64(*gen);
                h.tag(*by_enactor);
            }
            K::RecordDeleted { endpoint } => {
                h.tag(8);
                h.u32(endpoint_code(*endpoint));
            }
            K::TransactionRejected {
                endpoint,
                missing_gen,
            } => {
                h.tag(9);
                h.u32(endpoint_code(*endpoint));
                h.u64(*missing_gen);
            }
            K::RecordRestored { endpoint, gen } => {
                h.tag(10);
                h.u32(endpoint_code(*endpoint));
                h.u64(*gen);
            }
            K::HealthChanged { from, to, error_bp } => {
                h.tag(11);
                h.tag(health_code(*from));
                h.tag(health_code(*to));
                h.u32(*error_bp);
            }
            K::StateChecksFailing { hosts } => {
                h.tag(12);
                h.u32(*hosts);
            }
            K::StateChecksRecovered => h.tag(13),
            K::LeasesExpiring { unleased_permille } => {
                h.tag(14);
                h.u32(*unleased_permille);
            }
            K::CongestiveCollapse { queue } => {
                h.tag(15);
                h.u64(*queue);
            }
            K::LeasesRestored => h.tag(16),
            K::DwfmHostRestarted { host } => {
                h.tag(17);
                h.u32(*host);
            }
            K::PropagationBacklog { delay_s } => {
                h.tag(18);
                h.u64(*delay_s);
            }
            K::PropagationNormal => h.tag(19),
            K::AzFailover { removed_permille } => {
                h.tag(20);
                h.u32(*removed_permille);
            }
            K::NlbCapacityRestored => h.tag(21),
            K::SqsPollerFailed => h.tag(22),
            K::SqsPollerRestored => h.tag(23),
            K::ThrottleLifted => h.tag(24),
        }
    }
}

fn health_code(h: Health) -> u8 {
    match h {
        Health::Healthy => 0,
        Health::Degraded => 1,
        Health::Down => 2,
        Health::Unknown => 3,
    }
}

fn endpoint_code(e: Endpoint) -> u32 {
    e.index() as u32
}

#[cfg(test)]
mod digest_tests {
    use super::*;
    use crate::engine::log::{digest_entries, LogEntry};
    use crate::engine::time::SimTime;
    use crate::models::aws_2025_10_us_east_1::Service;

    /// The encoding is the one written down in `Fnv`: spelled out byte by byte here, so a
    /// change to how entries are encoded cannot pass unnoticed.
    #[test]
    fn the_digest_follows_its_defined_encoding() {
        let entry = LogEntry {
            id: 0,
            at: SimTime(61_000),
            node: Service::DynamoDb,
            kind: EventKind::HealthChanged {
                from: Health::Healthy,
                to: Health::Down,
                error_bp: 10_000,
            },
            cause: Some(7),
        };
        let mut bytes = Vec::new();
        bytes.extend(61_000u64.to_le_bytes());
        bytes.extend(8u32.to_le_bytes());
        bytes.extend(b"dynamodb");
        bytes.extend([11, 0, 2]);
        bytes.extend(10_000u32.to_le_bytes());
        bytes.push(1);
        bytes.extend(7u32.to_le_bytes());
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        assert_eq!(digest_entries(&[entry]), format!("{h:016x}"));
    }
}
