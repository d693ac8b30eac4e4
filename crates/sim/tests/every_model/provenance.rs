//! A parameter says where its value comes from: stated by a source, fitted to a reference (which
//! it names, with the reference's source tag) or assumed. A note that says the value was fitted
//! or chosen to match a reference belongs to a fitted parameter, and a fitted parameter's note
//! says what it was fitted to.

use crate::common::incident;
use outage_sim::params::Provenance;
use outage_sim::scenario::BUILTIN;
use outage_sim::Scenario;

/// Whether a note says its value was fitted (or chosen) to match a reference.
fn says_fitted(about: &str) -> bool {
    about.contains("Fitted") || about.to_lowercase().contains("chosen so")
}

/// The source tag a fitted target ends with (`"2:40 AM [P]"` → `"[P]"`), if it has one.
fn tag(target: &str) -> Option<&str> {
    let open = target.rfind('[')?;
    let tag = &target[open..];
    (target.ends_with(']') && tag.len() > 2).then_some(tag)
}

fn check(id: &str, key: &str, provenance: Provenance, fitted_to: Option<&str>, about: &str) {
    match (provenance, fitted_to) {
        (Provenance::Fitted, Some(target)) => {
            let tag = tag(target).unwrap_or_else(|| {
                panic!("{id}: {key} is fitted to {target:?}, which carries no source tag in brackets")
            });
            assert!(
                says_fitted(about),
                "{id}: {key} is fitted, but its note does not say so: {about}"
            );
            assert!(
                about.contains(tag),
                "{id}: {key} is fitted to {target:?}, but its note does not cite {tag}: {about}"
            );
            // Each number of the target (a time, a share) is in the note: it says what it was
            // fitted to.
            for word in target[..target.len() - tag.len()].split_whitespace() {
                if word.chars().any(|c| c.is_ascii_digit()) {
                    assert!(
                        about.contains(word),
                        "{id}: {key} is fitted to {target:?}, but its note does not mention {word}: {about}"
                    );
                }
            }
        }
        (Provenance::Fitted, None) => panic!("{id}: {key} is fitted but names no reference"),
        (_, Some(target)) => panic!("{id}: {key} names {target:?} but is not fitted"),
        (_, None) => assert!(
            !says_fitted(about),
            "{id}: {key}'s note says it was fitted or chosen to match a reference, so it is Fitted(\"<that reference [tag]>\"), not {provenance:?}: {about}"
        ),
    }
}

#[test]
fn a_parameter_fitted_to_a_reference_is_marked_fitted_and_names_it_with_its_tag() {
    let mut fitted = 0;
    for (id, _) in BUILTIN {
        let (_, run) = incident(id);
        for p in run.param_infos() {
            check(id, p.key, p.provenance, p.fitted_to, p.about);
            fitted += usize::from(p.provenance == Provenance::Fitted);
        }
        for c in run.choices() {
            check(id, c.key, c.provenance, c.fitted_to, c.about);
        }
    }
    assert!(fitted > 0, "no model has a fitted parameter");
}

#[test]
fn a_fitted_parameter_serializes_what_it_was_fitted_to_and_others_do_not() {
    let s = Scenario::builtin(BUILTIN[0].0).unwrap();
    let run = outage_sim::run(&s, &s.default_inputs(1)).expect("the default run");
    for p in run.param_infos() {
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(
            json["provenance"],
            match p.provenance {
                Provenance::Stated => "stated",
                Provenance::Fitted => "fitted",
                Provenance::Assumed => "assumed",
            }
        );
        assert_eq!(
            json.get("fitted_to").and_then(|t| t.as_str()),
            p.fitted_to,
            "{}",
            p.key
        );
    }
}
