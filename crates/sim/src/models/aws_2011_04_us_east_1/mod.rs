//! The EBS re-mirroring storm in us-east-1 of 21 April 2011 (scenario `aws-2011-04-us-east-1`).
//!
//! Mechanisms trace to the reference (`shared/reference/outages.md` §3): [`cluster`] (the
//! mistaken traffic shift, nodes cut off, the re-mirroring storm, free space exhausted, the race
//! on the nodes, added capacity), [`control`] (the region-wide control plane's threads held by
//! long time-outs) and [`rds`] (Single-AZ databases on blocked volumes, the Multi-AZ fail-over
//! bug). [`region`] couples them and is the [`Model`] the engine runs.

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

use crate::engine::health::Board;
use crate::engine::log::EventId;
use crate::engine::model::Model;
use crate::engine::queue::NoAction;
use crate::engine::time::SimTime;

/// The scenario this model runs.
pub const ID: &str = "aws-2011-04-us-east-1";

crate::model_types!(Region);

/// Per node (in `Service::ALL` order): the share of its requests that fail, and the event
/// that explains it.
pub type Errors = [(f64, Option<EventId>)];

impl Model for Region {
    const ID: &'static str = ID;
    const TICK_MS: u64 = region::TICK_MS;
    type Node = Service;
    type Event = EventKind;
    // Nothing is scheduled besides the tick: every mechanism here is fluid.
    type Action = NoAction;
    type Params = Params;
    type Intervention = Intervention;
    type Gauges = Gauges;
    type Quantity = Quantity;

    fn new(params: &Params, _seed: u64, _cx: &mut Ctx) -> Region {
        Region::new(params)
    }

    fn handle(&mut self, action: NoAction, _cx: &mut Ctx) -> bool {
        match action {}
    }

    fn tick(&mut self, cx: &mut Ctx) {
        Region::tick(self, cx)
    }

    fn errors(&self, _board: &Board, params: &Params, out: &mut Errors) {
        Region::errors(self, params, out)
    }

    fn gauges(&self, _now: SimTime, params: &Params) -> Gauges {
        Region::gauges(self, params)
    }
}
