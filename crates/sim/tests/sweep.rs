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

#[test]
fn a_sweep_as_csv_has_a_header_and_a_row_per_instant_in_the_zone_and_in_utc_and_the_command_line_prints_the_same(
) {
    let s = scenario();
    let base = outage_sim::run(&s, &s.default_inputs(1)).unwrap();
    let sweep = Sweeping::new(base, FIX, t(&s, "23:40"), t(&s, "23:56"), 4)
        .unwrap()
        .run()
        .unwrap();
    let csv = sweep.csv(&s);
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert!(csv.ends_with("\r\n") && !csv.contains("\r\n\r\n"));
    assert_eq!(lines.len(), 1 + sweep.instants.len());
    let header: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(
        header[..3],
        ["instant (PDT)", "instant (UTC)", "changes the outcome"]
    );
    assert_eq!(header.len(), 3 + 2 * s.nodes().len());
    assert!(lines[0].contains("DynamoDB impaired until (PDT),DynamoDB impaired until (UTC)"));
    // 11:40 PM PDT is 06:40 UTC the next day; early enough, the fix prevents DynamoDB's outage.
    assert!(lines[1].starts_with("2025-10-19T23:40:00-07:00,2025-10-20T06:40:00Z,yes,"));
    let ddb = 3 + 2 * s.nodes().iter().position(|n| n.id() == "dynamodb").unwrap();
    let cells = |line: &str| line.split(',').map(str::to_string).collect::<Vec<_>>();
    assert_eq!(cells(lines[1])[ddb], "");
    // At the end of the range it is too late: DynamoDB's outage ends when it did without it.
    let last = cells(lines[lines.len() - 1]);
    assert_eq!(last[2], "no");
    let ends = sweep.ends(sweep.instants.len() - 1, s.node("dynamodb").unwrap());
    let ends = s.epoch.add(ends.flatten().unwrap());
    assert_eq!(
        (last[ddb].as_str(), last[ddb + 1].as_str()),
        (ends.rfc3339().as_str(), ends.iso_utc().as_str())
    );
    // The command line's `--csv` is the same table.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_outage-sim"))
        .args([
            "sweep",
            "aws-2025-10-us-east-1",
            "--token",
            FIX,
            "--from",
            "2025-10-19T23:40:00-07:00",
            "--to",
            "2025-10-19T23:56:00-07:00",
            "--every",
            "4",
            "--csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), csv);
}
