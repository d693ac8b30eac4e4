//! What-ifs of NLB's health-check failover in the 2025 outage: disabled earlier, bounded by the
//! velocity limit, and what the capacity it fails away costs Lambda and Connect.
use crate::helpers::*;
use outage_sim::models::aws_2025_10_us_east_1::*;
use outage_sim::Scenario;

#[test]
fn disabling_nlb_failover_earlier_ends_nlb_errors_earlier() {
    let (s, early) = incident_run_with(
        "2025-10-20T07:00:00-07:00",
        Intervention::SetNlbAutoFailover { enabled: false },
    );
    let base = default_run(&s);
    let (_, early_end) = span(&early, Service::Nlb).unwrap();
    let (_, base_end) = span(&base, Service::Nlb).unwrap();
    assert!(early_end.unwrap() < base_end.unwrap());
    assert!(minutes_apart(early_end.unwrap(), t(&s, "2025-10-20T07:00:00-07:00")) <= 1);
    // Capacity is back before the operators' response falls due: they have nothing to turn
    // off, and nothing of theirs to turn on again.
    let failover = |r: &Recording| {
        responses(r)
            .into_iter()
            .filter(|(_, w)| matches!(w, Intervention::SetNlbAutoFailover { .. }))
            .count()
    };
    assert_eq!(failover(&base), 2);
    assert_eq!(failover(&early), 0);
    let last = early.samples.last().unwrap();
    assert!(!last.gauges.nlb_auto_failover, "the person's choice stands");
}

#[test]
fn the_nlb_velocity_limit_bounds_the_capacity_failover_removes() {
    let (s, rec) = with_mitigation_from_start(Mitigation::NlbFailoverVelocityLimit);
    let base = default_run(&s);
    let min_cap = |r: &Recording| {
        r.samples
            .iter()
            .map(|v| v.gauges.nlb_capacity_permille)
            .min()
            .unwrap()
    };
    assert!(min_cap(&rec) > min_cap(&base));
    assert!(min_cap(&rec) >= 1000 - Params::default().velocity_limit_permille as u32);
}

/// Lambda's impairments after DynamoDB recovered (its second window).
fn lambda_after_dynamodb(rec: &Recording, s: &Scenario) -> Vec<Impairment> {
    let dawn = t(s, "2025-10-20T04:00:00-07:00");
    rec.impairments_of(Service::Lambda)
        .into_iter()
        .filter(|w| w.from > dawn)
        .collect()
}

#[test]
fn lambda_is_under_scaled_only_once_failover_has_cost_it_more_than_its_headroom() {
    let (s, base) = as_it_happened();
    let nlb_from = span(&base, Service::Nlb).unwrap().0;
    let under = lambda_after_dynamodb(&base, &s);
    let first = under.first().expect("NLB's failover under-scales Lambda");
    // Lambda's spare capacity absorbs the first hour or more of lost capacity.
    assert!(minutes_apart(first.from, nlb_from) >= 60, "{first:?}");
    // Without headroom, the same losses under-scale it as soon as capacity is failed away.
    let mut inputs = incident_inputs(&s);
    inputs.params.set("lambda_headroom_permille", 0).unwrap();
    let bare = run(&s, inputs);
    let bare_first = lambda_after_dynamodb(&bare, &s)[0].from;
    assert!(minutes_apart(bare_first, nlb_from) <= 15);
    // With the velocity control, failover removes too little to exhaust the headroom.
    let (_, limited) = with_mitigation_from_start(Mitigation::NlbFailoverVelocityLimit);
    assert!(lambda_after_dynamodb(&limited, &s).is_empty());
    assert!(!limited.impairments_of(Service::Nlb).is_empty());
}

#[test]
fn connect_recovers_before_lambda_by_the_share_of_its_requests_that_need_lambda() {
    let s = scenario();
    let end = |rec: &Recording, svc| span(rec, svc).unwrap().1.unwrap();
    let base = default_run(&s);
    assert!(end(&base, Service::Connect) < end(&base, Service::Lambda));
    // If every Connect request ran a function, Connect would be down as long as Lambda.
    let mut inputs = incident_inputs(&s);
    inputs
        .params
        .set("connect_lambda_share_permille", 1000)
        .unwrap();
    let all = run(&s, inputs);
    assert!(minutes_apart(end(&all, Service::Connect), end(&all, Service::Lambda)) <= 1);
}
