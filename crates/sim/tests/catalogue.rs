//! The list of outages a person picks from is the list the build carries, each with its line.

use outage_sim::scenario::{catalogue, BUILTIN};
use outage_sim::Scenario;

#[test]
fn every_built_in_scenario_is_offered_once_with_its_title() {
    let list = catalogue();
    assert_eq!(list.len(), BUILTIN.len());
    for (entry, (id, _)) in list.iter().zip(BUILTIN) {
        assert_eq!(entry.id, *id);
        let s = Scenario::builtin(id).unwrap();
        assert_eq!(entry.title, s.file.title);
        assert!(!entry.subtitle.is_empty());
    }
}
