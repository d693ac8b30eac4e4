//! What the 2025 outage's tests ask of its runs, beside the helpers every test binary shares.
#![allow(dead_code)]
pub use crate::common::{first_engine_entry, first_entry, minutes_apart, run, span, t, why_words};
pub use outage_sim::log::EntryKind;
use outage_sim::models::aws_2025_10_us_east_1::*;
use outage_sim::{Scenario, SimTime};

pub fn scenario() -> Scenario {
    Scenario::builtin(ID).expect("builtin scenario")
}

pub fn default_run(s: &Scenario) -> Recording {
    crate::common::default_run(s)
}

/// The scenario and its default ("as it happened") run.
pub fn as_it_happened() -> (Scenario, Recording) {
    let s = scenario();
    let rec = default_run(&s);
    (s, rec)
}

/// The incident's inputs.
pub fn incident_inputs(s: &Scenario) -> RunInputs {
    default_inputs(s, outage_sim::DEFAULT_SEED)
}

/// Inputs with the script filtered.
pub fn without(s: &Scenario, drop: impl Fn(&Intervention) -> bool) -> RunInputs {
    crate::common::without(s, drop)
}

/// When the service last left the `Down` state.
pub fn last_left_down(rec: &Recording, svc: Service) -> Option<SimTime> {
    rec.log
        .entries
        .iter()
        .filter(|e| e.node == svc)
        .filter(|e| {
            matches!(
                e.kind,
                EntryKind::HealthChanged {
                    from: Health::Down,
                    ..
                }
            )
        })
        .map(|e| e.at)
        .next_back()
}

pub fn regional_emptied(rec: &Recording) -> Option<SimTime> {
    rec.log
        .entries
        .iter()
        .find(|e| {
            matches!(
                e.kind.event(),
                Some(EventKind::RecordEmptied {
                    endpoint: Endpoint::Regional,
                    ..
                })
            )
        })
        .map(|e| e.at)
}

/// Some entry of the log is of this kind.
pub fn any_event(rec: &Recording, f: impl Fn(&EventKind) -> bool) -> bool {
    rec.log
        .entries
        .iter()
        .any(|e| e.kind.event().is_some_and(&f))
}

/// The operators' responses in a run's log: when each was made, and what it was.
pub fn responses(rec: &Recording) -> Vec<(SimTime, Intervention)> {
    rec.log
        .entries
        .iter()
        .filter_map(|e| match e.kind.event() {
            Some(EventKind::Response { does, .. }) => operators::RESPONSES
                .iter()
                .find(|r| r.does == *does)
                .map(|r| (e.at, r.what.clone())),
            _ => None,
        })
        .collect()
}

/// The same inputs without the operators' responses: only the script acts.
pub fn operators_off(mut inputs: RunInputs) -> RunInputs {
    inputs.params.operator_responses = operators::OperatorResponses::Off;
    inputs
}

/// The inputs with a person's intervention at `rfc3339`, after any at the same instant.
pub fn with(s: &Scenario, inputs: RunInputs, rfc3339: &str, what: Intervention) -> RunInputs {
    crate::common::with_step(inputs, t(s, rfc3339), what)
}

/// The incident's inputs with a person's intervention at `rfc3339`.
pub fn incident_with(s: &Scenario, rfc3339: &str, what: Intervention) -> RunInputs {
    with(s, incident_inputs(s), rfc3339, what)
}

/// The incident's inputs without its trigger: a quiet run.
pub fn quiet(s: &Scenario) -> RunInputs {
    without(s, |w| {
        matches!(
            w,
            Intervention::DelayEnactor { .. } | Intervention::ResumeEnactor { .. }
        )
    })
}

/// These inputs with "Enactor re-checks plan freshness" from the start.
pub fn with_recheck(inputs: &RunInputs) -> RunInputs {
    let mut inputs = inputs.clone();
    inputs.script.insert(
        0,
        Timed {
            at: SimTime::ZERO,
            what: Intervention::Enable {
                mitigation: Mitigation::RecheckFreshness,
            },
            incident: false,
        },
    );
    inputs
}

/// The service is never impaired in the run.
pub fn no_impairment(rec: &Recording, svc: Service) -> bool {
    rec.impairments_of(svc).is_empty()
}

/// The incident with a mitigation enabled at 11:40 PM, before its trigger.
pub fn with_mitigation_from_start(m: Mitigation) -> Recording {
    let s = scenario();
    let at = "2025-10-19T23:40:00-07:00";
    run(
        &s,
        incident_with(&s, at, Intervention::Enable { mitigation: m }),
    )
}

/// `rec` forked at `rfc3339` with a person's intervention.
pub fn fork_at(
    s: &Scenario,
    rec: &Recording,
    rfc3339: &str,
    what: Intervention,
) -> Result<Recording, String> {
    rec.fork(t(s, rfc3339), what)
}
