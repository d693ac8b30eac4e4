//! The EBS re-mirroring storm of 21 April 2011: what must emerge from the model's state (nodes
//! cut off by a mistaken shift, a storm of re-mirroring when they return, free space exhausted,
//! a race that fails more nodes, a region-wide control plane starved by long time-outs), the
//! counterfactuals the issue names, the run beside the status posts of the day, determinism, the
//! chapters, the challenges, a link into day 2 and the CLI.

use outage_sim::engine::model::Timed;
use outage_sim::link::Link;
use outage_sim::models::aws_2011_04_us_east_1::*;
use outage_sim::{Scenario, SimTime};
use std::process::Command;

const GOLDEN: &str = include_str!("golden-ebs-digest.txt");

fn scenario() -> Scenario {
    Scenario::builtin(ID).expect("the EBS scenario is built in")
}
fn at(s: &Scenario, day: u32, hm: &str) -> SimTime {
    s.at(&format!("2011-04-{day}T{hm}:00-07:00"))
        .expect("in window")
}
fn inputs(s: &Scenario) -> RunInputs {
    default_inputs(s, outage_sim::DEFAULT_SEED)
}
fn run(s: &Scenario, i: RunInputs) -> Recording {
    Recording::run(s.window, i).expect("valid run")
}
fn default_run(s: &Scenario) -> Recording {
    run(s, inputs(s))
}
fn with(s: &Scenario, hm: &str, what: Intervention) -> RunInputs {
    let mut i = inputs(s);
    let when = at(s, 21, hm);
    let pos = i
        .script
        .iter()
        .position(|x| x.at > when)
        .unwrap_or(i.script.len());
    i.script.insert(
        pos,
        Timed {
            at: when,
            what,
            incident: false,
        },
    );
    i
}
fn without(s: &Scenario, drop: impl Fn(&Intervention) -> bool) -> RunInputs {
    let mut i = inputs(s);
    i.script.retain(|t| !drop(&t.what));
    i
}
fn peak_stuck(rec: &Recording) -> f64 {
    rec.samples
        .iter()
        .map(|v| v.gauges.stuck_permille)
        .max()
        .unwrap_or(0) as f64
        / 1000.0
}
fn minutes(a: SimTime, b: SimTime) -> u64 {
    a.ms().abs_diff(b.ms()) / 60_000
}
fn first_event(rec: &Recording, f: impl Fn(&EventKind) -> bool) -> Option<SimTime> {
    rec.log
        .entries
        .iter()
        .find(|e| e.kind.event().is_some_and(&f))
        .map(|e| e.at)
}

#[test]
fn the_shift_cuts_nodes_off_and_their_return_starts_a_storm_that_gets_stuck() {
    let s = scenario();
    let rec = default_run(&s);
    let cut = rec.view_at(at(&s, 21, "00:50")).gauges;
    assert!(
        cut.isolated_permille > 0 && cut.stuck_permille == 0,
        "{cut:?}"
    );
    let storm = rec.view_at(at(&s, 21, "01:05")).gauges;
    assert!(
        storm.isolated_permille == 0 && storm.remirroring_permille > 0,
        "{storm:?}"
    );
    assert_eq!(
        storm.stuck_permille, 0,
        "nothing is stuck while there is space"
    );
    // Re-mirroring uses the free space up; then the searching volumes loop.
    let exhausted =
        first_event(&rec, |k| matches!(k, EventKind::FreeSpaceExhausted { .. })).unwrap();
    assert_eq!(rec.view_at(exhausted).gauges.free_permille, 0);
    assert!(exhausted > at(&s, 21, "01:05"));
    // The race follows, and the peak is about 13% of the volumes [Q].
    let race = first_event(&rec, |k| matches!(k, EventKind::RaceFailsNodes { .. })).unwrap();
    assert!(race >= exhausted);
    let peak = peak_stuck(&rec);
    assert!((0.115..=0.145).contains(&peak), "peak stuck {peak}");
    assert!(peak > rec.view_at(exhausted).gauges.stuck_permille as f64 / 1000.0 * 2.0);
    // Instances doing I/O to stuck volumes are stuck too; Single-AZ databases likewise.
    let v = rec.view_at(at(&s, 21, "10:00"));
    let e = |svc: Service| v.error_share(svc.index());
    assert!(e(Service::Ec2) > 0.1 && e(Service::Ec2) == e(Service::Ebs));
    assert_eq!(e(Service::Rds), e(Service::Ebs));
    // "Why is this red?" leads from the instances back to the shift.
    let why: Vec<String> = rec
        .why_unhealthy(Service::Ec2, at(&s, 21, "10:00"))
        .iter()
        .map(|e| e.describe())
        .collect();
    assert!(why.iter().any(|w| w.contains("Shift traffic")), "{why:?}");
}

