//! The October 2025 model's gauges: what explains each node's health at an instant, what a
//! chart can plot, and what flows on each edge of the map.

use super::{Endpoint, Params, Service, View};
use crate::engine::observe::{Flow, Measure};
use crate::engine::time::MINUTE;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EnactorGauge {
    /// Plan being applied, or the last one applied when idle.
    pub gen: u64,
    pub applying: bool,
    /// Transactions of its plan done: the step of its order in progress or next due.
    pub step: Option<u8>,
    /// The endpoint of that step.
    pub endpoint: Option<Endpoint>,
    pub endpoints: u8,
    /// When it checked the plan it holds for freshness (once, when it picked it up).
    pub checked_at_ms: Option<u64>,
    /// It holds a plan it has not yet sent to the regional endpoint.
    pub regional_pending: bool,
    pub paused: bool,
    pub delayed: bool,
    /// Endpoints it could not update (inconsistent state).
    pub rejected: u8,
    /// Route 53 transactions it attempted in the last complete minute.
    pub txns_per_min: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RecordGauge {
    /// Which endpoint (its label is made when it is shown: views are taken every minute).
    pub endpoint: Endpoint,
    pub ips: u8,
    pub gen: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Gauges {
    pub plan_latest: u64,
    /// The newest plan any Enactor has finished applying: the clean-up deletes plans older than
    /// it by more than `cleanup_keep_generations`.
    pub plan_applied: u64,
    pub planner_running: bool,
    pub plans_per_min: u64,
    pub enactors: Vec<EnactorGauge>,
    pub records: Vec<RecordGauge>,
    pub droplets: u64,
    pub leased: u64,
    pub dwfm_queue: u64,
    pub goodput_per_min: u64,
    pub wasted_per_min: u64,
    pub dwfm_hosts_unreachable: u32,
    pub dwfm_hosts_restarting: u32,
    pub dwfm_throttled: bool,
    pub propagation_backlog: u64,
    pub propagation_delay_s: u64,
    pub nlb_capacity_permille: u32,
    pub nlb_auto_failover: bool,
    pub check_delay_s: u64,
    pub flapping_targets: u64,
    pub api_limit_per_min: u64,
    pub pending_launches: u64,
    /// Launch requests reaching the EC2 API (fresh and retried).
    pub launch_requests_per_min: u64,
    /// Launch requests the API's request limit lets through.
    pub launches_admitted_per_min: u64,
    /// Launch requests the normal limits would let through that the operators' throttle refuses
    /// (the API's impairment; requests beyond the normal limits are refused on any day).
    pub throttle_refused_per_min: u64,
    /// Launches that got a droplet (need a DWFM lease).
    pub launches_per_min: u64,
    /// Network-state changes handed to Network Manager.
    pub propagation_arrivals_per_min: u64,
    pub propagations_per_min: u64,
    pub sqs_poller_failed: bool,
    pub sqs_backlog_min: u64,
    pub lambda_capacity_permille: u32,
    pub redshift_stuck: u64,
}

crate::quantities! {
    /// What a chart can plot besides a node's error rate, named as scenario files name them.
    pub enum Quantity of Gauges {
        DwfmQueue = "dwfm_queue", |g| g.dwfm_queue as f64;
        GoodputPerMin = "goodput_per_min", |g| g.goodput_per_min as f64;
        LeasedShare = "leased_share", |g| g.leased as f64 / g.droplets.max(1) as f64;
        NlbCapacityShare = "nlb_capacity_share", |g| f64::from(g.nlb_capacity_permille) / 1000.0;
        PropagationBacklog = "propagation_backlog", |g| g.propagation_backlog as f64;
        PendingLaunches = "pending_launches", |g| g.pending_launches as f64;
        LaunchRequestsPerMin = "launch_requests_per_min", |g| g.launch_requests_per_min as f64;
    }
}

/// A named quantity of a view: `error:<service>` is that service's error rate (a share), the
/// rest are `Quantity`s. `None`: no such quantity.
pub fn quantity(key: &str, v: &View) -> Option<f64> {
    if let Some(id) = key.strip_prefix("error:") {
        let s = Service::parse(id)?;
        return Some(v.error_share(s.index()));
    }
    Some(Quantity::parse(key)?.of(v))
}

/// What flows on the edge `from` → `to` (drawn cause to effect: `to` depends on `from`).
/// Where the model computes the rate it is used; where AWS gave no volume (clients calling
/// DynamoDB, STS, IAM) the edge carries a steady nominal flow, scaled by the capacity the model
/// says is left, and its failing share is what changes.
pub fn flow(from: Service, to: Service, v: &View, p: &Params) -> Flow {
    let g = &v.gauges;
    let f = |per_min: u64, normal_per_min: u64, what| Flow {
        per_min,
        normal_per_min: normal_per_min.max(1),
        what,
    };
    let plans_normal = MINUTE / p.plan_interval_ms.max(1);
    let launches = p.launches_per_min;
    if let Some(i) = from.enactor_index() {
        // Every Enactor applies most plans to every endpoint.
        let normal = plans_normal * (3 + p.account_endpoints);
        let txns = g.enactors.get(i).map(|e| e.txns_per_min).unwrap_or(0);
        return f(txns, normal, "transactions");
    }
    match (from, to) {
        (Service::Planner, _) => f(g.plans_per_min, plans_normal, "plans"),
        (Service::Dwfm, Service::NetworkManager) => f(
            g.propagation_arrivals_per_min,
            launches + p.terminations_per_min,
            "changes",
        ),
        (Service::Dwfm | Service::Ec2Launch, _) => f(g.launches_per_min, launches, "launches"),
        (Service::Ec2Api, _) => f(g.launches_admitted_per_min, launches, "launch requests"),
        (Service::NetworkManager, _) => f(
            g.propagations_per_min,
            launches + p.terminations_per_min,
            "propagations",
        ),
        (Service::Nlb, _) => Flow::nominal(u64::from(g.nlb_capacity_permille)),
        (Service::Lambda, Service::LambdaSqs) => {
            let polls = if g.sqs_poller_failed {
                0
            } else if g.sqs_backlog_min > 0 {
                p.sqs_drain_speedup * 1000
            } else {
                1000
            };
            Flow::nominal(polls)
        }
        (Service::Lambda, _) => Flow::nominal(u64::from(g.lambda_capacity_permille)),
        _ => Flow::nominal(1000),
    }
}
