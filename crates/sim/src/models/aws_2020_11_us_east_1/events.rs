//! What the November 2020 model's log records, in words and in the digest's encoding.

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
    HealthChanged {
        from: Health,
        to: Health,
        error_bp: u32,
    },
    /// The first servers to learn of enough new peers pass the OS thread limit.
    ThreadLimitExceeded {
        threads: u64,
        limit: u64,
    },
    /// A cohort's shard-maps expired without a new one completing: its servers cannot route.
    ShardMapsUseless {
        servers: u64,
        threads: u64,
    },
    /// Every server is back under the thread limit (it does not mend broken maps).
    BackUnderLimit {
        threads: u64,
        limit: u64,
    },
    /// More servers build shard-maps at once than request processing can spare.
    BuildsStarved {
        building: u64,
        sustainable: u64,
    },
    /// The first restarted servers completed their map and take traffic.
    RestartedServing {
        servers: u64,
    },
    LambdaMemoryContention {
        buffered_min: u64,
    },
    CognitoBuffersFull {
        buffered_min: u64,
    },
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

    fn milestone(&self) -> Option<&'static str> {
        match self {
            EventKind::ThreadLimitExceeded { .. } => Some("thread limit"),
            EventKind::RestartedServing { .. } => Some("restarts serve"),
            EventKind::BuildsStarved { .. } => Some("builds starve"),
            EventKind::Intervention { .. } => Some("intervention"),
            EventKind::Incident { .. } => Some("as it happened"),
            _ => None,
        }
    }

    fn describe(&self, who: &str) -> String {
        match self {
            EventKind::Intervention { label } => format!("Intervention: {label}."),
            EventKind::Incident { label } => format!("As it happened: {label}."),
            EventKind::HealthChanged { from, to, error_bp } => {
                Health::change_text(who, *from, *to, *error_bp)
            }
            EventKind::ThreadLimitExceeded { threads, limit } => format!(
                "{who}: servers that learned of the new peers now need {threads} threads, over the OS limit of {limit}. Their shard-map cache can no longer complete."
            ),
            EventKind::ShardMapsUseless { servers, threads } => format!(
                "{servers} front-end servers ({threads} threads each) hold a shard-map that could not be rebuilt: it is useless, and they cannot route requests to the back-end."
            ),
            EventKind::BackUnderLimit { threads, limit } => format!(
                "Every front-end server is back under the thread limit ({threads} of {limit}); servers whose map already failed stay broken until restarted."
            ),
            EventKind::BuildsStarved { building, sustainable } => format!(
                "{building} servers are building shard-maps at once, more than the {sustainable} request processing can spare: starved servers are judged unhealthy and removed, losing their progress."
            ),
            EventKind::RestartedServing { servers } => format!(
                "The first {servers} restarted front-end servers have built their shard-map and take traffic."
            ),
            EventKind::LambdaMemoryContention { buffered_min } => format!(
                "Lambda hosts hold {buffered_min} minutes of CloudWatch metrics they could not deliver: memory contention makes invocations fail."
            ),
            EventKind::CognitoBuffersFull { buffered_min } => format!(
                "Cognito web servers' Kinesis buffers are full ({buffered_min} minutes of records): a latent bug makes them block, and sign-ins fail."
            ),
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
                h.tag(10);
                h.str(label);
            }
            K::HealthChanged { from, to, error_bp } => {
                h.tag(2);
                h.tag(*from as u8);
                h.tag(*to as u8);
                h.u32(*error_bp);
            }
            K::ThreadLimitExceeded { threads, limit } => {
                h.tag(3);
                h.u64(*threads);
                h.u64(*limit);
            }
            K::ShardMapsUseless { servers, threads } => {
                h.tag(4);
                h.u64(*servers);
                h.u64(*threads);
            }
            K::BackUnderLimit { threads, limit } => {
                h.tag(5);
                h.u64(*threads);
                h.u64(*limit);
            }
            K::BuildsStarved {
                building,
                sustainable,
            } => {
                h.tag(6);
                h.u64(*building);
                h.u64(*sustainable);
            }
            K::RestartedServing { servers } => {
                h.tag(7);
                h.u64(*servers);
            }
            K::LambdaMemoryContention { buffered_min } => {
                h.tag(8);
                h.u64(*buffered_min);
            }
            K::CognitoBuffersFull { buffered_min } => {
                h.tag(9);
                h.u64(*buffered_min);
            }
        }
    }
}
