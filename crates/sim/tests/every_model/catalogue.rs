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

#[test]
fn every_models_parameters_are_documented_within_their_range_and_valid_by_default() {
    for (id, _) in BUILTIN {
        let s = Scenario::builtin(id).unwrap();
        let run = outage_sim::run(&s, &s.default_inputs(1)).expect("the default run");
        let infos = run.param_infos();
        assert!(!infos.is_empty(), "{id}");
        for p in infos {
            assert!(!p.about.is_empty(), "{id}: {} has no description", p.key);
            assert!(
                (p.min..=p.max).contains(&p.value),
                "{id}: {} out of range",
                p.key
            );
        }
    }
}
