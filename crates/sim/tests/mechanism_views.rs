//! The mechanism views, read through the interface the app draws them from (`Run::tracks`,
//! `Run::mechanism`): what each shows must be what the run did, and must agree with the numbers
//! the inspector lists for the same instant.
use outage_sim::mechanism::{Figure, Tone, Track};
use outage_sim::models::aws_2025_10_us_east_1::{Intervention, RunInputs};
use outage_sim::{Run, Scenario, SimTime};
use std::sync::Arc;
mod common;

fn incident(id: &str) -> (Scenario, Arc<dyn Run>) {
    let s = Scenario::builtin(id).expect("a built-in scenario");
    let run = outage_sim::run(&s, &s.default_inputs(1)).expect("the incident's run");
    (s, run)
}

fn of_2025(s: &Scenario, inputs: RunInputs) -> Arc<dyn Run> {
    outage_sim::run(s, &inputs.erase()).expect("a valid run")
}

fn lane<'a>(tracks: &'a [Track], actor: &str) -> &'a Track {
    tracks
        .iter()
        .find(|t| t.actor == actor)
        .unwrap_or_else(|| panic!("no lane {actor:?}"))
}

/// When a lane first shows `tone` with a phase containing `phase`.
fn first(track: &Track, tone: Tone, phase: &str) -> Option<SimTime> {
    track
        .segments
        .iter()
        .find(|s| s.tone == tone && s.phase.contains(phase))
        .map(|s| s.from)
}

/// A row of the inspector's list for a node at an instant.
fn detail(s: &Scenario, run: &dyn Run, node: &str, row: &str, at: SimTime) -> String {
    let n = s.node(node).expect("a node of the map");
    run.details(n, &run.frame_at(at))
        .into_iter()
        .find(|(k, _)| k == row)
        .unwrap_or_else(|| panic!("no row {row:?} on {node}"))
        .1
}

fn leading_number(text: &str) -> u64 {
    text.chars()
        .take_while(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .expect("a number")
}

#[test]
fn every_chapter_names_a_view_its_model_offers_and_every_view_draws_lanes_and_figures() {
    for id in [
        "aws-2025-10-us-east-1",
        "aws-2020-11-us-east-1",
        "aws-2011-04-us-east-1",
    ] {
        let (s, run) = incident(id);
        assert!(!run.mechanisms().is_empty(), "{id} offers a mechanism view");
        for c in s.file.chapters.iter().filter(|c| c.mechanism.is_some()) {
            let view = c.mechanism.as_deref().unwrap();
            let at = s.at(&c.at).unwrap();
            let tracks = run.tracks(view, at);
            let now = run.mechanism(view, &run.frame_at(at)).expect("the view");
            assert!(tracks.len() >= 3, "{id} {view}: lanes of actors");
            assert_eq!(tracks.len(), now.lanes.len(), "a lane per actor");
            assert!(
                !now.figures.is_empty(),
                "{id} {view}: a figure of the instant"
            );
            for t in &tracks {
                assert_eq!(
                    t.segments.last().unwrap().to,
                    at,
                    "lanes end at the playhead"
                );
            }
        }
        assert!(run.tracks("no-such-view", SimTime(0)).is_empty());
    }
}

#[test]
fn the_race_shows_the_stale_check_then_the_write_then_the_empty_record_in_that_order() {
    let (s, run) = incident("aws-2025-10-us-east-1");
    let at = s.at("2025-10-19T23:50:00-07:00").unwrap();
    let tracks = run.tracks("race", at);
    let a = lane(&tracks, "DNS Enactor A");
    let record = lane(&tracks, "Regional record");
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
        assert!(lane(&tracks, other)
            .segments
            .iter()
            .all(|s| s.phase == "keeping up"));
    }
    // The record's plan against what the clean-up keeps, as the inspector reads it.
    let now = run.mechanism("race", &run.frame_at(at)).unwrap();
    let Figure::Against { value, limit, .. } = &now.figures[0] else {
        panic!("the record's plan against the clean-up's floor")
    };
    assert!(
        value < limit,
        "the record's plan is older than the clean-up keeps"
    );
    let record_row = detail(
        &s,
        &*run,
        "dynamodb",
        "dynamodb.us-east-1.amazonaws.com",
        at,
    );
    assert_eq!(record_row, format!("EMPTY (plan {value})"));
}

