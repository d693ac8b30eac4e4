//! The what-ifs whose direction the sources settle (docs/FIDELITY.md, Kinesis, "What-ifs"): each
//! changes one thing and checks which way the run goes, as emerges from the model's state.

use super::*;

/// The default inputs with the precautionary removal at `hm` instead of 5:15 AM.
fn removing_at(s: &Scenario, hm: &str) -> RunInputs {
    let mut i = Incident::inputs(s);
    for t in &mut i.script {
        if matches!(t.what, Intervention::RemoveCapacity { .. }) {
            t.at = at(s, hm);
        }
    }
    i
}

#[test]
fn no_capacity_addition_no_outage() {
    let s = Incident::scenario();
    let rec = Incident::run_without(&s, |w| matches!(w, Intervention::AddCapacity { .. }));
    for svc in Service::ALL {
        assert!(rec.impairments_of(*svc).is_empty(), "{svc:?}");
    }
}

#[test]
fn a_higher_thread_limit_no_outage_and_a_lower_one_fails_sooner() {
    let s = Incident::scenario();
    let mut i = Incident::inputs(&s);
    i.params.thread_limit = 6_000;
    assert!(run(&s, i).impairments_of(Service::Kinesis).is_empty());
    let mut i = Incident::inputs(&s);
    i.params.thread_limit = 5_010;
    let low = span(&run(&s, i), Service::Kinesis).unwrap().0;
    let default = span(&Incident::default_run(&s), Service::Kinesis)
        .unwrap()
        .0;
    assert!(low < default, "{low:?} {default:?}");
}

#[test]
fn raising_the_limit_after_the_crossing_saves_only_servers_not_yet_over_it() {
    let (s, rec) = Incident::as_it_happened();
    let raised_at = |hm: &str| {
        let f = rec
            .fork(
                at(&s, hm),
                Intervention::RaiseThreadLimit { threads: 10_200 },
            )
            .unwrap();
        f.view_at(at(&s, "07:00")).gauges
    };
    // Raised while part of the fleet had not yet learned of the new peers: those keep
    // routing, the ones whose construction already failed still lose their map.
    let g = raised_at("03:30");
    assert!(g.servers_ok > 0 && g.servers_failed > 0, "{g:?}");
    // Raised once every server had passed it: no map is saved, and only restarts help.
    let g = raised_at("05:00");
    assert_eq!(g.servers_ok, 0, "{g:?}");
}

#[test]
fn removing_the_capacity_after_the_crossing_still_needs_a_restart() {
    let s = Incident::scenario();
    let rec = Incident::run_without(&s, |w| matches!(w, Intervention::RestartServers { .. }));
    assert_eq!(
        kinesis_end(&rec),
        None,
        "Kinesis must stay impaired to the end without restarts"
    );
    // Yet every server is back under the limit soon after the removal.
    let g = rec.view_at(at(&s, "07:30")).gauges;
    assert!(g.threads_max <= g.thread_limit, "{g:?}");
    assert!(first_event(&rec, |k| matches!(k, EventKind::BackUnderLimit { .. })).is_some());
    // Removed before any server passed the limit, there is no outage.
    assert!(run(&s, removing_at(&s, "03:00"))
        .impairments_of(Service::Kinesis)
        .is_empty());
    // Removed soon after the first servers passed it, long before any map expired: their
    // constructions have failed, so Kinesis still fails and still needs the restart.
    let crossed = first_event(&rec, |k| matches!(k, EventKind::ThreadLimitExceeded { .. }))
        .expect("the limit is crossed");
    assert!(crossed < at(&s, "03:30"), "{}", s.clock(crossed));
    let early = run(&s, removing_at(&s, "03:30"));
    assert!(!early.impairments_of(Service::Kinesis).is_empty());
    let mut i = removing_at(&s, "03:30");
    i.script
        .retain(|t| !matches!(t.what, Intervention::RestartServers { .. }));
    assert_eq!(kinesis_end(&run(&s, i)), None);
}

/// The incident's recovery, and a run restarting `per_hour` servers an hour instead, whose
/// builds starve.
fn restarted_at(per_hour: u64) -> (Scenario, SimTime, Recording) {
    let s = Incident::scenario();
    let paced = kinesis_end(&Incident::default_run(&s)).expect("recovers");
    let rec = run(&s, restarting_at(&s, per_hour));
    assert!(first_event(&rec, |k| matches!(k, EventKind::BuildsStarved { .. })).is_some());
    (s, paced, rec)
}

#[test]
fn restarting_faster_than_a_few_hundred_an_hour_starves_builds_and_gains_no_hours() {
    let (s, paced, fast) = restarted_at(1_000);
    assert!(fast.view_at(at(&s, "10:30")).gauges.servers_removed > 0);
    let end = kinesis_end(&fast);
    assert!(
        end.is_none_or(|e| e.plus(3_600_000) > paced),
        "1,000 an hour is not an hour or more sooner: {end:?} vs {paced:?}"
    );
    // It is the starvation that costs: were the fleet able to spare every build, 1,000 an hour
    // would be hours sooner.
    let mut i = restarting_at(&s, 1_000);
    i.params.build_concurrency = 100_000;
    let free = kinesis_end(&run(&s, i)).expect("recovers");
    assert!(free.plus(3 * 3_600_000) < paced, "{free:?} vs {paced:?}");
}

