//! The November 2020 outage's mechanism view: every front-end server runs a thread per other
//! server, so new capacity pushes each one past the operating system's thread limit.

use super::{Params, Region, Service, View};
use crate::engine::mechanism::{
    amount, Figure, LaneState, Mechanism, MechanismInfo, Part, Tone, PERCENT,
};
use crate::engine::time::HOUR;
use crate::presentation::observed::Explained;

impl Explained for Region {
    const VIEWS: &'static [MechanismInfo] = &[MechanismInfo {
    id: "threads",
    title: "Threads against the limit",
    lesson: "Each front-end server keeps a thread for every other server; as the servers learn of the new capacity their thread counts pass the operating system's limit, and their shard-maps fail.",
    span: 12 * HOUR,
    samples: 144,
}];

    fn mechanism(id: &str, v: &View, p: &Params) -> Option<Mechanism> {
        (id == "threads").then(|| threads(v, p))
    }
}

fn threads(v: &View, p: &Params) -> Mechanism {
    let g = &v.gauges;
    let kinesis_bp = u64::from(
        v.error_bp
            .get(Service::Kinesis.index())
            .copied()
            .unwrap_or(0),
    );
    let usable = g.servers_ok.saturating_sub(g.servers_unrebuilt);
    let lanes = vec![
        LaneState {
            actor: "Membership".into(),
            phase: if g.members > p.frontend_servers {
                "with the new capacity"
            } else {
                "the original fleet"
            }
            .into(),
            now: format!("{} servers in the fleet", g.members),
            tone: Tone::Working,
        },
        LaneState::first_of(
            "Threads on a server",
            &[
                (g.servers_failed > 0, "shard-maps failing", Tone::Failed),
                (
                    g.threads_max > g.thread_limit,
                    "over the thread limit",
                    Tone::Strained,
                ),
                (
                    g.servers_unrebuilt > 0,
                    "shard-maps not rebuilt",
                    Tone::Strained,
                ),
            ],
            ("within the limit", Tone::Working),
            format!(
                "most on one server {} of a limit of {}",
                g.threads_max, g.thread_limit
            ),
        ),
        LaneState::first_of(
            "Shard-map builds",
            &[
                (
                    g.servers_building > 0,
                    "building shard-maps",
                    Tone::Strained,
                ),
                (g.restart_per_hour > 0, "restarting", Tone::Strained),
            ],
            ("none", Tone::Idle),
            format!(
                "{} servers building a shard-map · {} restarts/hour",
                g.servers_building, g.restart_per_hour
            ),
        ),
        LaneState::either(
            Service::Kinesis.name(),
            kinesis_bp > 0,
            ("failing", Tone::Failed),
            "serving",
            format!("{} errors", amount(kinesis_bp / 10, PERCENT)),
        ),
    ];
    Mechanism {
        lanes,
        figures: vec![
            Figure::Against {
                label: "Most threads on a server".into(),
                unit: "threads",
                value: g.threads_max,
                limit: g.thread_limit,
                limit_is: "OS thread limit",
                under: false,
            },
            Figure::Population {
                label: "Front-end servers".into(),
                unit: "servers",
                parts: vec![
                    Part::new("usable shard-map", usable, Tone::Working),
                    Part::new(
                        "map not rebuilt, still used",
                        g.servers_unrebuilt,
                        Tone::Strained,
                    ),
                    Part::new("building a shard-map", g.servers_building, Tone::Idle),
                    Part::new("shard-map useless", g.servers_failed, Tone::Failed),
                    Part::new("removed, map incomplete", g.servers_removed, Tone::Failed),
                ],
            },
        ],
    }
}
