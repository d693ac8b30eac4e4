//! What the 2025 model refuses, each with a message: an intervention on an Enactor it does not
//! have, one after the window's end, parameters out of order, and a run too large to simulate.
//! (Golden digest, seek, cursor and fork are checked for every model in `tests/every_model`.)
use crate::helpers::*;
use outage_sim::models::aws_2025_10_us_east_1::*;
use outage_sim::SimTime;

#[test]
fn impossible_interventions_are_rejected_with_a_message() {
    let (s, rec, fork) = forked_at_1am(Intervention::PauseEnactor { enactor: 5 });
    let err = fork.unwrap_err();
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
