//! The default ("as it happened") run against the times AWS reported: the chosen checks below
//! within 15 minutes, and every reference window of the scenario file compared boundary by
//! boundary with the tolerance its source tag allows (a miss is a departure the scenario file gives
//! its reason for, in the window's `departs`).
//! Most boundaries were fitted or are set by the operators' responses (each window's
//! `from_basis` and `to_basis` say which): there these tests guard against regressions; only a
//! predicted boundary tests the mechanisms.
use crate::helpers::*;
use outage_sim::models::aws_2025_10_us_east_1::*;

const TOLERANCE_MIN: u64 = 15;

fn assert_near(what: &str, got: outage_sim::SimTime, want: &str) {
    let s = scenario();
    let w = t(&s, want);
    let d = minutes_apart(got, w);
    assert!(
        d <= TOLERANCE_MIN,
        "{what}: simulated {} vs reference {} ({d} min apart)",
        s.clock(got),
        s.clock(w)
    );
}

/// The service's impairments start near `from` and end near `to`, both within 15 minutes.
fn assert_impaired_near(rec: &Recording, svc: Service, from: &str, to: &str) {
    let name = svc.name();
    let (start, end) = span(rec, svc).unwrap_or_else(|| panic!("{name} impaired"));
    assert_near(&format!("{name}: impact start"), start, from);
    let end = end.unwrap_or_else(|| panic!("{name} recovers"));
    assert_near(&format!("{name}: impact end"), end, to);
}

#[test]
fn the_race_empties_the_regional_record_at_11_48_pm() {
    let (_, rec) = as_it_happened();
    let at = regional_emptied(&rec).expect("the race should empty the regional record");
    assert_near("regional record emptied", at, "2025-10-19T23:48:00-07:00");
}

#[test]
fn dynamodb_is_impaired_from_11_48_pm_to_2_40_am() {
    let (_, rec) = as_it_happened();
    assert_impaired_near(
        &rec,
        Service::DynamoDb,
        "2025-10-19T23:48:00-07:00",
        "2025-10-20T02:40:00-07:00",
    );
}

#[test]
fn dwfm_collapses_after_dns_returns_and_holds_all_leases_again_at_5_28_am() {
    let (s, rec) = as_it_happened();
    let collapse = first_entry(&rec, |k| matches!(k, EventKind::CongestiveCollapse { .. }))
        .expect("DWFM enters congestive collapse");
    assert!(
        collapse.at > t(&s, "2025-10-20T02:25:00-07:00")
            && collapse.at < t(&s, "2025-10-20T04:14:00-07:00")
    );
    let restored =
        first_entry(&rec, |k| matches!(k, EventKind::LeasesRestored)).expect("leases restored");
    assert_near(
        "DWFM leases restored",
        restored.at,
        "2025-10-20T05:28:00-07:00",
    );
    assert_impaired_near(
        &rec,
        Service::Dwfm,
        "2025-10-19T23:48:00-07:00",
        "2025-10-20T05:28:00-07:00",
    );
}

#[test]
fn new_launches_fail_until_10_36_am_and_ec2_is_normal_by_1_50_pm() {
    let (s, rec) = as_it_happened();
    let (_, launch_end) = span(&rec, Service::Ec2Launch).unwrap();
    assert_near(
        "EC2 launch failures end",
        launch_end.expect("launches recover"),
        "2025-10-20T10:36:00-07:00",
    );
    let (_, api_end) = span(&rec, Service::Ec2Api).unwrap();
    let api_end = api_end.expect("EC2 API recovers");
    assert_near("EC2 API normal", api_end, "2025-10-20T13:50:00-07:00");
    for svc in [
        Service::Ec2Launch,
        Service::Ec2Api,
        Service::Dwfm,
        Service::NetworkManager,
    ] {
        let v = rec.view_at(t(&s, "2025-10-20T14:05:00-07:00"));
        assert_eq!(
            v.health[svc.index()],
            Health::Healthy,
            "{} by 2:05 PM",
            svc.name()
        );
    }
}

#[test]
fn nlb_errors_run_from_5_30_am_until_failover_is_disabled_at_9_36_am() {
    let (_, rec) = as_it_happened();
    assert_impaired_near(
        &rec,
        Service::Nlb,
        "2025-10-20T05:30:00-07:00",
        "2025-10-20T09:36:00-07:00",
    );
}

#[test]
fn every_reference_window_is_compared_boundary_by_boundary_with_its_tolerance() {
    use outage_sim::presentation::reality::{compare, tolerance_ms, Tally};
    let (s, rec) = as_it_happened();
    let rows = compare(&s, &rec.impairments_by_ref());
    assert_eq!(rows.len(), s.file.windows.len(), "every window is compared");
    let mut misses = Vec::new();
    for r in &rows {
        let id = r.service.id();
        assert!(r.simulated.is_some(), "{id} not impaired");
        // Each boundary with the tolerance of the source that dates it, compared to the
        // millisecond.
        for b in r.boundaries() {
            let side = if b.end { "end" } else { "start" };
            println!(
                "{id:<16} {side:<5} [{}] {:+?} ms (tolerance {} min, {})",
                b.tag,
                b.offset_ms,
                tolerance_ms(b.tag) / 60_000,
                b.basis.map_or("unclassed".into(), |b| b.describe())
            );
            if !b.met() {
                misses.push((id, side));
            }
        }
    }
    // The predictions are counted apart: agreement elsewhere was fitted or scripted.
    let tally = Tally::of(&rows);
    println!("{}", tally.describe());
    assert_eq!(
        tally.predicted_met + tally.calibrated_met + misses.len(),
        2 * rows.len()
    );
    // Each miss is a departure the scenario gives a reason for (every_model/boundaries.rs).
    let reasons = rows
        .iter()
        .flat_map(|r| r.boundaries().map(|b| b.departs.is_some()))
        .filter(|d| *d)
        .count();
    assert_eq!(
        misses.len(),
        reasons,
        "boundaries outside their tolerance: {misses:?}"
    );
}

#[test]
fn lambdas_sqs_backlog_drains_after_the_poller_returns_as_fast_as_the_model_lets_it() {
    // The poller's return is the operators' (4:40 AM [S2]); when the backlog is gone is not: it
    // grew while the poller was down and drains at the restored poller's pace [S1: 6:00 AM].
    let (s, rec) = as_it_happened();
    let back = last_left_down(&rec, Service::LambdaSqs).expect("the poller fails, then returns");
    let (_, drained) = span(&rec, Service::LambdaSqs).unwrap();
    let drained = drained.expect("the backlog drains");
    assert!(drained > back, "the backlog outlasts the poller's return");
    assert!(minutes_apart(drained, t(&s, "2025-10-20T06:00:00-07:00")) <= 15);
    // A poller that drains faster empties the backlog sooner.
    let mut fast = incident_inputs(&s);
    fast.params.sqs_drain_speedup *= 4;
    let quick = span(&run(&s, fast), Service::LambdaSqs).unwrap().1.unwrap();
    assert!(quick < drained);
}

#[test]
fn the_race_emerges_for_most_seeds_not_just_the_default() {
    let s = scenario();
    let hits = (1..=8)
        .filter(|seed| regional_emptied(&run(&s, default_inputs(&s, *seed))).is_some())
        .count();
    assert!(hits >= 5, "race in only {hits} of 8 seeds");
}
