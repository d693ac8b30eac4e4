//! The Kinesis outage of 25 November 2020: what must emerge from the model's state (thread
//! counts that grow with the fleet, maps that expire, restarts that compete with serving), the
//! what-ifs whose direction the sources settle (`whatifs.rs`), the run beside AWS's timeline with each boundary's tolerance
//! by source tag, the mechanism view of the threads and a link into the scenario. What every
//! model shares (golden digest, seek and fork, chapters, challenges, the work budget) is in
//! `tests/every_model`. `cargo test -p outage-sim --test aws_2020_11_us_east_1 [name]`.

#[path = "../common/mod.rs"]
mod common;

use common::{
    first, first_event, leading_number, minutes_apart as minutes, run, shown, span, why_words,
    within_minutes, Outage,
};
use outage_sim::engine::model::{Health, Timed};
use outage_sim::link::Link;
use outage_sim::mechanism::{Figure, Tone};
use outage_sim::models::aws_2020_11_us_east_1::*;
use outage_sim::presentation::reality::compare;
use outage_sim::{Scenario, SimTime};

type Incident = Outage<Region>;

mod record;
mod whatifs;

fn at(s: &Scenario, hm: &str) -> SimTime {
    s.at(&format!("2020-11-25T{hm}:00-08:00"))
        .expect("in window")
}
/// The default inputs with the operators' restart at `per_hour` instead of their pace.
fn restarting_at(s: &Scenario, per_hour: u64) -> RunInputs {
    replacing(
        s,
        &RESTART,
        Intervention::RestartServers {
            per_hour: Some(per_hour),
        },
    )
}
/// When Kinesis is back, if it is.
fn kinesis_end(r: &Recording) -> Option<SimTime> {
    span(r, Service::Kinesis).unwrap().1
}
/// The default inputs with one scripted intervention swapped for another.
fn replacing(s: &Scenario, old: &Intervention, new: Intervention) -> RunInputs {
    let mut i = Incident::inputs(s);
    for t in &mut i.script {
        if t.what == *old {
            t.what = new.clone();
        }
    }
    i
}
const RESTART: Intervention = Intervention::RestartServers { per_hour: None };

#[test]
fn the_capacity_addition_pushes_servers_past_the_limit_and_their_maps_fail_later() {
    let (s, rec) = Incident::as_it_happened();
    let p = Params::default();
    // Before the addition no server is near the limit; after every server learned of it, every
    // server is over it: the limit is crossed by the fleet's growth, not set by a time.
    let before = rec.view_at(at(&s, "02:40")).gauges;
    assert!(before.threads_max <= p.thread_limit, "{before:?}");
    let learned = rec.view_at(at(&s, "05:10")).gauges;
    assert!(learned.threads_max > p.thread_limit);
    assert_eq!(learned.servers_unrebuilt, learned.servers_ok, "{learned:?}");
    let crossed = first_event(&rec, |k| matches!(k, EventKind::ThreadLimitExceeded { .. }))
        .expect("the limit is crossed");
    assert!(crossed > at(&s, "02:44") && crossed < at(&s, "03:47"));
    // Over the limit, the maps still work for a while: Kinesis is healthy an hour later.
    assert_eq!(
        rec.view_at(crossed.plus(3_600_000)).health[Service::Kinesis.index()],
        Health::Healthy
    );
    // Then the failures spread cohort by cohort until no server routes; the back end is fine.
    let mid = rec.view_at(at(&s, "07:00"));
    assert_eq!(mid.gauges.servers_ok, 0, "{:?}", mid.gauges);
    assert!(mid.gauges.servers_failed as f64 > 0.95 * p.frontend_servers as f64);
    assert!(rec.impairments_of(Service::Backend).is_empty());
    assert!(rec.impairments_of(Service::Membership).is_empty());
    // "Why is Kinesis red?" leads back to the capacity addition.
    let words = why_words(&rec, Service::Kinesis, at(&s, "07:00"));
    assert!(words.iter().any(|w| w.contains("useless")), "{words:?}");
    assert!(
        words
            .iter()
            .any(|w| w.contains("Add 200 front-end servers")),
        "{words:?}"
    );
}

