//! What-ifs of EC2's recovery in the 2025 outage: DWFM's congestive collapse without the
//! operators' throttle and restarts, with backoff or queue-size throttling instead; where launches
//! go while leases lapse; why the API fails; and the log's account of why launches fail.
use crate::helpers::*;
use outage_sim::models::aws_2025_10_us_east_1::*;
use outage_sim::{Scenario, SimTime};

/// When the operators throttled DWFM's intake and began restarting its hosts.
const THROTTLE: &str = "2025-10-20T04:14:00-07:00";

/// `inputs` with a person's step at 4:14 AM, as the operators throttled and restarted DWFM.
fn at_throttle(s: &Scenario, inputs: RunInputs, what: Intervention) -> RunInputs {
    with(s, inputs, THROTTLE, what)
}

/// The incident without the operators' responses, DNS restored by hand at 2:25 AM as they did.
fn dns_restored_by_hand(s: &Scenario) -> RunInputs {
    let inputs = operators_off(incident_inputs(s));
    with(
        s,
        inputs,
        "2025-10-20T02:25:00-07:00",
        Intervention::RestoreRecord { endpoint: None },
    )
}

/// DNS restored by hand, and a person's step at 4:14 AM in the operators' place.
fn restored_by_hand_then(s: &Scenario, what: Intervention) -> RunInputs {
    at_throttle(s, dns_restored_by_hand(s), what)
}

#[test]
fn without_operator_throttle_and_restarts_dwfm_is_still_collapsed_at_the_end() {
    let s = scenario();
    let rec = run(&s, dns_restored_by_hand(&s));
    assert!(any_event(&rec, |k| matches!(
        k,
        EventKind::CongestiveCollapse { .. }
    )));
    let (_, end) = span(&rec, Service::Dwfm).unwrap();
    assert_eq!(end, None, "DWFM should still be impaired at 3:30 PM");
    let last = rec.samples.last().unwrap();
    assert_eq!(last.gauges.goodput_per_min, 0, "no forward progress");
    assert!(
        last.gauges.leased * 10 < last.gauges.droplets,
        "most droplets still without a lease"
    );
}

#[test]
fn throttling_alone_does_not_end_the_collapse_restarts_are_needed() {
    let s = scenario();
    let throttled = restored_by_hand_then(&s, Intervention::ThrottleDwfmIntake);
    let rec = run(&s, throttled.clone());
    assert_eq!(span(&rec, Service::Dwfm).unwrap().1, None);
    // With the restarts as well, as the operators did, the collapse ends.
    let restarted = at_throttle(&s, throttled, Intervention::RestartDwfmHosts);
    assert!(span(&run(&s, restarted), Service::Dwfm)
        .unwrap()
        .1
        .is_some());
}

#[test]
fn jittered_backoff_shortens_the_collapse() {
    let (s, base) = as_it_happened();
    let mut inputs = incident_inputs(&s);
    inputs.params.client_retry = RetryPolicy::BackoffJitter;
    let jitter = run(&s, inputs);
    let end = |r: &Recording| span(r, Service::Dwfm).unwrap().1.unwrap();
    assert!(
        end(&jitter) < end(&base),
        "jitter {} vs immediate {}",
        s.clock(end(&jitter)),
        s.clock(end(&base))
    );
    // And it recovers without any operator action but DNS restored.
    let mut inputs = dns_restored_by_hand(&s);
    inputs.params.client_retry = RetryPolicy::BackoffJitter;
    assert!(span(&run(&s, inputs), Service::Dwfm).unwrap().1.is_some());
}

#[test]
fn the_log_explains_why_ec2_launches_fail() {
    let (_, rec) = as_it_happened();
    let down = entries_of(&rec, Service::Ec2Launch)
        .find(|e| matches!(e.kind, EntryKind::HealthChanged { .. }))
        .unwrap();
    let chain = rec.log.why(down.id);
    let kinds: Vec<String> = chain.iter().map(|e| format!("{:?}", e.kind)).collect();
    let text = kinds.join(" <- ");
    assert!(
        text.contains("LeasesExpiring") || text.contains("StateChecksFailing"),
        "{text}"
    );
    assert!(text.contains("RecordEmptied"), "{text}");
    assert!(text.contains("StaleOverwrite"), "{text}");
    // The root is the incident's trigger, not a person's intervention.
    assert!(
        chain
            .last()
            .map(|e| matches!(e.kind, EntryKind::Incident { .. }))
            .unwrap_or(false),
        "{text}"
    );
}

