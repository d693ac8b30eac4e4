//! The AWS Kinesis outage in us-east-1 of 25 November 2020 (scenario `aws-2020-11-us-east-1`).
//!
//! Mechanisms trace to the reference (`shared/reference/outages.md` §2): [`frontend`] (one OS
//! thread per peer, learning of peers up to an hour late, the thread limit, shard-maps that
//! expire when they cannot be rebuilt, restarts that compete with serving) and [`dependents`]
//! (CloudWatch, AutoScaling, Lambda, Cognito, EventBridge, ECS/EKS and the status page).
//! [`region`] couples them and is the [`Model`] the engine runs.

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

use crate::engine::health::Board;
use crate::engine::log::EventId;
use crate::engine::model::{Cost, Model};
use crate::engine::queue::NoAction;
use crate::engine::time::SimTime;

/// The scenario this model runs.
pub const ID: &str = "aws-2020-11-us-east-1";

crate::model_types!(Region);

/// Per node (in `Service::ALL` order): the share of its requests that fail, and the event
/// that explains it.
pub type Errors = [(f64, Option<EventId>)];

impl Model for Region {
    const ID: &'static str = ID;
    const TICK_MS: u64 = region::TICK_MS;
    type Node = Service;
    type Event = EventKind;
    // Nothing is scheduled besides the fleet's tick: every mechanism here is fleet-sized.
    type Action = NoAction;
    type Params = Params;
    type Intervention = Intervention;
    type Gauges = Gauges;
    type Quantity = Quantity;

    fn new(params: &Params, seed: u64, _cx: &mut Ctx) -> Region {
        Region::new(params, seed)
    }

    fn handle(&mut self, action: NoAction, _cx: &mut Ctx) -> bool {
        match action {}
    }

    fn tick(&mut self, cx: &mut Ctx) {
        Region::tick(self, cx)
    }

    fn tick_work(&self) -> u64 {
        1 + self.frontend.cohorts.len() as u64
    }

    fn footprint(&self) -> u64 {
        std::mem::size_of::<Region>() as u64 + self.frontend.footprint()
    }

    fn cost(p: &Params, window: SimTime) -> Vec<Cost> {
        vec![Cost {
            param: "learning_cohorts",
            work: (window.ms() / region::TICK_MS) * (2 + p.learning_cohorts),
            raise: false,
        }]
    }

    fn errors(&self, _board: &Board, params: &Params, out: &mut Errors) {
        Region::errors(self, params, out)
    }

    fn gauges(&self, _now: SimTime, params: &Params) -> Gauges {
        Region::gauges(self, params)
    }
}