#[test]
fn restarted_servers_serve_only_after_building_their_map_and_recovery_is_gradual() {
    let (s, rec) = Incident::as_it_happened();
    let first = first_event(&rec, |k| matches!(k, EventKind::RestartedServing { .. })).unwrap();
    let p = Params::default();
    assert!(minutes(first, at(&s, "09:39")) + 1 >= p.peer_build_ms / 60_000);
    // Errors fall steadily as servers come back, not at once.
    let e = |hm| {
        rec.view_at(at(&s, hm))
            .error_share(Service::Kinesis.index())
    };
    assert!(e("12:00") > e("15:00") && e("15:00") > e("19:00") && e("19:00") > e("22:00"));
    assert!(e("15:00") > 0.2 && e("15:00") < 0.95, "{}", e("15:00"));
}

#[test]
fn a_restart_rate_the_person_sets_stands_and_the_scripts_later_one_is_skipped_with_a_word() {
    use outage_sim::log::EntryKind;
    let s = Incident::scenario();
    let incident = Incident::default_run(&s);
    let fork = incident
        .fork(
            at(&s, "09:00"),
            Intervention::RestartServers {
                per_hour: Some(450),
            },
        )
        .expect("fork");
    let script_at = at(&s, "09:39");
    // The person's rate holds after the script's own step at 9:39 AM.
    assert_eq!(fork.view_at(at(&s, "10:00")).gauges.restart_per_hour, 450);
    let skipped: Vec<_> = fork
        .log
        .entries
        .iter()
        .filter(|e| matches!(e.kind, EntryKind::Skipped { .. }))
        .collect();
    assert_eq!(skipped.len(), 1, "the script's one restart step is skipped");
    assert_eq!(skipped[0].at, script_at);
    let said = skipped[0].kind.describe("Front-end fleet");
    assert!(
        said.contains("skipped") && said.contains("450"),
        "the log says which choice stands: {said}"
    );
    // An action the script repeats is not a setting: the person's capacity removal does not
    // skip the operators' own.
    let removed = incident
        .fork(
            at(&s, "05:00"),
            Intervention::RemoveCapacity { servers: 200 },
        )
        .expect("fork");
    assert!(!removed
        .log
        .entries
        .iter()
        .any(|e| matches!(e.kind, EntryKind::Skipped { .. })));
    // 450 an hour, still "a few hundred", recovers sooner than the operators' pace.
    let end = |r: &Recording| kinesis_end(r).expect("recovers");
    assert!(end(&fork) < end(&incident));
}

#[test]
fn dependents_fail_by_their_own_mechanisms() {
    let (s, rec) = Incident::as_it_happened();
    // Lambda's contention comes from buffered metrics: without the operators' mitigation it
    // lasts until CloudWatch takes metrics again and the buffers drain.
    let unmitigated = Incident::run_without(&s, |w| *w == Intervention::MitigateLambdaMemory);
    let (_, end) = span(&unmitigated, Service::Lambda).unwrap();
    assert!(end.is_none_or(|e| e > at(&s, "16:00")), "{end:?}");
    // Cognito blocks only once its buffers fill: a while after Kinesis fails (`record.rs`).
    let k = span(&rec, Service::Kinesis).unwrap().0;
    let c = span(&rec, Service::Cognito).unwrap().0;
    assert!(c > k && minutes(c, k) >= 30, "{k:?} {c:?}");
    // Without its fix Cognito stays blocked while Kinesis is still failing.
    let unfixed = Incident::run_without(&s, |w| *w == Intervention::CognitoToleratesErrors);
    assert!(span(&unfixed, Service::Cognito)
        .unwrap()
        .1
        .is_none_or(|e| e > at(&s, "18:00")));
    // The status page cannot post while Cognito fails, until the backup tool is used.
    let sp = span(&rec, Service::StatusPage).unwrap();
    assert_eq!(sp.0, c);
    assert_eq!(sp.1, Some(at(&s, "09:52")));
    // ECS/EKS waits on EventBridge deliveries: it recovers before Kinesis is fully back.
    let ecs = span(&rec, Service::Ecs).unwrap().1.unwrap();
    assert!(ecs < span(&rec, Service::Kinesis).unwrap().1.unwrap());
}

/// Tolerance by the reference's tag: AWS's own words (P, Q) and write-ups that agree (S2)
/// within 10 minutes, a single write-up (S1) within 30.
fn tolerance(tag: &str) -> u64 {
    match tag {
        "P" | "Q" | "S2" => 10,
        _ => 30,
    }
}