#[test]
fn restarting_every_server_at_once_recovers_later_than_a_few_hundred_an_hour() {
    let (_, paced, rec) = restarted_at(100_000);
    let all_at_once = kinesis_end(&rec);
    assert!(
        all_at_once.is_none_or(|t| t > paced),
        "{all_at_once:?} vs {paced:?}"
    );
}

#[test]
fn restarting_without_removing_the_capacity_never_recovers() {
    // Rebuilt maps cannot complete while the fleet is over the limit.
    let s = Incident::scenario();
    let i = Incident::without(&s, |w| matches!(w, Intervention::RemoveCapacity { .. }));
    assert_eq!(kinesis_end(&run(&s, i)), None);
}

#[test]
fn bootstrapping_from_the_metadata_store_lets_restarts_go_faster() {
    let s = Incident::scenario();
    // From the restart's start rather than from noon, at a rate the shorter builds sustain.
    let rate = 450;
    let peers_until_noon = kinesis_end(&run(&s, restarting_at(&s, rate))).expect("recovers");
    let mut i = restarting_at(&s, rate);
    i.script
        .retain(|t| t.what != Intervention::BootstrapFromMetadata);
    let pos = i
        .script
        .iter()
        .position(|t| t.at > at(&s, "09:39"))
        .unwrap();
    i.script.insert(
        pos,
        Timed {
            at: at(&s, "09:39"),
            what: Intervention::BootstrapFromMetadata,
            incident: false,
        },
    );
    let metadata = kinesis_end(&run(&s, i)).expect("recovers");
    assert!(
        metadata < peers_until_noon,
        "{metadata:?} {peers_until_noon:?}"
    );
    // Without the metadata store at all, 450 an hour starves the peer builds.
    let mut i = restarting_at(&s, rate);
    i.script
        .retain(|t| t.what != Intervention::BootstrapFromMetadata);
    let peers = run(&s, i);
    assert!(first_event(&peers, |k| matches!(k, EventKind::BuildsStarved { .. })).is_some());
    assert!(kinesis_end(&peers).is_none_or(|e| e > metadata));
}

#[test]
fn fewer_larger_servers_and_a_cellular_front_end_stay_under_the_limit() {
    let (s, rec) = Incident::as_it_happened();
    let early = at(&s, "02:40");
    for fix in [Intervention::LargerServers, Intervention::Cellularize] {
        let f = rec.fork(early, fix.clone()).unwrap();
        assert!(f.impairments_of(Service::Kinesis).is_empty(), "{fix:?}");
        let g = f.view_at(at(&s, "05:00")).gauges;
        let before = rec.view_at(at(&s, "05:00")).gauges;
        assert!(g.threads_max < before.threads_max, "{fix:?}: {g:?}");
    }
}

/// The incident with `fix` in place from 2:40 AM, before the capacity addition.
fn from_the_start(fix: Intervention) -> Recording {
    let (s, rec) = Incident::as_it_happened();
    rec.fork(at(&s, "02:40"), fix).unwrap()
}

#[test]
fn cloudwatch_on_its_own_fleet_is_unaffected_while_kinesis_fails() {
    let f = from_the_start(Intervention::CloudWatchOwnFleet);
    assert!(f.impairments_of(Service::CloudWatch).is_empty());
    assert!(f.impairments_of(Service::AutoScaling).is_empty());
    assert!(
        f.impairments_of(Service::Lambda).is_empty(),
        "no buffered metrics, no contention"
    );
    assert!(!f.impairments_of(Service::Kinesis).is_empty());
}

#[test]
fn cognito_tolerating_kinesis_errors_keeps_sign_in_and_the_status_tool() {
    let f = from_the_start(Intervention::CognitoToleratesErrors);
    assert!(f.impairments_of(Service::Cognito).is_empty());
    assert!(f.impairments_of(Service::StatusPage).is_empty());
    assert!(!f.impairments_of(Service::Kinesis).is_empty());
}

#[test]
fn deploying_cognitos_change_earlier_ends_its_impact_earlier() {
    let s = Incident::scenario();
    let incident = Incident::default_run(&s);
    let mut i = Incident::inputs(&s);
    i.script
        .retain(|t| t.what != Intervention::CognitoToleratesErrors);
    let pos = i
        .script
        .iter()
        .position(|t| t.at > at(&s, "08:00"))
        .unwrap();
    i.script.insert(
        pos,
        Timed {
            at: at(&s, "08:00"),
            what: Intervention::CognitoToleratesErrors,
            incident: false,
        },
    );
    let earlier = run(&s, i);
    let end = |r: &Recording| span(r, Service::Cognito).unwrap().1.expect("recovers");
    // The change reaches every web server sooner, so Cognito is normal sooner, by about as
    // much as it was deployed earlier; Kinesis fails as before.
    assert!(end(&earlier).plus(2 * 3_600_000) <= end(&incident));
    assert!(end(&earlier) < at(&s, "14:18"));
    assert_eq!(
        span(&earlier, Service::Kinesis),
        span(&incident, Service::Kinesis)
    );
    // The status page's tool signs in through Cognito: it recovers no later.
    let status = |r: &Recording| span(r, Service::StatusPage).unwrap().1.unwrap();
    assert!(status(&earlier) <= status(&incident));
}
