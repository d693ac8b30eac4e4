//! The October 2025 outage's mechanism views: the race between the Enactors, and the
//! congestive collapse that outlived it.

use super::gauges::{EnactorGauge, Gauges};
use super::{Params, Region, Service, View};
use crate::engine::mechanism::{
    amount, Figure, LaneState, Mechanism, MechanismInfo, Part, Tone, PERCENT,
};
use crate::engine::time::{HOUR, MINUTE, SECOND};
use crate::presentation::observed::Explained;

impl Explained for Region {
    const VIEWS: &'static [MechanismInfo] = &[
    MechanismInfo {
        id: "race",
        title: "The race",
        lesson: "An Enactor checks its plan's freshness once, when it picks the plan up. If it is slow, newer plans are applied and old ones cleaned up meanwhile: its stale plan, written to the regional record, is then deleted with the record's addresses.",
        span: 4 * MINUTE,
        samples: 120,
    },
    MechanismInfo {
        id: "collapse",
        title: "The congestive collapse",
        lesson: "DWFM re-leases every droplet at once; the work times out before it finishes and is queued again, so the collapse lasts after DynamoDB is back.",
        span: 8 * HOUR,
        samples: 160,
    },
];

    fn mechanism(id: &str, v: &View, p: &Params) -> Option<Mechanism> {
        match id {
            "race" => Some(race(&v.gauges, p, v.at.ms())),
            "collapse" => Some(collapse(&v.gauges)),
            _ => None,
        }
    }
}

/// The plan the clean-up deletes below once the newest applied plan is `applied`.
fn cleanup_floor(g: &Gauges, p: &Params) -> u64 {
    g.plan_applied.saturating_sub(p.cleanup_keep_generations)
}

fn race(g: &Gauges, p: &Params, now_ms: u64) -> Mechanism {
    let mut lanes = vec![LaneState {
        actor: Service::Planner.name().into(),
        phase: if g.planner_running {
            "making plans"
        } else {
            "stopped"
        }
        .into(),
        now: format!("newest plan {}", g.plan_latest),
        tone: if g.planner_running {
            Tone::Working
        } else {
            Tone::Idle
        },
    }];
    for (i, e) in g.enactors.iter().enumerate() {
        lanes.push(enactor_lane(Service::enactor(i).name(), e, g, now_ms));
    }
    let regional = g.records.first();
    let (ips, gen) = regional.map(|r| (r.ips, r.gen)).unwrap_or((0, 0));
    let floor = cleanup_floor(g, p);
    let (phase, tone) = if ips == 0 {
        ("EMPTY".to_string(), Tone::Failed)
    } else if gen < floor {
        (format!("old plan {gen}"), Tone::Strained)
    } else {
        ("a current plan".to_string(), Tone::Working)
    };
    lanes.push(LaneState {
        actor: "Regional record".into(),
        phase,
        now: if ips == 0 {
            format!("dynamodb.us-east-1.amazonaws.com EMPTY (its plan {gen} was deleted)")
        } else {
            format!("dynamodb.us-east-1.amazonaws.com → plan {gen}, {ips} IPs")
        },
        tone,
    });
    Mechanism {
        lanes,
        figures: vec![Figure::Against {
            label: "Regional record's plan".into(),
            unit: "",
            value: gen,
            limit: floor,
            limit_is: "oldest plan the clean-up keeps",
            under: true,
        }],
    }
}