#[test]
fn the_control_plane_fails_the_whole_region_in_two_periods_on_the_first_day() {
    let s = scenario();
    let rec = default_run(&s);
    let day1: Vec<_> = rec
        .impairments_of(Service::EbsApi)
        .into_iter()
        .filter(|w| w.from < at(&s, 22, "00:00"))
        .collect();
    assert_eq!(day1.len(), 2, "{day1:?}");
    // The first period is the status page's: errors from 12:55 AM, recovering at 2:55 AM [SHD].
    assert!(minutes(day1[0].from, at(&s, 21, "00:55")) <= 30);
    assert!(minutes(day1[0].to.unwrap(), at(&s, 21, "02:55")) <= 30);
    // The second ends when the zone's control APIs are disabled, not by itself.
    assert_eq!(day1[1].to, Some(at(&s, 21, "08:20")));
    let uncontained = run(
        &s,
        without(&s, |w| {
            matches!(w, Intervention::DisableAzApis | Intervention::CutClusterOff)
        }),
    );
    let second = uncontained.impairments_of(Service::EbsApi)[1].clone();
    assert!(
        second.to.is_none_or(|t| t > at(&s, 21, "20:00")),
        "{second:?}"
    );
    // Cutting the cluster off alone also frees the region's threads.
    let cut = run(&s, without(&s, |w| *w == Intervention::DisableAzApis));
    let second = cut.impairments_of(Service::EbsApi)[1].clone();
    assert_eq!(second.to, Some(at(&s, 21, "11:30")));
    // Meanwhile the affected zone's own APIs stay unavailable (disabled).
    assert_eq!(
        rec.view_at(at(&s, 21, "12:00"))
            .error_share(Service::EbsApiAz.index()),
        1.0
    );
}

#[test]
fn no_shift_no_outage() {
    let s = scenario();
    let rec = run(&s, without(&s, |w| *w == Intervention::ShiftTraffic));
    for svc in Service::ALL {
        let ws = rec.impairments_of(*svc);
        match svc {
            // The script still disables the zone's APIs at 8:20 AM, outage or not.
            Service::EbsApiAz | Service::Ec2Launch => {
                assert!(
                    ws.iter().all(|w| w.from == at(&s, 21, "08:20")),
                    "{svc:?} {ws:?}"
                )
            }
            _ => assert!(ws.is_empty(), "{svc:?}"),
        }
    }
}

#[test]
fn backoff_leaves_far_fewer_volumes_stuck_and_no_second_period() {
    let s = scenario();
    let base = peak_stuck(&default_run(&s));
    let rec = run(&s, with(&s, "00:40", Intervention::RemirrorBackoff));
    let backoff = peak_stuck(&rec);
    assert!(backoff * 2.0 < base, "{backoff} vs {base}");
    assert!(first_event(&rec, |k| matches!(k, EventKind::RaceFailsNodes { .. })).is_none());
    assert_eq!(rec.impairments_of(Service::EbsApi).len(), 1);
    // Fixing the race does the same for the stuck count.
    let fixed = peak_stuck(&run(&s, with(&s, "00:40", Intervention::FixRace)));
    assert!(fixed * 2.0 < base);
}

#[test]
fn a_per_az_control_plane_keeps_the_other_zones_apis_healthy() {
    let s = scenario();
    let rec = run(&s, with(&s, "00:40", Intervention::PerAzControlPlane));
    assert!(rec.impairments_of(Service::EbsApi).is_empty());
    assert!(
        !rec.impairments_of(Service::EbsApiAz).is_empty(),
        "the zone's own still starves"
    );
}

#[test]
fn stuck_volumes_recover_only_as_capacity_arrives_over_days() {
    let s = scenario();
    let rec = default_run(&s);
    let end = rec
        .impairments_of(Service::Ebs)
        .last()
        .unwrap()
        .to
        .expect("recovers");
    assert!(
        end > at(&s, 22, "12:00") && end < at(&s, 24, "12:00"),
        "{}",
        s.clock(end)
    );
    let none = run(
        &s,
        without(&s, |w| matches!(w, Intervention::AddCapacity { .. })),
    );
    assert_eq!(none.impairments_of(Service::Ebs).last().unwrap().to, None);
    // More capacity, sooner: recovery comes earlier.
    let early = run(
        &s,
        with(&s, "04:00", Intervention::AddCapacity { permille: 300 }),
    );
    assert!(
        early
            .impairments_of(Service::Ebs)
            .last()
            .unwrap()
            .to
            .unwrap()
            < end
    );
}

