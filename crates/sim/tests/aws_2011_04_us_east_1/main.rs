//! The EBS re-mirroring storm of 21 April 2011: what must emerge from the model's state (nodes
//! cut off by a mistaken shift, a storm of re-mirroring when they return, free space exhausted,
//! a race that fails more nodes, a region-wide control plane starved by long time-outs), the
//! counterfactuals the issue names, the run beside the status posts of the day, the mechanism
//! view of the storm, a link into day 2 and the CLI. What every model shares (golden digest,
//! seek and fork, chapters, challenges, the work budget) is in `tests/every_model`.
//! `cargo test -p outage-sim --test aws_2011_04_us_east_1 [name]`.

#[path = "../common/mod.rs"]
mod common;

use common::{events, first, first_event, run, shown, why_words, within_minutes, Outage};
use outage_sim::link::Link;
use outage_sim::mechanism::{Figure, Tone};
use outage_sim::models::aws_2011_04_us_east_1::*;
use outage_sim::recording::Impairment;
use outage_sim::{Scenario, SimTime};
use std::process::Command;

type Incident = Outage<Region>;

fn at(s: &Scenario, day: u32, hm: &str) -> SimTime {
    s.at(&format!("2011-04-{day}T{hm}:00-07:00"))
        .expect("in window")
}
/// The default inputs with a person's intervention at `hm` on the first day.
fn with(s: &Scenario, hm: &str, what: Intervention) -> RunInputs {
    common::with_step(Incident::inputs(s), at(s, 21, hm), what)
}
fn peak_stuck(rec: &Recording) -> f64 {
    rec.samples
        .iter()
        .map(|v| v.gauges.stuck_permille)
        .max()
        .unwrap_or(0) as f64
        / 1000.0
}

/// The region's EBS API periods of the first day.
fn day_one(s: &Scenario, rec: &Recording) -> Vec<Impairment<Service>> {
    rec.impairments_of(Service::EbsApi)
        .into_iter()
        .filter(|w| w.from < at(s, 22, "00:00"))
        .collect()
}
/// The incident, and the incident with `what` at `hm` on 21 April.
fn incident_and(hm: &str, what: Intervention) -> (Scenario, Recording, Recording) {
    let (s, rec) = Incident::as_it_happened();
    let with_it = run(&s, with(&s, hm, what));
    (s, rec, with_it)
}
fn with_params(s: &Scenario, set: impl Fn(&mut Params)) -> Recording {
    let mut i = Incident::inputs(s);
    set(&mut i.params);
    run(s, i)
}

#[test]
fn the_shift_cuts_nodes_off_and_their_return_starts_a_storm_that_gets_stuck() {
    let (s, rec) = Incident::as_it_happened();
    let cut = rec.view_at(at(&s, 21, "00:50")).gauges;
    assert!(
        cut.isolated_permille > 0 && cut.stuck_permille == 0,
        "{cut:?}"
    );
    let storm = rec.view_at(at(&s, 21, "01:01")).gauges;
    assert!(
        storm.isolated_permille == 0 && storm.remirroring_permille > 0,
        "{storm:?}"
    );
    assert_eq!(
        storm.stuck_permille, 0,
        "nothing is stuck while there is space"
    );
    // The free space is "quickly exhausted" after the roll-back [Q]; then the searching loop.
    let exhausted =
        first_event(&rec, |k| matches!(k, EventKind::FreeSpaceExhausted { .. })).unwrap();
    assert_eq!(rec.view_at(exhausted.plus(60_000)).gauges.free_permille, 0);
    assert!(exhausted > at(&s, 21, "01:00") && within_minutes(exhausted, at(&s, 21, "01:00"), 15));
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
    let why = why_words(&rec, Service::Ec2, at(&s, 21, "10:00"));
    assert!(why.iter().any(|w| w.contains("Shift traffic")), "{why:?}");
}

