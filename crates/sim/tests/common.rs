#![allow(dead_code)]
use outage_sim::log::EntryKind;
use outage_sim::models::aws_2025_10_us_east_1::*;
use outage_sim::{Scenario, SimTime};

pub fn scenario() -> Scenario {
    Scenario::builtin(outage_sim::DEFAULT_SCENARIO).expect("builtin scenario")
}

pub fn run(s: &Scenario, inputs: RunInputs) -> Recording {
    Recording::run(s.window, inputs).expect("valid run")
}

pub fn default_run(s: &Scenario) -> Recording {
    run(s, default_inputs(s, outage_sim::DEFAULT_SEED))
}

/// Inputs with the script filtered.
pub fn without(s: &Scenario, drop: impl Fn(&Intervention) -> bool) -> RunInputs {
    let mut i = default_inputs(s, outage_sim::DEFAULT_SEED);
    i.script.retain(|t| !drop(&t.what));
    i
}

pub fn t(s: &Scenario, rfc3339: &str) -> SimTime {
    s.at(rfc3339).expect("time in window")
}

/// First start and last end of a service's impairments (`None` end: still impaired at the end).
pub fn span(rec: &Recording, svc: Service) -> Option<(SimTime, Option<SimTime>)> {
    let ws: Vec<Impairment> = rec.impairments_of(svc);
    let first = ws.first()?;
    Some((first.from, ws.last().and_then(|w| w.to)))
}

pub fn minutes_apart(a: SimTime, b: SimTime) -> u64 {
    a.ms().abs_diff(b.ms()) / 60_000
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
pub fn with(s: &Scenario, mut inputs: RunInputs, rfc3339: &str, what: Intervention) -> RunInputs {
    let at = t(s, rfc3339);
    let pos = inputs.script.partition_point(|x| x.at <= at);
    inputs.script.insert(pos, Timed::new(at, what));
    inputs
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
    let mut inputs = default_inputs(&s, outage_sim::DEFAULT_SEED);
    inputs.script.insert(
        0,
        Timed {
            at: t(&s, "2025-10-19T23:40:00-07:00"),
            what: Intervention::Enable { mitigation: m },
            incident: false,
        },
    );
    run(&s, inputs)
}
