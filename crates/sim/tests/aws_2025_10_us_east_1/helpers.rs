//! What the 2025 outage's tests ask of its runs, beside the helpers every test binary shares.
#![allow(dead_code)]
pub use crate::common::{
    entries_of, events, first_engine_entry, first_entry, first_event, minutes_apart, run, span, t,
    why_words,
};
use crate::common::{with_step, Outage};
pub use outage_sim::log::EntryKind;
use outage_sim::models::aws_2025_10_us_east_1::*;
use outage_sim::{Scenario, SimTime};

type Incident = Outage<Region>;

pub fn scenario() -> Scenario {
    Incident::scenario()
}

pub fn default_run(s: &Scenario) -> Recording {
    Incident::default_run(s)
}

/// The scenario and its default ("as it happened") run.
pub fn as_it_happened() -> (Scenario, Recording) {
    Incident::as_it_happened()
}

/// The incident's inputs.
pub fn incident_inputs(s: &Scenario) -> RunInputs {
    Incident::inputs(s)
}

/// Inputs with the script filtered.
pub fn without(s: &Scenario, drop: impl Fn(&Intervention) -> bool) -> RunInputs {
    Incident::without(s, drop)
}

/// When the service last left the `Down` state.
pub fn last_left_down(rec: &Recording, svc: Service) -> Option<SimTime> {
    entries_of(rec, svc)
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
        .last()
}

pub fn regional_emptied(rec: &Recording) -> Option<SimTime> {
    first_event(rec, |k| {
        matches!(
            k,
            EventKind::RecordEmptied {
                endpoint: Endpoint::Regional,
                ..
            }
        )
    })
}

/// Some entry of the log is of this kind.
pub fn any_event(rec: &Recording, f: impl Fn(&EventKind) -> bool) -> bool {
    first_event(rec, f).is_some()
}

/// The operators' responses in a run's log: when each was made, and what it was.
pub fn responses(rec: &Recording) -> Vec<(SimTime, Intervention)> {
    events(rec)
        .filter_map(|(at, k)| match k {
            EventKind::Response { does, .. } => operators::RESPONSES
                .iter()
                .find(|r| r.does == *does)
                .map(|r| (at, r.what.clone())),
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
    with_step(inputs, t(s, rfc3339), what)
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

/// The scenario and the incident's run with a person's intervention at `rfc3339`.
pub fn incident_run_with(rfc3339: &str, what: Intervention) -> (Scenario, Recording) {
    let s = scenario();
    let rec = run(&s, incident_with(&s, rfc3339, what));
    (s, rec)
}

/// The scenario and the incident's run with a mitigation enabled at 11:40 PM, before its trigger.
pub fn with_mitigation_from_start(m: Mitigation) -> (Scenario, Recording) {
    let at = "2025-10-19T23:40:00-07:00";
    incident_run_with(at, Intervention::Enable { mitigation: m })
}

/// The scenario, the incident's run, and what forking that run at 1 AM (DynamoDB's record
/// empty, the operators yet to restore it) with a person's intervention gives: the fork, or why
/// it was refused.
pub fn forked_at_1am(what: Intervention) -> (Scenario, Recording, Result<Recording, String>) {
    let (s, rec) = as_it_happened();
    let forked = rec.fork(t(&s, "2025-10-20T01:00:00-07:00"), what);
    (s, rec, forked)
}

/// How long a person pauses Enactor A in the pause-made races.
pub const PAUSE_MS: u64 = 8 * 60_000;

/// The scenario, the instant `rfc3339`, and the quiet run's inputs with Enactor A paused then
/// for eight minutes.
pub fn pause_made_at(rfc3339: &str) -> (Scenario, SimTime, RunInputs) {
    let s = scenario();
    let at = t(&s, rfc3339);
    let inputs = paused_at(&s, at);
    (s, at, inputs)
}

/// The quiet run's inputs with Enactor A paused at `at` for eight minutes.
pub fn paused_at(s: &Scenario, at: SimTime) -> RunInputs {
    let paused = with_step(quiet(s), at, Intervention::PauseEnactor { enactor: 0 });
    with_step(
        paused,
        at.plus(PAUSE_MS),
        Intervention::ResumeEnactor { enactor: 0 },
    )
}