#[test]
fn some_multi_az_databases_need_a_manual_failover() {
    let s = scenario();
    let rec = default_run(&s);
    let bug = rec
        .log
        .entries
        .iter()
        .find_map(|e| match e.kind.event() {
            Some(EventKind::FailoverBug { permille }) => Some(*permille),
            _ => None,
        })
        .expect("the bug is hit");
    // About 2.5% of Multi-AZ databases [S1].
    assert!((20..=30).contains(&bug), "{bug}‰");
    let manual = rec
        .impairments_of(Service::RdsMultiAz)
        .last()
        .unwrap()
        .to
        .unwrap();
    let never = run(&s, without(&s, |w| *w == Intervention::RdsManualFailover));
    assert_eq!(
        never.impairments_of(Service::RdsMultiAz).last().unwrap().to,
        None
    );
    assert!(manual < at(&s, 21, "12:00"));
}

#[test]
fn the_run_has_its_golden_digest_seeks_like_a_straight_run_and_forks_like_one() {
    let s = scenario();
    let rec = default_run(&s);
    assert_eq!(rec.digest(), GOLDEN.trim());
    for (day, hm) in [
        (21, "00:48"),
        (21, "03:33"),
        (21, "08:21"),
        (22, "13:07"),
        (23, "23:59"),
    ] {
        let t = at(&s, day, hm);
        let mut cut = inputs(&s);
        cut.script.retain(|x| x.at <= t);
        assert_eq!(
            rec.view_at(t),
            Recording::run(t, cut).unwrap().end.view(),
            "{day} {hm}"
        );
    }
    let when = at(&s, 21, "02:00");
    let forked = rec.fork(when, Intervention::FixRace).unwrap();
    assert_eq!(
        forked.digest(),
        run(&s, with(&s, "02:00", Intervention::FixRace)).digest()
    );
}

#[test]
fn every_chapter_claim_holds_at_its_instant() {
    let s = scenario();
    assert!(s.file.chapters.len() >= 6);
    let rec = default_run(&s);
    let mut wrong = Vec::new();
    for c in &s.file.chapters {
        let view = rec.view_at(s.at(&c.at).unwrap());
        for claim in &c.claims {
            let svc = Service::parse(&claim.node).unwrap();
            if view.health[svc.index()] != claim.health {
                wrong.push(format!(
                    "{}: {} is {:?}",
                    c.title,
                    claim.node,
                    view.health[svc.index()]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn each_challenge_is_met_by_an_intervention_that_works_and_not_by_one_that_does_not() {
    let s = scenario();
    let rec = default_run(&s);
    assert_eq!(s.challenges_met(&rec), vec![false; s.file.challenges.len()]);
    let met = |hm: &str, what: &[Intervention]| {
        let mut r = rec.clone();
        for w in what {
            r = r.fork(at(&s, 21, hm), w.clone()).unwrap();
        }
        s.challenges_met(&r)
    };
    assert!(met("00:40", &[Intervention::PerAzControlPlane])[0]);
    assert!(
        !met("00:40", &[Intervention::RemirrorBackoff])[0],
        "the first period still happens"
    );
    assert!(met("04:00", &[Intervention::DisableAzApis])[1]);
    assert!(!met("04:00", &[Intervention::AddCapacity { permille: 200 }])[1]);
    assert!(
        met("01:00", &[Intervention::RemirrorBackoff])[2],
        "fewer stuck"
    );
    assert!(
        met("01:00", &[Intervention::AddCapacity { permille: 200 }])[2],
        "space sooner"
    );
    assert!(
        !met("01:00", &[Intervention::DisableAzApis])[2],
        "containment mends no volume"
    );
}

#[test]
fn a_link_opens_day_two_of_the_storm() {
    let link = "#v=1&scenario=aws-2011-04-us-east-1&t=d2+12:00:00&node=ebs";
    let (d, s) = Link::decode(link, |id| Scenario::builtin(id).ok()).unwrap();
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    assert_eq!(d.link.t, at(&s, 22, "12:00"));
    assert_eq!(s.clock(d.link.t), "Fri 22 Apr 12:00 PM");
    let rec = default_run(&s);
    assert!(
        rec.view_at(d.link.t).gauges.stuck_permille > 0,
        "still stuck on day 2"
    );
}

#[test]
fn the_cli_prints_the_impairments_and_the_peak_share_of_stuck_volumes() {
    let out = Command::new(env!("CARGO_BIN_EXE_outage-sim"))
        .args(["run", ID, "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ws = v["impairments"].as_array().unwrap();
    for id in ["ebs", "ebs-api", "ec2", "rds", "rds-multi-az"] {
        assert!(ws.iter().any(|w| w["service"] == id), "{id} missing");
    }
    let peak = v["peaks"]["stuck_share"]["value"].as_f64().unwrap();
    assert!((0.115..=0.145).contains(&peak), "{peak}");
}