#[test]
fn two_periods_of_region_wide_api_errors_have_two_causes() {
    let (s, rec) = Incident::as_it_happened();
    let day1 = day_one(&s, &rec);
    assert_eq!(day1.len(), 2, "{day1:?}");
    // The first: CreateVolume calls hold the regional threads once the space is gone [Q]. It
    // starts with the exhaustion, and ends after CreateVolume is disabled at 2:40 AM [U], as the
    // waiting calls time out: the status page's "recovering at 2:55am" [SHD].
    let exhausted =
        first_event(&rec, |k| matches!(k, EventKind::FreeSpaceExhausted { .. })).unwrap();
    assert_eq!(day1[0].from, exhausted);
    assert!(within_minutes(day1[0].from, at(&s, 21, "00:55"), 15));
    let end = day1[0].to.unwrap();
    assert!(end > at(&s, 21, "02:40") && within_minutes(end, at(&s, 21, "02:55"), 5));
    let starved = first_event(&rec, |k| matches!(k, EventKind::ControlPlaneStarved { .. }));
    assert_eq!(starved, Some(exhausted));
    // The second: the retried negotiations brown the shared database out [Q], from about the
    // often-cited 5:30 AM [U] until the cluster is cut off at 11:30 AM [U].
    let brown = first_event(&rec, |k| matches!(k, EventKind::BrownOut { .. })).unwrap();
    assert!(brown > end && within_minutes(day1[1].from, at(&s, 21, "05:30"), 15));
    assert_eq!(day1[1].to, Some(at(&s, 21, "11:30")));
    // Disabling the zone's APIs (8:20 AM) does not end it: the negotiations are no API calls.
    let v = rec.view_at(at(&s, 21, "09:00"));
    assert!(v.gauges.az_apis_disabled && v.error_share(Service::EbsApi.index()) > 0.01);
    assert_eq!(
        rec.view_at(at(&s, 21, "12:00"))
            .error_share(Service::EbsApiAz.index()),
        1.0,
        "the zone's own APIs stay disabled"
    );
    // Without containment, the second period lasts into the night.
    let uncontained = Incident::run_without(&s, |w| *w == Intervention::CutClusterOff);
    let second = day_one(&s, &uncontained)[1].clone();
    assert!(
        second.to.is_none_or(|t| t > at(&s, 21, "20:00")),
        "{second:?}"
    );
}

#[test]
fn an_action_against_one_period_leaves_the_other_as_it_was() {
    let (s, rec, early) = incident_and("01:30", Intervention::DisableCreateVolume);
    let (base, got) = (day_one(&s, &rec), day_one(&s, &early));
    // Against the first: CreateVolume disabled at 1:30 AM, not 2:40 AM. The first period ends
    // sooner; the second is the same to the minute.
    assert!(got[0].to.unwrap() < base[0].to.unwrap(), "{got:?}");
    assert_eq!(got[1], base[1]);
    // A shorter CreateVolume time-out: the held calls never fill the pool, no first period; the
    // second is the same.
    let short = with_params(&s, |p| p.create_volume_timeout_ms = 20_000);
    assert_eq!(day_one(&s, &short), vec![base[1].clone()]);
    // Against the second: the race fixed from the start. No second period; the first is the
    // same to the minute.
    let fixed = run(&s, with(&s, "00:40", Intervention::FixRace));
    assert_eq!(day_one(&s, &fixed), vec![base[0].clone()]);
}

#[test]
fn no_shift_no_outage() {
    let s = Incident::scenario();
    let rec = Incident::run_without(&s, |w| *w == Intervention::ShiftTraffic);
    for svc in Service::ALL {
        let ws = rec.impairments_of(*svc);
        match svc {
            // The script still disables the zone's CreateVolume at 2:40 AM, outage or not.
            Service::EbsApiAz | Service::Ec2Launch => {
                assert!(
                    ws.iter().all(|w| w.from == at(&s, 21, "02:40")),
                    "{svc:?} {ws:?}"
                )
            }
            _ => assert!(ws.is_empty(), "{svc:?}"),
        }
    }
}

#[test]
fn backoff_from_the_start_leaves_far_fewer_stuck_and_no_second_period() {
    let s = Incident::scenario();
    let base = peak_stuck(&Incident::default_run(&s));
    let rec = run(&s, with(&s, "00:40", Intervention::RemirrorBackoff));
    let backoff = peak_stuck(&rec);
    assert!(backoff * 2.0 < base, "{backoff} vs {base}");
    assert!(first_event(&rec, |k| matches!(k, EventKind::RaceFailsNodes { .. })).is_none());
    assert_eq!(day_one(&s, &rec).len(), 1);
    // Fixing the race does the same for the stuck count.
    let fixed = peak_stuck(&run(&s, with(&s, "00:40", Intervention::FixRace)));
    assert!(fixed * 2.0 < base);
}

#[test]
fn backoff_in_the_middle_of_the_storm_ends_the_brown_out_and_the_race() {
    let (s, rec, mid) = incident_and("07:00", Intervention::RemirrorBackoff);
    let (base, got) = (day_one(&s, &rec), day_one(&s, &mid));
    // Applied at 7:00 AM, while the negotiations brown the control plane out: the second
    // period ends then, not at 11:30 AM, and fewer volumes get stuck.
    assert_eq!(got[0], base[0]);
    assert_eq!(got[1].from, base[1].from);
    assert!(got[1].to.unwrap() <= at(&s, 21, "07:01"), "{got:?}");
    assert!(peak_stuck(&mid) < peak_stuck(&rec));
}

