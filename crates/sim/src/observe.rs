//! What a run shows: per service a health and an error rate, plus the gauges that explain them.
//! A `View` is the state at one instant; the per-minute samples of a run are views too.

use crate::service::Health;
use crate::time::SimTime;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EnactorGauge {
    /// Plan being applied, or the last one applied when idle.
    pub gen: u64,
    pub applying: bool,
    /// Endpoint index of the transaction in progress or next due.
    pub endpoint: Option<u8>,
    pub endpoints: u8,
    pub paused: bool,
    pub delayed: bool,
    /// Endpoints it could not update (inconsistent state).
    pub rejected: u8,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RecordGauge {
    pub name: String,
    pub ips: u8,
    pub gen: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Gauges {
    pub plan_latest: u64,
    pub planner_running: bool,
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
    pub sqs_poller_failed: bool,
    pub sqs_backlog_min: u64,
    pub lambda_capacity_permille: u32,
    pub redshift_stuck: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct View {
    pub at: SimTime,
    /// Per service (in `Service::ALL` order): error rate in basis points.
    pub error_bp: Vec<u16>,
    pub health: Vec<Health>,
    pub gauges: Gauges,
}