#[test]
fn every_reference_window_lines_up_within_its_tolerance() {
    let (s, rec) = Incident::as_it_happened();
    let rows = compare(&s, &rec.impairments_by_ref());
    assert_eq!(rows.len(), s.file.windows.len());
    let mut wrong = Vec::new();
    for r in &rows {
        let id = s
            .file
            .windows
            .iter()
            .find(|w| s.node(&w.service) == Some(r.service))
            .unwrap();
        let Some((from, to)) = r.simulated else {
            wrong.push(format!("{} not impaired", id.service));
            continue;
        };
        // Lambda's end is the operators' scripted mitigation: it says nothing of the model.
        let scripted_end = id.service == "lambda";
        if !within_minutes(from, r.reference.0, tolerance(&r.tag)) {
            wrong.push(format!(
                "{} starts {} vs {}",
                id.service,
                s.clock(from),
                s.clock(r.reference.0)
            ));
        }
        match to {
            Some(to)
                if scripted_end || within_minutes(to, r.reference.1, tolerance(&r.end_tag)) => {}
            to => wrong.push(format!(
                "{} ends {to:?} vs {}",
                id.service,
                s.clock(r.reference.1)
            )),
        }
    }
    // Reference instants the model has a mechanism for, beside the windows.
    let first_serving =
        first_event(&rec, |k| matches!(k, EventKind::RestartedServing { .. })).unwrap();
    if !within_minutes(first_serving, at(&s, "10:07"), tolerance("S2")) {
        wrong.push(format!(
            "first restarted servers serve at {}",
            s.clock(first_serving)
        ));
    }
    let ecs_end = span(&rec, Service::Ecs).unwrap().1.unwrap();
    if !within_minutes(ecs_end, at(&s, "16:15"), tolerance("S1")) {
        wrong.push(format!("ECS/EKS recovers at {}", s.clock(ecs_end)));
    }
    let eb = span(&rec, Service::EventBridge).unwrap().0;
    if !within_minutes(eb, at(&s, "05:15"), tolerance("S1")) {
        wrong.push(format!("EventBridge errors begin at {}", s.clock(eb)));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_link_opens_this_scenario_at_a_moment_with_a_what_if() {
    let link = "#v=1&scenario=aws-2020-11-us-east-1&seed=1&t=06:30:00&node=frontend&script=02:44:00~add-capacity.200;03:00:00~remove-capacity.200";
    let (d, s) = Link::decode(link, |id| Scenario::builtin(id).ok()).unwrap();
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    assert_eq!(s.id(), ID);
    assert_eq!(d.link.t, at(&s, "06:30"));
    assert_eq!(d.link.node.map(|n| n.id()), Some("frontend"));
    let r = outage_sim::run(&s, &d.link.inputs(&s)).unwrap();
    // Removed before any server passed the limit: the what-if has no outage, the incident had one.
    assert!(r.impairments().iter().all(|w| w.service.id() != "kinesis"));
    let bad = "#v=1&scenario=aws-2020-11-us-east-1&script=02:44:00~add-capacity.0";
    let (d, _) = Link::decode(bad, |id| Scenario::builtin(id).ok()).unwrap();
    assert!(!d.problems.is_empty());
}

#[test]
fn kinesis_threads_pass_the_limit_as_the_fleet_learns_of_the_new_capacity() {
    let threads = shown(ID, "threads", "2020-11-25T04:40:00-08:00");
    let grown = first(threads.lane("Membership"), Tone::Working, "new capacity")
        .expect("capacity is added");
    let over = first(
        threads.lane("Threads on a server"),
        Tone::Strained,
        "over the thread limit",
    )
    .expect("servers pass the limit");
    assert!(
        grown < over,
        "the limit is passed after the capacity is added"
    );
    let now = threads.now();
    let Figure::Against { value, limit, .. } = &now.figures[0] else {
        panic!("threads against the limit")
    };
    assert_eq!(
        (*value, *limit),
        (
            leading_number(&threads.detail("frontend", "Most threads on a server")),
            leading_number(&threads.detail("frontend", "OS thread limit"))
        )
    );
    assert!(value > limit);
    let Figure::Population { parts, .. } = &now.figures[1] else {
        panic!("the servers by state")
    };
    let members = leading_number(&threads.detail("frontend", "Servers in the fleet"));
    let counted: u64 = parts.iter().map(|p| p.count).sum();
    assert!(
        counted.abs_diff(members) <= 2,
        "every server once: {counted} of {members}"
    );
}
