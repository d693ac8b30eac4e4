//! The outages this build carries, packed when the app was built (see `build.rs`): a page reads
//! its scenario without a JSON parser, and checks it again as it reads it.

use outage_sim::scenario::{unknown_scenario, Summary};
use outage_sim::{Scenario, SimTime};

/// (id, title, subtitle, packed scenario file)
type Builtin = (&'static str, &'static str, &'static str, &'static [u8]);
/// (id, the first impairment's start, the last one's end or `None` past the window), in the
/// incident's default run, in milliseconds from the window's start (see `build.rs`).
type Impaired = (&'static str, u64, Option<u64>);

include!(concat!(env!("OUT_DIR"), "/scenarios.rs"));

pub fn scenario(id: &str) -> Result<Scenario, String> {
    let (_, _, _, packed) = BUILTIN
        .iter()
        .find(|b| b.0 == id)
        .ok_or_else(|| unknown_scenario(id, BUILTIN.iter().map(|b| b.0)))?;
    Scenario::unpack(packed)
}

/// The outages this build carries, in the order they are offered.
pub fn catalogue() -> Vec<Summary> {
    BUILTIN
        .iter()
        .map(|(id, title, subtitle, _)| Summary {
            id: id.to_string(),
            title: title.to_string(),
            subtitle: subtitle.to_string(),
        })
        .collect()
}

/// When outage `id`'s incident, as the model runs it, was impaired: from the first impairment's
/// start to the last one's end (`None`: past the end of the window).
pub fn impaired(id: &str) -> Option<(SimTime, Option<SimTime>)> {
    IMPAIRED
        .iter()
        .find(|i| i.0 == id)
        .map(|&(_, from, to)| (SimTime(from), to.map(SimTime)))
}
