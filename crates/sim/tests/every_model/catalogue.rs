//! The list of outages a person picks from is the list the build carries, each with its line.

use outage_sim::scenario::{catalogue, BUILTIN};
use outage_sim::{Scenario, SimTime};

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

#[test]
fn every_outage_has_a_lesson_for_a_lecture_and_its_time_impaired_is_its_runs() {
    use outage_sim::lesson::impaired_span;
    use outage_sim::Health;
    for (id, _) in BUILTIN {
        let s = Scenario::builtin(id).unwrap();
        assert!(s.file.lesson.is_some(), "{id} has no lesson");
        let run = outage_sim::run(&s, &s.default_inputs(1)).expect("the default run");
        let (from, to) = impaired_span(run.as_ref()).expect("the incident impairs something");
        let impaired = |t: SimTime| run.frame_at(t).health.iter().any(|h| *h != Health::Healthy);
        // What the map shows: all well a minute before the span, something impaired a minute
        // into it and a minute before its end, and (where it ends in the window) all well a
        // minute after.
        let minute = |t: SimTime, m: i64| SimTime((t.ms() as i64 + m * 60_000) as u64);
        assert!(
            !impaired(minute(from, -1)),
            "{id}: impaired before {from:?}"
        );
        assert!(
            impaired(minute(from, 1)),
            "{id}: nothing impaired after {from:?}"
        );
        match to {
            Some(to) => {
                assert!(
                    impaired(minute(to, -1)),
                    "{id}: nothing impaired before {to:?}"
                );
                assert!(
                    !impaired(minute(to, 1)),
                    "{id}: still impaired after {to:?}"
                );
            }
            None => assert!(impaired(run.window()), "{id}: all well at the end"),
        }
    }
}
