//! What the April 2011 model's log records, in words and in the digest's encoding.

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
    /// The secondary network cannot carry what was shifted onto it: nodes are cut off.
    NodesIsolated {
        permille: u64,
    },
    /// Reconnected nodes all look for space for a new replica at once.
    RemirroringStorm {
        permille: u64,
    },
    /// The cluster's free space is gone: the volumes still searching loop, stuck.
    FreeSpaceExhausted {
        stuck_permille: u64,
    },
    /// Replication requests closing together trip the race on the nodes, failing more of them.
    RaceFailsNodes {
        searches_per_s_permille: u64,
    },
    VolumesRecovered,
    ControlPlaneStarved {
        threads_needed: u64,
        threads: u64,
    },
    ControlPlaneRecovered,
    FailoverBug {
        permille: u64,
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
            EventKind::NodesIsolated { .. } => Some("nodes cut off"),
            EventKind::RemirroringStorm { .. } => Some("re-mirroring storm"),
            EventKind::FreeSpaceExhausted { .. } => Some("space exhausted"),
            EventKind::RaceFailsNodes { .. } => Some("race"),
            EventKind::ControlPlaneStarved { .. } => Some("control plane starved"),
            EventKind::Intervention { .. } => Some("intervention"),
            EventKind::Incident { .. } => Some("as it happened"),
            _ => None,
        }
    }

    fn describe(&self, who: &str) -> String {
        let pct = |permille: &u64| format!("{}.{}%", permille / 10, permille % 10);
        match self {
            EventKind::Intervention { label } => format!("Intervention: {label}."),
            EventKind::Incident { label } => format!("As it happened: {label}."),
            EventKind::HealthChanged { from, to, error_bp } => {
                Health::change_text(who, *from, *to, *error_bp)
            }
            EventKind::NodesIsolated { permille } => format!(
                "The secondary network cannot carry the traffic shifted onto it, and the primary was drained: nodes holding {} of the volumes are cut off from the rest of the cluster.",
                pct(permille)
            ),
            EventKind::RemirroringStorm { permille } => format!(
                "Reconnected, the cut-off nodes all search the cluster for space for a new replica at once: {} of the volumes are re-mirroring, their I/O blocked.",
                pct(permille)
            ),
            EventKind::FreeSpaceExhausted { stuck_permille } => format!(
                "The cluster's free space is gone: {} of the volumes loop, searching for space, \"stuck\".",
                pct(stuck_permille)
            ),
            EventKind::RaceFailsNodes { searches_per_s_permille } => format!(
                "Searches close their replication requests together ({} of the volumes a second): a race on the nodes fails more of them, and their volumes search too.",
                pct(searches_per_s_permille)
            ),
            EventKind::VolumesRecovered => "Every volume has its replicas again.".into(),
            EventKind::ControlPlaneStarved { threads_needed, threads } => format!(
                "{who}: calls about blocked volumes hold threads until long time-outs; they need {threads_needed} threads of {threads}, and EBS API calls starve."
            ),
            EventKind::ControlPlaneRecovered => format!("{who} has threads to spare again."),
            EventKind::FailoverBug { permille } => format!(
                "{} of Multi-AZ databases hit the fail-over bug (interruption, then stuck I/O on the primary): not safe to fail over automatically, they need a manual fail-over.",
                pct(permille)
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
                h.tag(11);
                h.str(label);
            }
            K::HealthChanged { from, to, error_bp } => {
                h.tag(2);
                h.tag(*from as u8);
                h.tag(*to as u8);
                h.u32(*error_bp);
            }
            K::NodesIsolated { permille } => {
                h.tag(3);
                h.u64(*permille);
            }
            K::RemirroringStorm { permille } => {
                h.tag(4);
                h.u64(*permille);
            }
            K::FreeSpaceExhausted { stuck_permille } => {
                h.tag(5);
                h.u64(*stuck_permille);
            }
            K::RaceFailsNodes {
                searches_per_s_permille,
            } => {
                h.tag(6);
                h.u64(*searches_per_s_permille);
            }
            K::VolumesRecovered => h.tag(7),
            K::ControlPlaneStarved {
                threads_needed,
                threads,
            } => {
                h.tag(8);
                h.u64(*threads_needed);
                h.u64(*threads);
            }
            K::ControlPlaneRecovered => h.tag(9),
            K::FailoverBug { permille } => {
                h.tag(10);
                h.u64(*permille);
            }
        }
    }
}
