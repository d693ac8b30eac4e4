//! What-ifs of pausing an Enactor by hand in the 2025 outage: a paused Enactor holds its plan,
//! checked for freshness once, before the pause; resumed after the others' clean-up deleted that
//! plan, it writes it all the same. With the re-check of freshness the same pause is harmless.
use crate::helpers::*;
use outage_sim::models::aws_2025_10_us_east_1::*;
use outage_sim::{Scenario, SimTime};

/// First instant after `from` (to the second) at which Enactor A is part-way through a plan.
fn enactor_a_mid_plan(rec: &Recording, from: outage_sim::SimTime) -> outage_sim::SimTime {
    (0..600)
        .map(|k| outage_sim::SimTime(from.ms() + k * 1000))
        .find(|at| {
            let e = &rec.view_at(*at).gauges.enactors[0];
            e.applying && e.step.is_some_and(|step| step >= 1)
        })
        .expect("Enactor A applies a plan within ten minutes")
}

fn pause_a_mid_plan_for(s: &Scenario, secs: u64) -> Recording {
    let base = run(s, quiet(s));
    let at = enactor_a_mid_plan(&base, t(s, "2025-10-19T23:35:00-07:00"));
    let mut inputs = base.inputs.clone();
    inputs.script.insert(
        0,
        Timed {
            at,
            what: Intervention::PauseEnactor { enactor: 0 },
            incident: false,
        },
    );
    let resume = outage_sim::SimTime(at.ms() + secs * 1000);
    inputs.script.insert(
        1,
        Timed {
            at: resume,
            what: Intervention::ResumeEnactor { enactor: 0 },
            incident: false,
        },
    );
    run(s, inputs)
}

fn enactor_a_did(rec: &Recording, what: impl Fn(&EventKind) -> bool) -> bool {
    rec.log
        .entries
        .iter()
        .any(|e| e.node == Service::EnactorA && e.kind.event().is_some_and(&what))
}

#[test]
fn a_paused_enactor_holds_its_plan_and_writes_it_stale_when_resumed() {
    let s = scenario();
    let rec = pause_a_mid_plan_for(&s, 30);
    assert!(enactor_a_did(&rec, |k| matches!(
        k,
        EventKind::StaleOverwrite { .. }
    )));
    // Its plan was still within the generations clean-up keeps: nothing was emptied.
    assert_eq!(regional_emptied(&rec), None);
}

/// Entries of Enactor A's stale writes: (endpoint, whether the write revived a deleted plan).
fn stale_writes(rec: &Recording) -> Vec<(Endpoint, bool)> {
    rec.log
        .entries
        .iter()
        .filter(|e| e.node == Service::EnactorA)
        .filter_map(|e| match e.kind.event() {
            Some(EventKind::StaleOverwrite {
                endpoint, revived, ..
            }) => Some((*endpoint, *revived)),
            _ => None,
        })
        .collect()
}

fn records_emptied(rec: &Recording) -> usize {
    rec.log
        .entries
        .iter()
        .filter(|e| matches!(e.kind.event(), Some(EventKind::RecordEmptied { .. })))
        .count()
}

#[test]
fn pausing_an_enactor_mid_plan_and_resuming_it_after_the_clean_up_makes_the_race() {
    let s = scenario();
    // Paused long enough for the others' clean-up to delete the plan A holds: A, resumed,
    // writes it anyway (its one freshness check was before the pause), and the next clean-up
    // deletes the plan those records now point at: they are empty.
    let rec = pause_a_mid_plan_for(&s, 600);
    assert!(stale_writes(&rec).iter().any(|(_, revived)| *revived));
    assert!(records_emptied(&rec) > 0, "a record empties");
    let emptied = first_entry(&rec, |k| matches!(k, EventKind::RecordEmptied { .. }))
        .unwrap()
        .at;
    let why: Vec<String> = why_words(&rec, Service::Route53, SimTime(emptied.ms() + 1_000));
    assert!(
        why.iter().any(|w| w.contains("Pause Enactor A")),
        "why is Route 53 red? {why:?}"
    );
    // With the announced re-check of freshness at every endpoint, the same pause is harmless.
    let checked = run(&s, with_recheck(&rec.inputs));
    assert_eq!(records_emptied(&checked), 0);
    assert!(enactor_a_did(&checked, |k| matches!(
        k,
        EventKind::StaleSkipped { .. }
    )));
}

/// First instant from `from` (to a tenth of a second) at which Enactors B and C have both
/// written the plan they apply to the regional endpoint and are still applying the rest of it:
/// what AWS describes, the second Enactor about to clean up.
fn others_past_the_regional_endpoint(rec: &Recording, from: SimTime) -> SimTime {
    (0..6_000u64)
        .map(|k| SimTime(from.ms() + k * 100))
        .find(|at| {
            let g = rec.view_at(*at).gauges;
            g.enactors[1..].iter().all(|e| {
                e.applying && !e.regional_pending && g.records[0].gen == e.gen && !e.paused
            })
        })
        .expect("B and C apply a plan within ten minutes")
}

