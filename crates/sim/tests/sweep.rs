//! The window of opportunity: a sweep applies one intervention at each instant of a range, each
//! a fork of the incident's run. Each fork equals a straight run with the intervention in its
//! script, and the point of no return emerges from the run (no instant is listed anywhere).

use outage_sim::sweep::{Sweeping, MOST_INSTANTS};
use outage_sim::{Scenario, SimTime, Step};

fn scenario() -> Scenario {
    Scenario::builtin("aws-2025-10-us-east-1").unwrap()
}

fn t(s: &Scenario, hm: &str) -> SimTime {
    let day = if hm < "12:00" { "20" } else { "19" };
    s.at(&format!("2025-10-{day}T{hm}:00-07:00")).unwrap()
}

const FIX: &str = "enable.recheck-freshness";

#[test]
fn each_fork_of_a_sweep_equals_a_straight_run_with_the_intervention_in_its_script() {
    let s = scenario();
    let inputs = s.default_inputs(1);
    let base = outage_sim::run(&s, &inputs).unwrap();
    let sweep = Sweeping::new(base, FIX, t(&s, "23:40"), t(&s, "23:52"), 4)
        .unwrap()
        .run()
        .unwrap();
    assert_eq!(sweep.instants.len(), 4);
    for (at, outcome) in sweep.instants.iter().zip(&sweep.outcomes) {
        let mut straight = inputs.clone();
        let pos = straight.script.partition_point(|x| x.at <= *at);
        straight.script.insert(
            pos,
            Step {
                at: *at,
                token: FIX.to_string(),
            },
        );
        let run = outage_sim::run(&s, &straight).unwrap();
        assert_eq!(&run.impairments(), outcome, "at {}", s.clock(*at));
    }
}

#[test]
fn re_checking_freshness_helps_until_just_before_the_race_and_not_after() {
    let s = scenario();
    let base = outage_sim::run(&s, &s.default_inputs(1)).unwrap();
    let ddb = s.node("dynamodb").unwrap();
    let emptied = base
        .impairments()
        .iter()
        .find(|i| i.service == ddb)
        .unwrap()
        .from;
    let sweep = Sweeping::new(base, FIX, t(&s, "23:40"), t(&s, "23:56"), 1)
        .unwrap()
        .run()
        .unwrap();
    let last = sweep
        .last_changed(ddb)
        .expect("early enough, it prevents the outage");
    // The point of no return is the race itself: the last instant before the record empties.
    assert!(
        last < emptied && last.plus(60_000) >= emptied,
        "{}",
        s.clock(last)
    );
    for (i, at) in sweep.instants.iter().enumerate() {
        assert_eq!(sweep.changes(i, ddb), *at <= last, "{}", s.clock(*at));
        if *at <= last {
            assert_eq!(sweep.ends(i, ddb), None, "prevented at {}", s.clock(*at));
        }
    }
}

#[test]
fn a_sweep_that_cannot_be_done_says_why_before_any_work() {
    let s = scenario();
    let base = outage_sim::run(&s, &s.default_inputs(1)).unwrap();
    let (from, to) = (t(&s, "23:40"), t(&s, "00:30"));
    let refused = |token: &str, from, to, every| {
        Sweeping::new(base.clone(), token, from, to, every)
            .err()
            .expect("refused")
    };
    assert!(refused(FIX, from, to, 0).contains("at least one minute"));
    assert!(refused(FIX, to, from, 1).contains("ends before it starts"));
    assert!(refused("launch-missiles", from, to, 1).contains("launch-missiles"));
    let far = base.window();
    assert!(refused(FIX, SimTime::ZERO, far, 1).contains(&MOST_INSTANTS.to_string()));
    assert!(refused(FIX, from, far.plus(60_000), 60).contains("after the scenario's window"));
}
