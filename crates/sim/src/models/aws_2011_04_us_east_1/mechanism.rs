//! The April 2011 outage's mechanism view: the affected cluster's volumes by state against its
//! free space (the re-mirroring storm), and the control plane's regional thread pool.

use super::{Params, Region, View};
use crate::engine::mechanism::{
    amount, Figure, LaneState, Mechanism, MechanismInfo, Part, Tone, PERCENT,
};
use crate::engine::time::HOUR;
use crate::presentation::observed::Explained;

impl Explained for Region {
    const VIEWS: &'static [MechanismInfo] = &[MechanismInfo {
    id: "storm",
    title: "The re-mirroring storm",
    lesson: "Volumes cut off by the traffic shift all search for space for a new mirror at once; the free space is soon gone and they keep searching, stuck. CreateVolume calls the full cluster cannot serve hold the control plane's regional threads until long time-outs; later the stuck volumes' retried negotiations brown out the database it shares with API traffic.",
    span: 12 * HOUR,
    samples: 144,
}];

    fn mechanism(id: &str, v: &View, _p: &Params) -> Option<Mechanism> {
        (id == "storm").then(|| storm(v))
    }
}

fn storm(v: &View) -> Mechanism {
    let g = &v.gauges;
    let searching = g.remirroring_permille + g.stuck_permille;
    let serving = 1000u64.saturating_sub(g.isolated_permille + searching);
    let lanes = vec![
        LaneState::either(
            "Replication traffic",
            g.shifted,
            ("on the secondary network", Tone::Failed),
            "on the primary network",
            if g.shifted {
                "shifted to the lower-capacity secondary network".into()
            } else {
                "on the primary network".into()
            },
        ),
        LaneState::first_of(
            "Affected cluster",
            &[
                (g.stuck_permille > 0, "stuck: no free space", Tone::Failed),
                (
                    g.remirroring_permille > 0,
                    "re-mirroring storm",
                    Tone::Strained,
                ),
                (g.isolated_permille > 0, "cut off", Tone::Failed),
            ],
            ("serving", Tone::Working),
            format!(
                "{} searching for space · {} free",
                amount(searching, PERCENT),
                amount(g.free_permille, PERCENT)
            ),
        ),
        LaneState::first_of(
            "Control plane",
            &[
                (
                    g.threads_needed > g.control_threads,
                    "threads exhausted",
                    Tone::Failed,
                ),
                (
                    g.negotiations_permille > g.negotiations_absorbed_permille,
                    "browned out by negotiations",
                    Tone::Failed,
                ),
                (g.az_apis_disabled, "AZ's APIs disabled", Tone::Idle),
                (
                    g.create_volume_disabled,
                    "AZ's CreateVolume disabled",
                    Tone::Idle,
                ),
            ],
            ("serving", Tone::Working),
            format!(
                "{} of {} threads wanted · negotiations {}/s, {} served",
                g.threads_needed,
                g.control_threads,
                amount(g.negotiations_permille, PERCENT),
                amount(g.negotiations_absorbed_permille, PERCENT)
            ),
        ),
    ];
    Mechanism {
        lanes,
        figures: vec![
            Figure::Population {
                label: "The cluster's volumes".into(),
                unit: PERCENT,
                parts: vec![
                    Part::new("serving", serving, Tone::Working),
                    Part::new("cut off", g.isolated_permille, Tone::Failed),
                    Part::new("re-mirroring", g.remirroring_permille, Tone::Strained),
                    Part::new("stuck", g.stuck_permille, Tone::Failed),
                ],
            },
            Figure::Against {
                label: "Free space".into(),
                unit: PERCENT,
                value: g.free_permille,
                limit: searching,
                limit_is: "space the searching volumes need",
                under: true,
            },
            Figure::Against {
                label: "Control-plane threads".into(),
                unit: "threads",
                value: g.threads_needed,
                limit: g.control_threads,
                limit_is: "pool",
                under: false,
            },
        ],
    }
}
