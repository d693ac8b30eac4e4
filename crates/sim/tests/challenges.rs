//! The scenario's challenges are judged by the run the model computes: the incident's own run
//! meets none of them, and an intervention that works meets each, found by the model, not listed.
use outage_sim::models::aws_2025_10_us_east_1::*;
mod common;
use common::*;

fn met(s: &outage_sim::Scenario, rec: &Recording) -> Vec<bool> {
    s.challenges_met(rec)
}

fn fork(s: &outage_sim::Scenario, rec: &Recording, at: &str, what: Vec<Intervention>) -> Recording {
    let mut rec = rec.clone();
    for w in what {
        rec = rec.fork(t(s, at), w).expect("fork");
    }
    rec
}

#[test]
fn the_incident_as_it_happened_meets_no_challenge() {
    let s = scenario();
    assert_eq!(s.file.challenges.len(), 4);
    assert_eq!(met(&s, &default_run(&s)), vec![false; 4]);
}

#[test]
fn each_challenge_is_met_by_an_intervention_that_works_and_not_by_one_that_does_not() {
    let s = scenario();
    let rec = default_run(&s);
    let prevent = fork(
        &s,
        &rec,
        "2025-10-19T23:40:00-07:00",
        vec![Intervention::Enable {
            mitigation: Mitigation::RecheckFreshness,
        }],
    );
    assert!(met(&s, &prevent)[0]);
    // Too late: the record is already empty.
    let late = fork(
        &s,
        &rec,
        "2025-10-19T23:50:00-07:00",
        vec![Intervention::Enable {
            mitigation: Mitigation::RecheckFreshness,
        }],
    );
    assert!(!met(&s, &late)[0]);
    let dwfm = fork(
        &s,
        &rec,
        "2025-10-20T02:30:00-07:00",
        vec![
            Intervention::ThrottleDwfmIntake,
            Intervention::RestartDwfmHosts,
        ],
    );
    assert!(met(&s, &dwfm)[1], "throttle and restart at 2:30 AM");
    let unthrottle_only = fork(
        &s,
        &rec,
        "2025-10-20T02:30:00-07:00",
        vec![Intervention::UnthrottleDwfmIntake],
    );
    assert!(!met(&s, &unthrottle_only)[1]);
    let nlb = fork(
        &s,
        &rec,
        "2025-10-20T05:40:00-07:00",
        vec![Intervention::SetNlbAutoFailover { enabled: false }],
    );
    assert!(met(&s, &nlb)[2], "failover off at 5:40 AM");
    // Relaxing EC2's throttles does nothing for the flapping health checks.
    let relax = fork(
        &s,
        &rec,
        "2025-10-20T05:40:00-07:00",
        vec![Intervention::RelaxEc2Throttles],
    );
    assert!(!met(&s, &relax)[2]);
    let sqs = fork(
        &s,
        &rec,
        "2025-10-20T02:30:00-07:00",
        vec![Intervention::RestoreLambdaSqsPoller],
    );
    assert!(met(&s, &sqs)[3], "poller restored at 2:30 AM");
    // Letting STS and IAM reach DynamoDB does not bring the failed poller back.
    let internal = fork(
        &s,
        &rec,
        "2025-10-20T02:30:00-07:00",
        vec![Intervention::InternalDnsWorkaround],
    );
    assert!(!met(&s, &internal)[3]);
}
