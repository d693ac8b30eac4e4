//! The map's request flows come out of the model: they dry up, surge and stop as the
//! mechanisms do, not from a table.
use crate::helpers::*;
use outage_sim::models::aws_2025_10_us_east_1::gauges::flow;
use outage_sim::models::aws_2025_10_us_east_1::*;
use outage_sim::observe::{particles, Flow};
use outage_sim::SimTime;

fn flow_at(rec: &Recording, from: Service, to: Service, at: SimTime) -> Flow {
    flow(from, to, &rec.view_at(at), &rec.inputs.params)
}

/// Most launch requests per minute offered to the EC2 API between two instants; the edge
/// never carries more than the API's request limit lets through.
fn peak_requests(rec: &Recording, from: SimTime, to: SimTime) -> u64 {
    rec.samples
        .iter()
        .filter(|v| v.at >= from && v.at <= to)
        .map(|v| {
            let admitted = flow(Service::Ec2Api, Service::Ec2Launch, v, &rec.inputs.params);
            assert!(
                admitted.per_min <= v.gauges.api_limit_per_min + 1,
                "{admitted:?}"
            );
            v.gauges.launch_requests_per_min
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn launches_dry_up_while_dwfm_has_no_leases_and_flow_again_after() {
    let (s, rec) = as_it_happened();
    let before = flow_at(
        &rec,
        Service::Dwfm,
        Service::Ec2Launch,
        t(&s, "2025-10-19T23:35:00-07:00"),
    );
    let during = flow_at(
        &rec,
        Service::Dwfm,
        Service::Ec2Launch,
        t(&s, "2025-10-20T03:00:00-07:00"),
    );
    let after = flow_at(
        &rec,
        Service::Dwfm,
        Service::Ec2Launch,
        t(&s, "2025-10-20T15:00:00-07:00"),
    );
    assert_eq!(particles(before, 8), 3, "{before:?}");
    assert!(during.per_min * 4 < during.normal_per_min, "{during:?}");
    assert!(particles(during, 8) < 3);
    assert_eq!(particles(after, 8), 3, "{after:?}");
}

#[test]
fn a_paused_enactor_and_a_stopped_planner_carry_no_requests() {
    let s = scenario();
    let mut inputs = without(&s, |_| false);
    let at = t(&s, "2025-10-19T23:35:00-07:00");
    inputs.script.insert(
        0,
        Timed {
            at,
            what: Intervention::PauseEnactor { enactor: 1 },
            incident: false,
        },
    );
    inputs.script.insert(
        1,
        Timed {
            at,
            what: Intervention::StopPlanner,
            incident: false,
        },
    );
    let rec = run(&s, inputs);
    let later = t(&s, "2025-10-19T23:40:00-07:00");
    assert_eq!(
        flow_at(&rec, Service::EnactorB, Service::Route53, later).per_min,
        0
    );
    assert_eq!(
        flow_at(&rec, Service::Planner, Service::EnactorA, later).per_min,
        0
    );
    let base = default_run(&s);
    assert!(flow_at(&base, Service::EnactorB, Service::Route53, later).per_min > 0);
}

#[test]
fn immediate_retries_send_a_bigger_storm_of_launch_requests_than_jittered_backoff() {
    let s = scenario();
    let (from, to) = (
        t(&s, "2025-10-20T00:30:00-07:00"),
        t(&s, "2025-10-20T04:00:00-07:00"),
    );
    let mut storm = without(&s, |_| false);
    storm.params.client_retry = RetryPolicy::Immediate;
    let mut calm = without(&s, |_| false);
    calm.params.client_retry = RetryPolicy::BackoffJitter;
    let (storm, calm) = (run(&s, storm), run(&s, calm));
    let normal = storm.inputs.params.launches_per_min;
    let (hi, lo) = (
        peak_requests(&storm, from, to),
        peak_requests(&calm, from, to),
    );
    assert!(hi > normal * 2, "immediate retries peak at {hi}/min");
    assert!(hi > lo, "immediate {hi}/min vs jittered {lo}/min");
}