#[test]
fn queue_size_based_throttling_avoids_the_collapse_without_operators() {
    let (s, rec) = with_mitigation_from_start(Mitigation::QueueSizeThrottling);
    assert!(!any_event(&rec, |k| matches!(
        k,
        EventKind::CongestiveCollapse { .. }
    )));
    // No collapse, so no throttle and no restarts from the operators.
    assert!(!responses(&rec).iter().any(|(_, w)| matches!(
        w,
        Intervention::ThrottleDwfmIntake | Intervention::RestartDwfmHosts
    )));
    assert!(!any_event(&rec, |k| matches!(
        k,
        EventKind::DwfmHostRestarted { .. }
    )));
    let end = span(&rec, Service::Dwfm)
        .unwrap()
        .1
        .expect("DWFM recovers by itself");
    assert!(end < t(&s, THROTTLE), "recovered at {}", s.clock(end));
}

fn launches_fail_from(rec: &Recording) -> SimTime {
    span(rec, Service::Ec2Launch).expect("launches fail").0
}

#[test]
fn launches_go_to_leased_droplets_with_room_until_the_last_leases_lapse() {
    let (s, base) = as_it_happened();
    let leased_at = |rec: &Recording, at: SimTime| {
        rec.samples
            .iter()
            .find(|v| v.at >= at)
            .map(|v| v.gauges.leased)
            .unwrap()
    };
    let from = launches_fail_from(&base);
    // Most leases had lapsed well before launches started failing, and few were left then.
    let hour_before = from.minus(60 * 60_000);
    let droplets = Params::default().droplets;
    assert!(leased_at(&base, hour_before) < droplets / 2);
    assert!(
        leased_at(&base, from) < droplets / 10,
        "{}",
        leased_at(&base, from)
    );
    // With little room per droplet, the leased room runs out sooner.
    let mut inputs = incident_inputs(&s);
    inputs.params.set("launch_room_per_droplet", 2).unwrap();
    let cramped = run(&s, inputs);
    assert!(minutes_apart(launches_fail_from(&cramped), from) >= 10);
    assert!(launches_fail_from(&cramped) < from);
}

#[test]
fn hosts_busy_re_leasing_take_no_launches_even_on_leased_droplets() {
    let (s, base) = as_it_happened();
    // 3 AM: DWFM is in collapse, a few thousand droplets hold leases, launches still fail.
    let at = t(&s, "2025-10-20T03:00:00-07:00");
    let v = base.samples.iter().find(|v| v.at >= at).unwrap();
    assert!(v.gauges.leased > 1_000, "{} leased", v.gauges.leased);
    assert!(v.gauges.dwfm_queue > 0);
    assert_eq!(v.gauges.launches_per_min, 0);
    // Restarting one host at a time in a quiet run costs no launch: others take them.
    let quiet = run(
        &s,
        at_throttle(&s, quiet(&s), Intervention::RestartDwfmHosts),
    );
    assert!(quiet.impairments_of(Service::Ec2Launch).is_empty());
    assert!(any_event(&quiet, |k| matches!(
        k,
        EventKind::DwfmHostRestarted { .. }
    )));
}

/// Launch requests customers make, and what the API's normal limit admits, at an instant.
fn api_demand_and_limit(rec: &Recording, at: SimTime) -> (u64, u64) {
    let v = rec.samples.iter().find(|v| v.at >= at).unwrap();
    (v.gauges.launch_requests_per_min, v.gauges.api_limit_per_min)
}

#[test]
fn the_api_fails_by_the_operators_throttle_not_by_customers_retries() {
    let (s, base) = as_it_happened();
    let throttle = t(&s, THROTTLE);
    // At 3:30 AM customers' retries ask for more than the normal limit admits...
    let (demand, limit) = api_demand_and_limit(&base, t(&s, "2025-10-20T03:30:00-07:00"));
    assert!(demand > limit, "{demand} requests/min vs limit {limit}");
    // ...yet the API is impaired only once operators throttle it.
    let (from, _) = span(&base, Service::Ec2Api).expect("the API is throttled");
    assert!(from >= throttle, "impaired from {}", s.clock(from));
    // Without the operators' throttle the same retry herd never impairs it.
    let unthrottled = run(
        &s,
        restored_by_hand_then(&s, Intervention::RestartDwfmHosts),
    );
    let (demand, limit) = api_demand_and_limit(&unthrottled, t(&s, "2025-10-20T05:00:00-07:00"));
    assert!(demand > limit, "{demand} requests/min vs limit {limit}");
    assert!(no_impairment(&unthrottled, Service::Ec2Api));
    // Throttled with few requests to refuse, it is not impaired either.
    let mut inputs = incident_inputs(&s);
    let low = inputs.params.api_throttled_limit_per_min / 4;
    inputs.params.set("launches_per_min", low).unwrap();
    inputs.params.set("launch_patience_ms", 60_000).unwrap();
    let quiet = run(&s, inputs);
    let late = t(&s, "2025-10-20T06:00:00-07:00");
    assert!(
        quiet
            .impairments_of(Service::Ec2Api)
            .iter()
            .all(|i| i.from < throttle || i.to.is_some_and(|to| to < late)),
        "{:?}",
        quiet.impairments_of(Service::Ec2Api)
    );
}
