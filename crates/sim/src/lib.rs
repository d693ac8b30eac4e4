//! Outage Explorer's simulation core: a deterministic model of the AWS us-east-1 outage of
//! 19–20 October 2025. A scenario, a seed, parameters and an ordered list of timed
//! interventions fully determine a run, bit for bit, natively and in wasm.
//!
//! Mechanisms, each in its own module, trace to the reference (`shared/reference/outages.md`):
//! [`dns`] (Planner, Enactors, Route 53 and the race), [`resolver`] (client DNS caches),
//! [`dwfm`] (droplet leases and congestive collapse), [`ec2`] (launches and throttles),
//! [`netmgr`] (propagation backlog), [`nlb`] (health-check flapping and AZ failover),
//! [`dependents`] (Lambda, Redshift, STS, IAM, ECS, Connect and a customer app). [`region`] couples
//! them; [`world`] is the event loop that routes events and interventions to them.

pub mod challenge;
pub mod dependents;
pub mod describe;
pub mod dns;
pub mod dwfm;
pub mod ec2;
pub mod health;
pub mod intervention;
pub mod layout;
pub mod link;
pub mod log;
pub mod netmgr;
pub mod nlb;
pub mod observe;
pub mod params;
pub(crate) mod queue;
pub mod reality;
pub mod recording;
pub mod region;
pub mod resolver;
pub mod rng;
pub mod scenario;
pub mod service;
pub mod time;
pub mod world;

pub use intervention::{Endpoint, Intervention, Mitigation, Timed};
pub use log::{EventKind, Log, LogEntry};
pub use observe::{Flow, View};
pub use params::{Params, RetryPolicy};
pub use recording::{Cursor, Impairment, Recording, RunInputs};
pub use scenario::Scenario;
pub use service::{Health, Service};
pub use time::SimTime;
pub use world::World;

pub const DEFAULT_SCENARIO: &str = "aws-2025-10-us-east-1";
pub const DEFAULT_SEED: u64 = 1;

/// The default inputs of a scenario: its parameters and its "as it happened" script.
pub fn default_inputs(scenario: &Scenario, seed: u64) -> RunInputs {
    RunInputs {
        scenario: scenario.id().to_string(),
        seed,
        params: scenario.params.clone(),
        script: scenario.default_script.clone(),
    }
}
