//! The engine: everything a run needs that is not one outage's mechanisms.

pub mod challenge;
pub mod health;
pub mod layout;
pub mod link;
pub mod log;
pub mod model;
pub mod observe;
pub mod packed;
pub mod params;
pub mod queue;
pub mod reality;
pub mod recording;
pub mod rng;
pub mod run;
pub mod scenario;
pub mod time;
pub mod world;
