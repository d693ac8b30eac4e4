//! The built-in scenarios' maps, laid out when the app was built (see `build.rs`): a page draws
//! its map without routing edges first. A scenario without one is laid out here and now.

use outage_sim::layout::MapLayout;
use outage_sim::Scenario;

include!(concat!(env!("OUT_DIR"), "/layouts.rs"));

pub fn of(scenario: &Scenario) -> MapLayout {
    LAYOUTS
        .iter()
        .find(|(id, _)| *id == scenario.file.id)
        .and_then(|(_, json)| MapLayout::from_json(json).ok())
        .unwrap_or_else(|| scenario.map_layout())
}
