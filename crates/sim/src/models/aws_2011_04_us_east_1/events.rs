//! What the April 2011 model's log records, in words and in the digest's encoding.

use crate::engine::model::Event;

crate::events! {
    // Tag numbers are part of the digest's definition: a new event takes a new number, and no
    // number is ever reused. Retired: 1, 2 and 11 (an intervention, a change of health, an
    // incident: the engine writes those, see `EntryKind`).
    pub enum EventKind {
        /// The secondary network cannot carry what was shifted onto it: nodes are cut off.
        NodesIsolated { permille: u64 } = 3 => "nodes cut off",
        /// Reconnected nodes all look for space for a new replica at once.
        RemirroringStorm { permille: u64 } = 4 => "re-mirroring storm",
        /// The cluster's free space is gone: the volumes still searching loop, stuck.
        FreeSpaceExhausted { stuck_permille: u64 } = 5 => "space exhausted",
        /// Replication requests closing together trip the race on the nodes, failing more of
        /// them.
        RaceFailsNodes { searches_per_s_permille: u64 } = 6 => "race",
        VolumesRecovered = 7,
        ControlPlaneStarved { threads_needed: u64, threads: u64 } = 8 => "control plane starved",
        ControlPlaneRecovered = 9,
        FailoverBug { permille: u64 } = 10,
        /// The re-mirroring negotiations' retries load the database the control plane shares
        /// with API traffic beyond what it serves: a brown-out.
        BrownOut { negotiations_per_s_permille: u64, absorbed: u64 } = 12 => "control plane browned out",
        BrownOutOver = 13,
        /// The rest have re-mirrored; these volumes cannot be restored in a consistent state.
        VolumesUnrestorable { ppm: u64 } = 14 => "volumes lost",
    }
}

impl Event for EventKind {
    fn describe(&self, who: &str) -> String {
        let pct = |permille: &u64| format!("{}.{}%", permille / 10, permille % 10);
        match self {
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
            EventKind::VolumesRecovered => {
                "Every volume that can be restored has its replicas again.".into()
            }
            EventKind::VolumesUnrestorable { ppm } => format!(
                "Every other volume has re-mirrored; {}.{:02}% of the volumes cannot be restored in a consistent state.",
                ppm / 10_000,
                ppm % 10_000 / 100
            ),
            EventKind::BrownOut { negotiations_per_s_permille, absorbed } => format!(
                "{who}: the stuck volumes' retried re-mirroring negotiations ({}.{}% of the volumes a second) go through the database it shares with API traffic, which serves {}.{}%: it browns out, and EBS APIs fail.",
                negotiations_per_s_permille / 10,
                negotiations_per_s_permille % 10,
                absorbed / 10,
                absorbed % 10
            ),
            EventKind::BrownOutOver => format!("{who}: the negotiations no longer brown it out."),
            EventKind::ControlPlaneStarved { threads_needed, threads } => format!(
                "{who}: CreateVolume calls the cluster cannot serve hold threads until long time-outs; the calls need {threads_needed} threads of {threads}, and EBS API calls starve."
            ),
            EventKind::ControlPlaneRecovered => format!("{who} has threads to spare again."),
            EventKind::FailoverBug { permille } => format!(
                "{} of Multi-AZ databases hit the fail-over bug (interruption, then stuck I/O on the primary): not safe to fail over automatically, they need a manual fail-over.",
                pct(permille)
            ),
        }
    }
}