#[test]
fn a_per_az_control_plane_keeps_the_other_zones_apis_healthy() {
    let s = Incident::scenario();
    let rec = run(&s, with(&s, "00:40", Intervention::PerAzControlPlane));
    assert!(rec.impairments_of(Service::EbsApi).is_empty());
    assert!(
        !rec.impairments_of(Service::EbsApiAz).is_empty(),
        "the zone's own still starves"
    );
}

#[test]
fn ebs_backed_launches_follow_the_control_plane_beside_the_dashboards_window() {
    let (s, rec) = Incident::as_it_happened();
    let launch = rec.impairments_of(Service::Ec2Launch);
    let api = day_one(&s, &rec);
    // Launches create and attach a root volume through the control plane: they fail from the
    // first period's start, 1 h 45 min before the dashboard's post of 2:49 AM [SHD].
    assert_eq!(launch[0].from, api[0].from);
    assert!(launch[0].from < at(&s, 21, "02:49"));
    // The other zones' launches recover with their APIs at 2:55 AM, 25 minutes before the
    // dashboard's 3:20 AM; the zone's own fail to the end of the run, its CreateVolume and then
    // every control API disabled [P], so the run never ends the window (a departure).
    let after = rec.view_at(at(&s, 21, "03:20"));
    let share = after.error_share(Service::Ec2Launch.index());
    assert!(
        (0.2..0.3).contains(&share),
        "only the zone's launches fail: {share}"
    );
    assert_eq!(launch.last().unwrap().to, None);
    // In the second period the others fail again, as the 8:54 AM post says ("difficult to
    // create new EBS volumes and EBS backed instances" [SHD]).
    let v = rec.view_at(at(&s, 21, "08:54"));
    assert!(v.error_share(Service::Ec2Launch.index()) > share);
}

#[test]
fn stuck_volumes_recover_only_as_capacity_arrives_over_days_but_a_few_never() {
    let (s, rec) = Incident::as_it_happened();
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
    // 0.07% of the zone's volumes cannot be restored in a consistent state [Q]: still blocked at
    // the end, too few to colour the volumes.
    let last = rec.view_at(at(&s, 24, "11:59"));
    assert!(
        (600..=800).contains(&last.gauges.lost_ppm),
        "{}",
        last.gauges.lost_ppm
    );
    assert!(last.error_share(Service::Ebs.index()) > 0.0);
    assert!(first_event(&rec, |k| matches!(k, EventKind::VolumesUnrestorable { .. })).is_some());
    let none = Incident::run_without(&s, |w| matches!(w, Intervention::AddCapacity { .. }));
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
    let (s, rec) = Incident::as_it_happened();
    let bug = events(&rec)
        .find_map(|(_, k)| match k {
            EventKind::FailoverBug { permille } => Some(*permille),
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
    let never = Incident::run_without(&s, |w| *w == Intervention::RdsManualFailover);
    assert_eq!(
        never.impairments_of(Service::RdsMultiAz).last().unwrap().to,
        None
    );
    assert!(manual < at(&s, 21, "12:00"));
}

#[test]
fn a_link_opens_day_two_of_the_storm() {
    let link = "#v=1&scenario=aws-2011-04-us-east-1&t=d2+12:00:00&node=ebs";
    let (d, s) = Link::decode(link, |id| Scenario::builtin(id).ok()).unwrap();
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    assert_eq!(d.link.t, at(&s, 22, "12:00"));
    assert_eq!(s.clock(d.link.t), "Fri 22 Apr 12:00 PM");
    let rec = Incident::default_run(&s);
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

#[test]
fn ebs_volumes_get_stuck_once_the_free_space_is_under_what_the_searching_need() {
    let storm_view = shown(ID, "storm", "2011-04-21T04:30:00-07:00");
    let cluster = storm_view.lane("Affected cluster");
    let storm = first(cluster, Tone::Strained, "re-mirroring").expect("a storm");
    let stuck = first(cluster, Tone::Failed, "stuck").expect("then stuck");
    assert!(storm < stuck);
    let now = storm_view.now();
    let Figure::Population { parts, .. } = &now.figures[0] else {
        panic!("the cluster's volumes by state")
    };
    assert_eq!(
        parts.iter().map(|p| p.count).sum::<u64>(),
        1000,
        "every volume once"
    );
    let stuck_now = parts.iter().find(|p| p.state == "stuck").unwrap().count;
    let row = storm_view.detail("ebs", "Volumes stuck, searching for space");
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
