//! Outage Explorer's simulation core: an engine that knows no outage, and one model per real
//! outage. A scenario, a seed, parameters and an ordered list of timed interventions fully
//! determine a run, bit for bit, natively and in wasm.
//!
//! [`engine`]: time, seeded streams, the event queue and fixed tick, the log and its digest,
//! health, recordings (checkpoints, seek, fork), parameters, mechanism views. [`presentation`]:
//! scenario files, links, the map's layout, challenges, the comparison with reality, and
//! [`presentation::run`], how a front end holds a run of any model. [`models`]: one folder per
//! outage, and the registry.

pub mod engine;
pub mod models;
pub mod presentation;

pub use engine::model::{Health, Timed};
pub use engine::time::SimTime;
pub use engine::{health, log, mechanism, model, observe, params, recording, rng, time, world};
pub use presentation::run::{Inputs, NodeRef, Run, Step};
pub use presentation::scenario::Scenario;
pub use presentation::{
    challenge, contrast, layout, lesson, link, packed, range, reality, run, sweep,
};

/// Scenario files: the engine's reading of them, and the built-in ones this build carries.
pub mod scenario {
    #[cfg(not(target_arch = "wasm32"))]
    pub use crate::models::catalogue;
    pub use crate::models::BUILTIN;
    pub use crate::presentation::scenario::*;
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
