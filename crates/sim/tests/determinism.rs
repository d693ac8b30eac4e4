//! Same inputs, same run, bit for bit; seeking and forking agree with straight runs.
use outage_sim::models::aws_2025_10_us_east_1::*;
mod common;
use common::*;
use outage_sim::SimTime;

/// The digest of the default run. It changes only when the model changes on purpose.
const GOLDEN_DEFAULT_DIGEST: &str = include_str!("golden-default-digest.txt");

#[test]
fn the_default_run_has_its_golden_digest() {
    let s = scenario();
    assert_eq!(default_run(&s).digest(), GOLDEN_DEFAULT_DIGEST.trim());
}

#[test]
fn two_runs_with_the_same_inputs_agree_and_another_seed_differs() {
    let s = scenario();
    let a = default_run(&s);
    let b = default_run(&s);
    assert_eq!(a.digest(), b.digest());
    assert_eq!(a.samples, b.samples);
    let c = run(&s, default_inputs(&s, 99));
    assert_ne!(a.digest(), c.digest());
}

fn straight_to(s: &outage_sim::Scenario, inputs: &RunInputs, t: SimTime) -> World {
    let mut w = World::new(inputs.params.clone(), inputs.seed);
    let mut log = Log::default();
    let mut samples = Vec::new();
    w.run_until(t, &inputs.script, &mut log, &mut samples);
    let _ = s;
    w
}

#[test]
fn seek_equals_a_straight_run_at_many_instants() {
    let s = scenario();
    let rec = default_run(&s);
    for rfc in [
        "2025-10-19T23:30:00-07:00",
        "2025-10-19T23:48:03-07:00",
        "2025-10-19T23:48:04-07:00",
        "2025-10-20T02:25:00-07:00",
        "2025-10-20T04:17:31-07:00",
        "2025-10-20T15:30:00-07:00",
    ] {
        let at = t(&s, rfc);
        assert_eq!(
            rec.view_at(at),
            straight_to(&s, &rec.inputs, at).view(),
            "at {rfc}"
        );
    }
}

#[test]
fn a_fork_equals_a_straight_run_with_the_intervention_in_its_script() {
    let s = scenario();
    let rec = default_run(&s);
    let at = t(&s, "2025-10-20T06:45:10-07:00");
    let what = Intervention::SetNlbAutoFailover { enabled: false };
    let forked = rec.fork(at, what.clone()).unwrap();
    let mut inputs = rec.inputs.clone();
    let pos = inputs.script.partition_point(|x| x.at <= at);
    inputs.script.insert(
        pos,
        Timed {
            at,
            what,
            incident: false,
        },
    );
    let straight = run(&s, inputs);
    assert_eq!(forked.digest(), straight.digest());
    assert_eq!(forked.samples, straight.samples);
    // Everything before the fork is kept, not recomputed differently.
    assert_eq!(
        forked.log_until(at.minus(600_000)),
        rec.log_until(at.minus(600_000))
    );
    assert_ne!(forked.digest(), rec.digest());
}

#[test]
fn impossible_interventions_are_rejected_with_a_message() {
    let s = scenario();
    let rec = default_run(&s);
    let err = rec
        .fork(
            t(&s, "2025-10-20T01:00:00-07:00"),
            Intervention::PauseEnactor { enactor: 5 },
        )
        .unwrap_err();
    assert!(err.contains("no Enactor"), "{err}");
    let err = rec
        .fork(SimTime(rec.window.ms() + 1), Intervention::StopPlanner)
        .unwrap_err();
    assert!(err.contains("after the end"), "{err}");
    let mut bad = rec.inputs.clone();
    bad.params.lease_ttl_min_ms = bad.params.lease_ttl_max_ms + 1;
    assert!(Recording::run(s.window, bad).is_err());
}

#[test]
fn a_cursor_that_follows_the_playhead_shows_what_a_fresh_seek_shows() {
    let s = scenario();
    let rec = default_run(&s);
    let mut cursor = None;
    // Drag forward in small steps, jump back, play forward, across the race and the collapse.
    let start = t(&s, "2025-10-19T23:46:00-07:00").ms();
    let mut instants: Vec<u64> = (0..40).map(|k| start + k * 7_000).collect();
    instants.extend([start - 600_000, start + 3_600_000]);
    instants.extend((1..30).map(|k| start + 3_600_000 + k * 61_000));
    instants.push(start + 900_000);
    for at in instants.into_iter().map(SimTime) {
        assert_eq!(
            rec.view_with(&mut cursor, at),
            rec.view_at(at),
            "at {}",
            at.ms()
        );
    }
    // A cursor from another run is not reused: the forked run's own view comes back.
    let at = t(&s, "2025-10-20T00:30:00-07:00");
    let forked = rec
        .fork(
            t(&s, "2025-10-19T23:40:00-07:00"),
            Intervention::StopPlanner,
        )
        .unwrap();
    assert_eq!(forked.view_with(&mut cursor, at), forked.view_at(at));
    assert_ne!(forked.view_at(at), rec.view_at(at));
}

#[test]
fn a_run_too_large_to_simulate_is_refused_with_a_message() {
    let s = scenario();
    let mut inputs = default_inputs(&s, 1);
    for (k, v) in [
        ("route53_txn_ms", 10),
        ("enactor_poll_ms", 100),
        ("plan_interval_ms", 1000),
        ("account_endpoints", 60),
    ] {
        inputs.params.set(k, v).unwrap();
    }
    let e = Recording::run(s.window, inputs).unwrap_err();
    assert!(e.contains("too large"), "{e}");
    // One of them alone is an ordinary run.
    let mut inputs = default_inputs(&s, 1);
    inputs.params.set("account_endpoints", 60).unwrap();
    assert!(Recording::run(s.window, inputs).is_ok());
}