#[test]
fn with_the_freshness_re_check_the_race_view_never_shows_a_stale_write_or_an_empty_record() {
    let s = common::scenario();
    let inputs = common::with_recheck(&outage_sim::models::aws_2025_10_us_east_1::default_inputs(
        &s, 1,
    ));
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
    let s = common::scenario();
    let quiet = common::quiet(&s);
    let pause = common::t(&s, "2025-10-19T23:40:00-07:00");
    let mut inputs = quiet.clone();
    for (at, what) in [
        (pause, Intervention::PauseEnactor { enactor: 0 }),
        (
            pause.plus(8 * 60_000),
            Intervention::ResumeEnactor { enactor: 0 },
        ),
    ] {
        inputs.script.push(outage_sim::Timed::new(at, what));
    }
    inputs.script.sort_by_key(|x| x.at);
    let run = of_2025(&s, inputs);
    let tracks = run.tracks("race", pause.plus(10 * 60_000));
    let a = lane(&tracks, "DNS Enactor A");
    let held = first(a, Tone::Idle, "paused holding plan").expect("A shown paused with its plan");
    let empty = first(lane(&tracks, "Regional record"), Tone::Failed, "EMPTY")
        .expect("the record empties after the resume");
    assert!(held < empty && empty >= pause.plus(8 * 60_000));
    // The quiet run itself never empties it.
    let calm = of_2025(&s, quiet);
    let calm_tracks = calm.tracks("race", pause.plus(10 * 60_000));
    assert!(first(lane(&calm_tracks, "Regional record"), Tone::Failed, "EMPTY").is_none());
}

#[test]
fn the_collapse_outlives_its_trigger_and_its_figures_are_the_inspectors_numbers() {
    let (s, run) = incident("aws-2025-10-us-east-1");
    let at = s.at("2025-10-20T03:00:00-07:00").unwrap();
    let tracks = run.tracks("collapse", at);
    let dns = lane(&tracks, "DynamoDB's record");
    let dwfm = lane(&tracks, "EC2 DWFM");
    let back = dns.segments.last().unwrap();
    assert_eq!(back.phase, "resolves", "the trigger is gone by 3 AM");
    let collapsed = first(dwfm, Tone::Failed, "collapsed").expect("DWFM collapses");
    assert!(collapsed >= back.from, "after DNS is back");
    assert_eq!(
        dwfm.segments.last().unwrap().tone,
        Tone::Failed,
        "and stays collapsed"
    );
    let now = run.mechanism("collapse", &run.frame_at(at)).unwrap();
    let Figure::Goodput { offered, done, .. } = &now.figures[0] else {
        panic!("lease work offered against done")
    };
    let made = leading_number(&detail(&s, &*run, "dwfm", "Leases made", at));
    let wasted = leading_number(&detail(&s, &*run, "dwfm", "Work that timed out", at));
    assert_eq!((*done, *offered), (made, made + wasted));
    assert!(wasted > made, "most of the work times out");
}

#[test]
fn kinesis_threads_pass_the_limit_as_the_fleet_learns_of_the_new_capacity() {
    let (s, run) = incident("aws-2020-11-us-east-1");
    let at = s.at("2020-11-25T04:40:00-08:00").unwrap();
    let tracks = run.tracks("threads", at);
    let grown = first(lane(&tracks, "Membership"), Tone::Working, "new capacity")
        .expect("capacity is added");
    let over = first(
        lane(&tracks, "Threads on a server"),
        Tone::Strained,
        "over the thread limit",
    )
    .expect("servers pass the limit");
    assert!(
        grown < over,
        "the limit is passed after the capacity is added"
    );
    let now = run.mechanism("threads", &run.frame_at(at)).unwrap();
    let Figure::Against { value, limit, .. } = &now.figures[0] else {
        panic!("threads against the limit")
    };
    assert_eq!(
        (*value, *limit),
        (
            leading_number(&detail(
                &s,
                &*run,
                "frontend",
                "Most threads on a server",
                at
            )),
            leading_number(&detail(&s, &*run, "frontend", "OS thread limit", at))
        )
    );
    assert!(value > limit);
    let Figure::Population { parts, .. } = &now.figures[1] else {
        panic!("the servers by state")
    };
    let members = leading_number(&detail(&s, &*run, "frontend", "Servers in the fleet", at));
    let counted: u64 = parts.iter().map(|p| p.count).sum();
    assert!(
        counted.abs_diff(members) <= 2,
        "every server once: {counted} of {members}"
    );
}

#[test]
fn ebs_volumes_get_stuck_once_the_free_space_is_under_what_the_searching_need() {
    let (s, run) = incident("aws-2011-04-us-east-1");
    let at = s.at("2011-04-21T04:30:00-07:00").unwrap();
    let tracks = run.tracks("storm", at);
    let cluster = lane(&tracks, "Affected cluster");
    let storm = first(cluster, Tone::Strained, "re-mirroring").expect("a storm");
    let stuck = first(cluster, Tone::Failed, "stuck").expect("then stuck");
    assert!(storm < stuck);
    let now = run.mechanism("storm", &run.frame_at(at)).unwrap();
    let Figure::Population { parts, .. } = &now.figures[0] else {
        panic!("the cluster's volumes by state")
    };
    assert_eq!(
        parts.iter().map(|p| p.count).sum::<u64>(),
        1000,
        "every volume once"
    );
    let stuck_now = parts.iter().find(|p| p.state == "stuck").unwrap().count;
    let row = detail(&s, &*run, "ebs", "Volumes stuck, searching for space", at);
    assert_eq!(format!("{}.{}%", stuck_now / 10, stuck_now % 10), row);
    let Figure::Against {
        value,
        limit,
        under: true,
        ..
    } = &now.figures[1]
    else {
        panic!("free space against what the searching need")
    };
    assert!(value < limit);
}
