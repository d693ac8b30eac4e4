//! The EBS re-mirroring storm in us-east-1 of 21 April 2011 (scenario `aws-2011-04-us-east-1`).
//!
//! Mechanisms trace to the reference (`shared/reference/outages.md` §3): [`cluster`] (the
//! mistaken traffic shift, nodes cut off, the re-mirroring storm, free space exhausted, the race
//! on the nodes, added capacity, the volumes that cannot be restored), [`control`] (the
//! region-wide control plane: its threads held by CreateVolume's long time-outs, and its
//! database browned out by retried re-mirroring negotiations) and [`rds`] (Single-AZ databases on blocked volumes, the Multi-AZ fail-over
//! bug). [`region`] couples them and is the [`Model`](crate::engine::model::Model) the engine runs.

pub mod cluster;
pub mod control;
pub mod events;
pub mod gauges;
pub mod intervention;
pub mod mechanism;
pub mod params;
pub mod rds;
pub mod region;
pub mod service;

pub use events::EventKind;
pub use gauges::{Gauges, Quantity};
pub use intervention::Intervention;
pub use params::Params;
pub use region::Region;
pub use service::{Service, SERVICE_COUNT};

use crate::engine::queue::NoAction;

// Nothing is scheduled besides the tick: every mechanism here is fluid.
crate::model_types! {
    Region { id: "aws-2011-04-us-east-1", tick_ms: region::TICK_MS,
        node: Service, event: EventKind, action: NoAction, params: Params, gauges: Gauges, quantity: Quantity }
}
