//! The 2025 outage's mechanism views (the race, the collapse), read through the interface the
//! app draws them from (`Run::tracks`, `Run::mechanism`): what each shows must be what the run
//! did, and must agree with the numbers the inspector lists for the same instant.
use crate::common::{first, lane, leading_number, shown};
use crate::helpers::{pause_made_at, quiet, scenario, with_recheck, PAUSE_MS};
use outage_sim::mechanism::{Figure, Tone};
use outage_sim::models::aws_2025_10_us_east_1::{default_inputs, RunInputs, ID};
use outage_sim::{Run, Scenario};
use std::sync::Arc;

fn of_2025(s: &Scenario, inputs: RunInputs) -> Arc<dyn Run> {
    outage_sim::run(s, &inputs.erase()).expect("a valid run")
}

#[test]
fn the_race_shows_the_stale_check_then_the_write_then_the_empty_record_in_that_order() {
    let race = shown(ID, "race", "2025-10-19T23:50:00-07:00");
    let a = race.lane("DNS Enactor A");
    let record = race.lane("Regional record");
    // Enactor A picks its plan up (the one check), is overtaken while the regional endpoint is
    // still to write, then writes it: the gap between check and write is the segment between.
    let picked = first(a, Tone::Working, "regional to write").expect("A holds a plan");
    let stale = first(a, Tone::Strained, "regional to write").expect("A's plan goes stale");
    let written = first(a, Tone::Failed, "written to regional").expect("A writes it stale");
    let empty = first(record, Tone::Failed, "EMPTY").expect("the record empties");
    assert!(picked < stale && stale < written && written <= empty);
    assert!(
        written.since(picked) >= 60_000,
        "the check is a minute or more old when used"
    );
    for other in ["DNS Enactor B", "DNS Enactor C"] {
        assert!(race
            .lane(other)
            .segments
            .iter()
            .all(|s| s.phase == "keeping up"));
    }
    // The record's plan against what the clean-up keeps, as the inspector reads it.
    let now = race.now();
    let Figure::Against { value, limit, .. } = &now.figures[0] else {
        panic!("the record's plan against the clean-up's floor")
    };
    assert!(
        value < limit,
        "the record's plan is older than the clean-up keeps"
    );
    let record_row = race.detail("dynamodb", "dynamodb.us-east-1.amazonaws.com");
    assert_eq!(record_row, format!("EMPTY (plan {value})"));
}

#[test]
fn with_the_freshness_re_check_the_race_view_never_shows_a_stale_write_or_an_empty_record() {
    let s = scenario();
    let inputs = with_recheck(&default_inputs(&s, 1));
    let run = of_2025(&s, inputs);
    let at = s.at("2025-10-19T23:52:00-07:00").unwrap();
    let tracks = run.tracks("race", at);
    assert!(tracks
        .iter()
        .flat_map(|t| &t.segments)
        .all(|seg| seg.tone != Tone::Failed));
    let a = lane(&tracks, "DNS Enactor A");
    assert!(
        first(a, Tone::Strained, "regional left newer").is_some(),
        "A's stale plan is skipped"
    );
}

#[test]
fn a_pause_made_by_hand_shows_as_a_held_plan_and_then_an_empty_record() {
    let (s, pause, paused) = pause_made_at("2025-10-19T23:40:00-07:00");
    let run = of_2025(&s, paused);
    let tracks = run.tracks("race", pause.plus(10 * 60_000));
    let a = lane(&tracks, "DNS Enactor A");
    let held = first(a, Tone::Idle, "paused holding plan").expect("A shown paused with its plan");
    let empty = first(lane(&tracks, "Regional record"), Tone::Failed, "EMPTY")
        .expect("the record empties after the resume");
    assert!(held < empty && empty >= pause.plus(PAUSE_MS));
    // The quiet run itself never empties it.
    let calm = of_2025(&s, quiet(&s));
    let calm_tracks = calm.tracks("race", pause.plus(10 * 60_000));
    assert!(first(lane(&calm_tracks, "Regional record"), Tone::Failed, "EMPTY").is_none());
}

#[test]
fn the_collapse_outlives_its_trigger_and_its_figures_are_the_inspectors_numbers() {
    let collapse = shown(ID, "collapse", "2025-10-20T03:00:00-07:00");
    let dns = collapse.lane("DynamoDB's record");
    let dwfm = collapse.lane("EC2 DWFM");
    let back = dns.segments.last().unwrap();
    assert_eq!(back.phase, "resolves", "the trigger is gone by 3 AM");
    let collapsed = first(dwfm, Tone::Failed, "collapsed").expect("DWFM collapses");
    assert!(collapsed >= back.from, "after DNS is back");
    assert_eq!(
        dwfm.segments.last().unwrap().tone,
        Tone::Failed,
        "and stays collapsed"
    );
    let now = collapse.now();
    let Figure::Goodput { offered, done, .. } = &now.figures[0] else {
        panic!("lease work offered against done")
    };
    let made = leading_number(&collapse.detail("dwfm", "Leases made"));
    let wasted = leading_number(&collapse.detail("dwfm", "Work that timed out"));
    assert_eq!((*done, *offered), (made, made + wasted));
    assert!(wasted > made, "most of the work times out");
}
