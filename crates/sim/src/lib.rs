//! Outage Explorer's simulation core: an engine that knows no outage, and one model per real
//! outage. A scenario, a seed, parameters and an ordered list of timed interventions fully
//! determine a run, bit for bit, natively and in wasm.
//!
//! [`engine`]: time, seeded streams, the event queue and fixed tick, the log and its digest,
//! health, recordings (checkpoints, seek, fork), parameters, scenario files, links, the map's
//! layout, challenges and the comparison with reality; [`engine::run`] is how a front end
//! holds a run of any model. [`models`]: one folder per outage, and the registry.

pub mod engine;
pub mod models;

pub use engine::model::{Health, Timed};
pub use engine::run::{Inputs, NodeRef, Run, Step};
pub use engine::scenario::Scenario;
pub use engine::time::SimTime;
pub use engine::{
    challenge, health, layout, link, log, mechanism, model, observe, params, reality, recording,
    rng, run, time, world,
};

/// Scenario files: the engine's reading of them, and the built-in ones this build carries.
pub mod scenario {
    pub use crate::engine::scenario::*;
    #[cfg(not(target_arch = "wasm32"))]
    pub use crate::models::catalogue;
    pub use crate::models::BUILTIN;
}

/// The scenario a bare address opens.
pub const DEFAULT_SCENARIO: &str = "aws-2025-10-us-east-1";
pub const DEFAULT_SEED: u64 = 1;

/// Run `inputs` of `scenario` with its model, all at once.
pub fn run(scenario: &Scenario, inputs: &Inputs) -> Result<std::sync::Arc<dyn Run>, String> {
    let mut build = scenario.model.start(scenario, inputs)?;
    while !build.step(usize::MAX)? {}
    build
        .finish()
        .ok_or_else(|| "the run could not be completed".to_string())
}
