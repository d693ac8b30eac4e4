//! The AWS Kinesis outage in us-east-1 of 25 November 2020 (scenario `aws-2020-11-us-east-1`).
//!
//! Mechanisms trace to the reference (`shared/reference/outages.md` §2): [`frontend`] (one OS
//! thread per peer, learning of peers up to an hour late, the thread limit, shard-maps that
//! expire when they cannot be rebuilt, restarts that compete with serving) and [`dependents`]
//! (CloudWatch, AutoScaling, Lambda, Cognito, EventBridge, ECS/EKS and the status page).
//! [`region`] couples them and is the [`Model`](crate::engine::model::Model) the engine runs.

pub mod dependents;
pub mod events;
pub mod frontend;
pub mod gauges;
pub mod intervention;
pub mod mechanism;
pub mod params;
pub mod region;
pub mod service;

/// The membership service's random stream (see `engine::rng`); its number is part of every
/// run's identity.
pub const MEMBERSHIP_STREAM: u64 = 6;

pub use events::EventKind;
pub use gauges::{Gauges, Quantity};
pub use intervention::Intervention;
pub use params::Params;
pub use region::Region;
pub use service::{Service, SERVICE_COUNT};

use crate::engine::queue::NoAction;

// Nothing is scheduled besides the fleet's tick: every mechanism here is fleet-sized.
crate::model_types! {
    Region { id: "aws-2020-11-us-east-1", tick_ms: region::TICK_MS,
        node: Service, event: EventKind, action: NoAction, params: Params, gauges: Gauges, quantity: Quantity }
}
