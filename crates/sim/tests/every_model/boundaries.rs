//! Every reference boundary says what agreement with it shows: fitted (a parameter was fitted to
//! it, or it follows one that was after a fixed lag), scripted (the script sets it) or predicted.
//! The classes are checked against the parameters' own provenance and the script, so no boundary
//! is called predicted while a parameter was fitted to it, and the README states each outage's
//! tally as the run computes it.

use crate::common::incident;
use outage_sim::params::Provenance;
use outage_sim::reality::Tally;
use outage_sim::scenario::{BoundaryClass, BUILTIN};
use outage_sim::Scenario;

/// The time of day of an instant as a fitted parameter names it ("2:55 AM", without the day a
/// window of days adds).
fn time_of_day(s: &Scenario, at: &str) -> String {
    let clock = s.clock(s.at(at).unwrap());
    let words: Vec<&str> = clock.split_whitespace().collect();
    words[words.len() - 2..].join(" ")
}

#[test]
fn every_reference_boundary_is_fitted_scripted_or_predicted_and_names_what_fits_or_sets_it() {
    let mut predicted = 0;
    for (id, _) in BUILTIN {
        let (s, run) = incident(id);
        let fitted: Vec<(&str, &str)> = run
            .param_infos()
            .into_iter()
            .filter(|p| p.provenance == Provenance::Fitted)
            .filter_map(|p| Some((p.key, p.fitted_to?)))
            .collect();
        let tokens: Vec<&str> = s.file.script.iter().map(|e| e.token.as_str()).collect();
        for w in &s.file.windows {
            for (end, at, tag, basis) in [
                (false, &w.from, w.tag.as_str(), &w.from_basis),
                (true, &w.to, w.end_tag(), &w.to_basis),
            ] {
                let which = format!(
                    "{id}: {} ({}) {}",
                    w.service,
                    w.what,
                    if end { "end" } else { "start" }
                );
                let basis = basis
                    .as_ref()
                    .unwrap_or_else(|| panic!("{which} has no class"));
                let label = format!("{} [{tag}]", time_of_day(&s, at));
                // The parameters fitted to this very boundary (its time and its source's tag).
                let fitted_here: Vec<&str> = fitted
                    .iter()
                    .filter(|(_, to)| to.ends_with(&label))
                    .map(|(k, _)| *k)
                    .collect();
                let by = basis.by.as_deref();
                match basis.class {
                    BoundaryClass::Fitted => {
                        let by = by.unwrap();
                        match by.strip_prefix("script:") {
                            Some(token) => assert!(
                                tokens.contains(&token),
                                "{which} is fitted by the script's {token:?}, which the script does not have"
                            ),
                            None => assert!(
                                fitted.iter().any(|(k, _)| *k == by),
                                "{which} is fitted by {by:?}, which is not a fitted parameter"
                            ),
                        }
                    }
                    BoundaryClass::Scripted => {
                        let kind = by.unwrap();
                        assert!(
                            tokens.iter().any(|t| t.split('.').next() == Some(kind)),
                            "{which} is set by the script's {kind:?}, which the script does not do"
                        );
                    }
                    BoundaryClass::Predicted => predicted += 1,
                }
                if !fitted_here.is_empty() {
                    assert!(
                        basis.class == BoundaryClass::Fitted
                            && fitted_here.contains(&by.unwrap_or_default()),
                        "{which}: {fitted_here:?} was fitted to {label}, so the boundary is fitted by it, not {}",
                        basis.describe()
                    );
                }
            }
        }
    }
    assert!(predicted > 0, "no boundary is a prediction");
}

#[test]
fn the_readme_states_each_outages_tally_of_predictions_as_the_run_computes_it() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("README.md");
    for (id, _) in BUILTIN {
        let (s, rec) = incident(id);
        let tally = Tally::of(&rec.compare(&s));
        assert_eq!(
            tally.predicted + tally.calibrated,
            2 * s.file.windows.len(),
            "{id}: every boundary is counted once"
        );
        let said = tally.describe();
        assert!(
            readme.contains(&said),
            "README.md should say of {id}: \"{said}\""
        );
    }
}

#[test]
fn a_boundary_the_run_misses_is_a_departure_with_its_reason_and_only_such_a_boundary_is() {
    for (id, _) in BUILTIN {
        let (s, run) = incident(id);
        let rows = run.compare(&s);
        let departures = run.departures(&s, &rows);
        for r in &rows {
            for b in r.boundaries() {
                let which = format!(
                    "{id}: {} ({}) {}",
                    r.service.id(),
                    r.what,
                    if b.end { "end" } else { "start" }
                );
                match (b.met(), b.departs) {
                    (true, Some(why)) => {
                        panic!("{which} is met, but the scenario says the run departs: {why}")
                    }
                    (false, None) => panic!(
                        "{which} is missed ({:?} ms) and the scenario gives no reason",
                        b.offset_ms
                    ),
                    (false, Some(why)) => {
                        // Shown with the run's own time and AWS's.
                        let line = departures
                            .iter()
                            .find(|d| d.contains(why))
                            .unwrap_or_else(|| panic!("{which}: not among the departures shown"));
                        assert!(line.contains(&s.clock(b.reference)), "{line}");
                    }
                    (true, None) => {}
                }
            }
        }
    }
}

#[test]
fn impairments_no_window_covers_are_listed_as_departures() {
    let (s, run) = incident(BUILTIN[0].0);
    let departures = run.departures(&s, &run.compare(&s)).join("\n");
    // IAM's second spell, with NLB's errors, has no window in AWS's account.
    assert!(
        departures.contains("IAM sign-in is impaired 5:34 AM–9:36 AM in this run; no window of AWS's account covers it."),
        "{departures}"
    );
    // Services AWS gave no window for are named once.
    assert!(
        departures.contains("with no window in AWS's account to compare: ")
            && departures.contains("Redshift"),
        "{departures}"
    );
}