#[test]
fn paused_before_the_regional_endpoint_the_resumed_enactor_empties_dynamodbs_record() {
    let (s, rec) = as_it_happened();
    // Slowed from 11:46:25 PM, Enactor A waits before each endpoint of the next plan it picks
    // up, the regional one after nine others. Paused while it waits for the regional one, it
    // holds that plan; the others' clean-up deletes it.
    let slowed = t(&s, "2025-10-19T23:46:25-07:00").ms();
    let waiting = (0..600u64)
        .map(|k| SimTime(slowed + k * 1000))
        .find(|at| {
            let e = &rec.view_at(*at).gauges.enactors[0];
            e.applying && e.endpoint == Some(Endpoint::Regional)
        })
        .expect("A picks up a plan while slowed");
    let pause_at = SimTime(waiting.ms() + 1000);
    let mut inputs = rec.inputs.clone();
    inputs
        .script
        .retain(|x| !matches!(x.what, Intervention::ResumeEnactor { .. }));
    let pos = inputs.script.partition_point(|x| x.at <= pause_at);
    inputs.script.insert(
        pos,
        Timed {
            at: pause_at,
            what: Intervention::PauseEnactor { enactor: 0 },
            incident: false,
        },
    );
    let paused = run(&s, inputs);
    assert_eq!(regional_emptied(&paused), None, "no race while A is paused");
    let g = &paused
        .view_at(SimTime(pause_at.ms() + 60_000))
        .gauges
        .enactors[0];
    assert!(
        g.paused && g.endpoint == Some(Endpoint::Regional) && g.regional_pending,
        "{g:?}"
    );
    // Resumed at 11:52 PM, the moment the others have written a newer plan to the regional
    // endpoint and are finishing theirs, A writes its deleted plan there (its freshness check
    // long stale), and their clean-up deletes it again: the record is empty.
    let resume_at = others_past_the_regional_endpoint(&paused, t(&s, "2025-10-19T23:52:00-07:00"));
    let resumed = paused
        .fork(resume_at, Intervention::ResumeEnactor { enactor: 0 })
        .unwrap();
    assert!(stale_writes(&resumed)
        .iter()
        .any(|(endpoint, _)| *endpoint == Endpoint::Regional));
    let emptied = regional_emptied(&resumed).expect("the regional record empties");
    assert!(
        emptied > resume_at && minutes_apart(emptied, resume_at) < 1,
        "resumed at {}, emptied at {}",
        s.clock(resume_at),
        s.clock(emptied)
    );
    let why: Vec<String> = why_words(
        &resumed,
        Service::DynamoDb,
        SimTime(emptied.ms() + 5 * 60_000),
    );
    assert!(
        why.iter().any(|w| w.contains("Pause Enactor A")),
        "why is DynamoDB red? {why:?}"
    );
    assert_eq!(
        regional_emptied(&run(&s, with_recheck(&resumed.inputs))),
        None
    );
}

#[test]
fn pausing_enactor_a_at_1140_pm_holds_back_the_regional_endpoint_until_the_script_resumes_it() {
    let (s, rec) = as_it_happened();
    let at = t(&s, "2025-10-19T23:40:00-07:00");
    let forked = rec
        .fork(at, Intervention::PauseEnactor { enactor: 0 })
        .unwrap();
    assert!(regional_emptied(&rec).is_some());
    // Paused at 11:40 PM, Enactor A sits out the delay the incident began with, holding a plan
    // it has not yet sent to the regional endpoint. There is no race at 11:48 PM; when the
    // script resumes it at 11:52 PM the others' clean-up has deleted that plan, A writes it to
    // the regional endpoint all the same, and the next clean-up empties the record.
    let a = &forked.view_at(at.plus(60_000)).gauges.enactors[0];
    assert!(a.paused && a.regional_pending, "{a:?}");
    let resumed = t(&s, "2025-10-19T23:52:00-07:00");
    let emptied = regional_emptied(&forked).expect("the race comes when A is resumed");
    assert!(
        emptied > resumed && minutes_apart(emptied, resumed) < 1,
        "{}",
        s.clock(emptied)
    );
    assert!(stale_writes(&forked)
        .iter()
        .any(|(endpoint, _)| *endpoint == Endpoint::Regional));
    // With the re-check the same pause is harmless.
    assert_eq!(
        regional_emptied(&run(&s, with_recheck(&forked.inputs))),
        None
    );
}