/// An Enactor's lane: keeping up with the Planner, or holding one plan (paused, or slow) while
/// newer ones are applied; the regional endpoint still to write or written.
fn enactor_lane(name: &str, e: &EnactorGauge, g: &Gauges, now_ms: u64) -> LaneState {
    let stale = e.applying && e.gen < g.plan_applied;
    let holding = e.applying && (e.paused || e.delayed || stale);
    let regional = if e.regional_pending {
        "regional to write"
    } else {
        "regional written"
    };
    let (phase, tone) = if e.paused && e.applying {
        (
            format!("paused holding plan {} · {regional}", e.gen),
            Tone::Idle,
        )
    } else if e.paused {
        ("paused".to_string(), Tone::Idle)
    } else if holding {
        // Past the regional endpoint with a stale plan: written over a newer one (the record
        // points at it), or left newer (the freshness re-check skipped it).
        let on_record = g.records.first().is_some_and(|r| r.gen == e.gen);
        match (stale, e.regional_pending, on_record) {
            (true, true, _) => (format!("plan {} · {regional}", e.gen), Tone::Strained),
            (true, false, true) => (format!("plan {} written to regional", e.gen), Tone::Failed),
            (true, false, false) => (
                format!("plan {} · regional left newer", e.gen),
                Tone::Strained,
            ),
            (false, _, _) => (format!("plan {} · {regional}", e.gen), Tone::Working),
        }
    } else {
        ("keeping up".to_string(), Tone::Working)
    };
    let mut now = match e.step {
        Some(step) if e.applying => format!(
            "plan {} · endpoint {}/{} · {regional}",
            e.gen,
            (step + 1).min(e.endpoints),
            e.endpoints
        ),
        _ => format!("applied plan {}", e.gen),
    };
    if e.paused {
        now.insert_str(0, "paused · ");
    }
    // The check that went stale: made once, when it picked the plan up.
    if let (true, Some(checked)) = (stale, e.checked_at_ms) {
        now.push_str(&format!(
            " · checked {}; plan {} applied since",
            ago(now_ms.saturating_sub(checked)),
            g.plan_applied
        ));
    }
    LaneState {
        actor: name.into(),
        phase,
        now,
        tone,
    }
}

fn ago(ms: u64) -> String {
    if ms < MINUTE {
        format!("{} s ago", ms / SECOND)
    } else {
        format!("{} min ago", ms / MINUTE)
    }
}

fn collapse(g: &Gauges) -> Mechanism {
    let record_empty = g.records.first().is_none_or(|r| r.ips == 0);
    let offered = g.goodput_per_min + g.wasted_per_min;
    let lanes = vec![
        LaneState::either(
            "DynamoDB's record",
            record_empty,
            ("EMPTY", Tone::Failed),
            "resolves",
            format!(
                "dynamodb.us-east-1.amazonaws.com {}",
                if record_empty { "EMPTY" } else { "resolves" }
            ),
        ),
        LaneState::first_of(
            Service::Dwfm.name(),
            &[
                (
                    g.dwfm_hosts_restarting > 0,
                    "hosts restarting",
                    Tone::Strained,
                ),
                (
                    record_empty && g.leased < g.droplets,
                    "leases expiring: no DynamoDB",
                    Tone::Strained,
                ),
                (
                    g.wasted_per_min > g.goodput_per_min,
                    "collapsed: work times out",
                    Tone::Failed,
                ),
                (
                    g.dwfm_queue > 0 || g.leased < g.droplets,
                    "re-leasing",
                    Tone::Strained,
                ),
            ],
            ("leases current", Tone::Working),
            format!(
                "{} leases made/min · {} timed out/min · {} queued{}",
                g.goodput_per_min,
                g.wasted_per_min,
                g.dwfm_queue,
                if g.dwfm_throttled {
                    " · throttled"
                } else {
                    ""
                }
            ),
        ),
        LaneState::either(
            "EC2 launches",
            g.pending_launches > 0,
            ("failing", Tone::Failed),
            "succeed",
            format!(
                "{} launched/min · {} waiting",
                g.launches_per_min, g.pending_launches
            ),
        ),
        LaneState::either(
            Service::NetworkManager.name(),
            g.propagation_backlog > 0,
            ("backlog", Tone::Strained),
            "current",
            format!(
                "backlog {} changes · {} s behind",
                g.propagation_backlog, g.propagation_delay_s
            ),
        ),
        LaneState::either(
            Service::Nlb.name(),
            g.nlb_capacity_permille < 1000,
            ("capacity removed", Tone::Failed),
            "full capacity",
            format!(
                "capacity in service {}",
                amount(u64::from(g.nlb_capacity_permille), PERCENT)
            ),
        ),
    ];
    Mechanism {
        lanes,
        figures: vec![
            Figure::Goodput {
                label: "DWFM's lease work".into(),
                unit: "leases/min",
                offered,
                done: g.goodput_per_min,
            },
            Figure::Population {
                label: "Droplets".into(),
                unit: "droplets",
                parts: vec![
                    Part::new("leased", g.leased, Tone::Working),
                    Part::new(
                        "lease lost",
                        g.droplets.saturating_sub(g.leased),
                        Tone::Failed,
                    ),
                ],
            },
        ],
    }
}
