//! The engine: everything a run needs that is not one outage's mechanisms.
//!
//! Small functions called for every event (a log entry, a random draw, a record's answer) are
//! marked `#[inline(always)]`: the browser's build is optimised for size, which leaves them calls,
//! and inlining them makes a run in wasm about 8% faster for a few hundred bytes.

pub mod health;
pub mod intervene;
pub mod log;
pub mod mechanism;
pub mod model;
pub mod observe;
pub mod params;
pub mod queue;
pub mod recording;
pub mod rng;
pub mod time;
pub mod world;
