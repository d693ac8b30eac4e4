//! What-if runs the real event never had: each changes one thing and checks what emerges.
use outage_sim::models::aws_2025_10_us_east_1::*;
mod common;
use common::*;
use outage_sim::{Scenario, SimTime};

fn no_impairment(rec: &Recording, svc: Service) -> bool {
    rec.impairments_of(svc).is_empty()
}

#[test]
fn without_the_enactor_delay_there_is_no_outage() {
    let s = scenario();
    let rec = run(&s, quiet(&s));
    assert_eq!(regional_emptied(&rec), None);
    for svc in [
        Service::DynamoDb,
        Service::Dwfm,
        Service::Ec2Launch,
        Service::Nlb,
        Service::Lambda,
        Service::Sts,
    ] {
        assert!(
            no_impairment(&rec, svc),
            "{} impaired without the delay",
            svc.name()
        );
    }
    assert_eq!(
        responses(&rec),
        [],
        "nothing for the operators to respond to"
    );
}

fn with_mitigation_from_start(m: Mitigation) -> Recording {
    let s = scenario();
    let mut inputs = default_inputs(&s, outage_sim::DEFAULT_SEED);
    inputs.script.insert(
        0,
        Timed {
            at: t(&s, "2025-10-19T23:40:00-07:00"),
            what: Intervention::Enable { mitigation: m },
            incident: false,
        },
    );
    run(&s, inputs)
}

#[test]
fn re_checking_freshness_at_apply_time_prevents_the_outage() {
    let rec = with_mitigation_from_start(Mitigation::RecheckFreshness);
    assert_eq!(regional_emptied(&rec), None);
    assert!(no_impairment(&rec, Service::DynamoDb));
    // The slow Enactor still runs: it now skips endpoints that already have newer plans.
    assert!(any_event(&rec, |k| matches!(
        k,
        EventKind::StaleSkipped { .. }
    )));
}

#[test]
fn clean_up_that_keeps_the_active_plan_prevents_the_outage() {
    let rec = with_mitigation_from_start(Mitigation::CleanupKeepsActivePlan);
    assert_eq!(regional_emptied(&rec), None);
    assert!(no_impairment(&rec, Service::DynamoDb));
    assert!(any_event(&rec, |k| matches!(
        k,
        EventKind::StaleOverwrite { .. }
    )));
}

/// The incident without the operators' responses, DNS restored by hand at 2:25 AM as they did.
fn dns_restored_by_hand(s: &Scenario) -> RunInputs {
    let inputs = operators_off(default_inputs(s, outage_sim::DEFAULT_SEED));
    with(
        s,
        inputs,
        "2025-10-20T02:25:00-07:00",
        Intervention::RestoreRecord { endpoint: None },
    )
}

#[test]
fn without_operator_throttle_and_restarts_dwfm_is_still_collapsed_at_the_end() {
    let s = scenario();
    let rec = run(&s, dns_restored_by_hand(&s));
    assert!(any_event(&rec, |k| matches!(
        k,
        EventKind::CongestiveCollapse { .. }
    )));
    let (_, end) = span(&rec, Service::Dwfm).unwrap();
    assert_eq!(end, None, "DWFM should still be impaired at 3:30 PM");
    let last = rec.samples.last().unwrap();
    assert_eq!(last.gauges.goodput_per_min, 0, "no forward progress");
    assert!(
        last.gauges.leased * 10 < last.gauges.droplets,
        "most droplets still without a lease"
    );
}

#[test]
fn throttling_alone_does_not_end_the_collapse_restarts_are_needed() {
    let s = scenario();
    let throttled = with(
        &s,
        dns_restored_by_hand(&s),
        "2025-10-20T04:14:00-07:00",
        Intervention::ThrottleDwfmIntake,
    );
    let rec = run(&s, throttled.clone());
    assert_eq!(span(&rec, Service::Dwfm).unwrap().1, None);
    // With the restarts as well, as the operators did, the collapse ends.
    let restarted = with(
        &s,
        throttled,
        "2025-10-20T04:14:00-07:00",
        Intervention::RestartDwfmHosts,
    );
    assert!(span(&run(&s, restarted), Service::Dwfm)
        .unwrap()
        .1
        .is_some());
}

#[test]
fn disabling_nlb_failover_earlier_ends_nlb_errors_earlier() {
    let s = scenario();
    let inputs = with(
        &s,
        default_inputs(&s, outage_sim::DEFAULT_SEED),
        "2025-10-20T07:00:00-07:00",
        Intervention::SetNlbAutoFailover { enabled: false },
    );
    let early = run(&s, inputs);
    let base = default_run(&s);
    let (_, early_end) = span(&early, Service::Nlb).unwrap();
    let (_, base_end) = span(&base, Service::Nlb).unwrap();
    assert!(early_end.unwrap() < base_end.unwrap());
    assert!(minutes_apart(early_end.unwrap(), t(&s, "2025-10-20T07:00:00-07:00")) <= 1);
    // Capacity is back before the operators' response falls due: they have nothing to turn
    // off, and nothing of theirs to turn on again.
    let failover = |r: &Recording| {
        responses(r)
            .into_iter()
            .filter(|(_, w)| matches!(w, Intervention::SetNlbAutoFailover { .. }))
            .count()
    };
    assert_eq!(failover(&base), 2);
    assert_eq!(failover(&early), 0);
    let last = early.samples.last().unwrap();
    assert!(!last.gauges.nlb_auto_failover, "the person's choice stands");
}

#[test]
fn the_nlb_velocity_limit_bounds_the_capacity_failover_removes() {
    let rec = with_mitigation_from_start(Mitigation::NlbFailoverVelocityLimit);
    let base = default_run(&scenario());
    let min_cap = |r: &Recording| {
        r.samples
            .iter()
            .map(|v| v.gauges.nlb_capacity_permille)
            .min()
            .unwrap()
    };
    assert!(min_cap(&rec) > min_cap(&base));
    assert!(min_cap(&rec) >= 1000 - Params::default().velocity_limit_permille as u32);
}

#[test]
fn jittered_backoff_shortens_the_collapse() {
    let s = scenario();
    let base = default_run(&s);
    let mut inputs = default_inputs(&s, outage_sim::DEFAULT_SEED);
    inputs.params.client_retry = RetryPolicy::BackoffJitter;
    let jitter = run(&s, inputs);
    let end = |r: &Recording| span(r, Service::Dwfm).unwrap().1.unwrap();
    assert!(
        end(&jitter) < end(&base),
        "jitter {} vs immediate {}",
        s.clock(end(&jitter)),
        s.clock(end(&base))
    );
    // And it recovers without any operator action but DNS restored.
    let mut inputs = dns_restored_by_hand(&s);
    inputs.params.client_retry = RetryPolicy::BackoffJitter;
    assert!(span(&run(&s, inputs), Service::Dwfm).unwrap().1.is_some());
}

#[test]
fn deleting_the_record_by_hand_starts_the_cascade_and_only_an_operator_restores_it() {
    let s = scenario();
    let deleted = with(
        &s,
        quiet(&s),
        "2025-10-19T23:40:00-07:00",
        Intervention::DeleteRecord {
            endpoint: Endpoint::Regional,
        },
    );
    let alone = run(&s, operators_off(deleted.clone()));
    let (from, to) = span(&alone, Service::DynamoDb).unwrap();
    assert!(minutes_apart(from, t(&s, "2025-10-19T23:40:00-07:00")) <= 2);
    assert_eq!(to, None, "no Enactor can repair the record");
    assert!(any_event(&alone, |k| matches!(
        k,
        EventKind::TransactionRejected { .. }
    )));
    // The operators restore it, as long after it emptied as they took in the incident.
    let rec = run(&s, deleted);
    let restored = responses(&rec)
        .into_iter()
        .find(|(_, w)| matches!(w, Intervention::RestoreRecord { .. }))
        .expect("the operators restore the record")
        .0;
    let delay = Params::default().dns_restore_after_ms;
    assert!(
        minutes_apart(restored, from.plus(delay)) <= 1,
        "{}",
        s.clock(restored)
    );
    let (_, to) = span(&rec, Service::DynamoDb).unwrap();
    assert!(to.is_some_and(|to| to > restored));
}

#[test]
fn the_log_explains_why_ec2_launches_fail() {
    let s = scenario();
    let rec = default_run(&s);
    let down = rec
        .log
        .entries
        .iter()
        .find(|e| e.node == Service::Ec2Launch && matches!(e.kind, EventKind::HealthChanged { .. }))
        .unwrap();
    let chain = rec.log.why(down.id);
    let kinds: Vec<String> = chain.iter().map(|e| format!("{:?}", e.kind)).collect();
    let text = kinds.join(" <- ");
    assert!(
        text.contains("LeasesExpiring") || text.contains("StateChecksFailing"),
        "{text}"
    );
    assert!(text.contains("RecordEmptied"), "{text}");
    assert!(text.contains("StaleOverwrite"), "{text}");
    // The root is the incident's trigger, not a person's intervention.
    assert!(
        chain
            .last()
            .map(|e| matches!(e.kind, EventKind::Incident { .. }))
            .unwrap_or(false),
        "{text}"
    );
}

#[test]
fn queue_size_based_throttling_avoids_the_collapse_without_operators() {
    let s = scenario();
    let inputs = with(
        &s,
        default_inputs(&s, outage_sim::DEFAULT_SEED),
        "2025-10-19T23:40:00-07:00",
        Intervention::Enable {
            mitigation: Mitigation::QueueSizeThrottling,
        },
    );
    let rec = run(&s, inputs);
    assert!(!any_event(&rec, |k| matches!(
        k,
        EventKind::CongestiveCollapse { .. }
    )));
    // No collapse, so no throttle and no restarts from the operators.
    assert!(!responses(&rec).iter().any(|(_, w)| matches!(
        w,
        Intervention::ThrottleDwfmIntake | Intervention::RestartDwfmHosts
    )));
    assert!(!any_event(&rec, |k| matches!(
        k,
        EventKind::DwfmHostRestarted { .. }
    )));
    let end = span(&rec, Service::Dwfm)
        .unwrap()
        .1
        .expect("DWFM recovers by itself");
    assert!(
        end < t(&s, "2025-10-20T04:14:00-07:00"),
        "recovered at {}",
        s.clock(end)
    );
}

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
        .any(|e| e.node == Service::EnactorA && what(&e.kind))
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
        .filter_map(|e| match e.kind {
            EventKind::StaleOverwrite {
                endpoint, revived, ..
            } => Some((endpoint, revived)),
            _ => None,
        })
        .collect()
}

fn records_emptied(rec: &Recording) -> usize {
    rec.log
        .entries
        .iter()
        .filter(|e| matches!(e.kind, EventKind::RecordEmptied { .. }))
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
    let emptied = rec
        .log
        .entries
        .iter()
        .find(|e| matches!(e.kind, EventKind::RecordEmptied { .. }))
        .unwrap()
        .at;
    let why: Vec<String> = rec
        .why_unhealthy(Service::Route53, SimTime(emptied.ms() + 1_000))
        .iter()
        .map(|e| e.describe())
        .collect();
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
    let s = scenario();
    let rec = default_run(&s);
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
    let why: Vec<String> = resumed
        .why_unhealthy(Service::DynamoDb, SimTime(emptied.ms() + 5 * 60_000))
        .iter()
        .map(|e| e.describe())
        .collect();
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
    let s = scenario();
    let rec = default_run(&s);
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

/// Lambda's impairments after DynamoDB recovered (its second window).
fn lambda_after_dynamodb(rec: &Recording, s: &Scenario) -> Vec<Impairment> {
    let dawn = t(s, "2025-10-20T04:00:00-07:00");
    rec.impairments_of(Service::Lambda)
        .into_iter()
        .filter(|w| w.from > dawn)
        .collect()
}

#[test]
fn lambda_is_under_scaled_only_once_failover_has_cost_it_more_than_its_headroom() {
    let s = scenario();
    let base = default_run(&s);
    let nlb_from = span(&base, Service::Nlb).unwrap().0;
    let under = lambda_after_dynamodb(&base, &s);
    let first = under.first().expect("NLB's failover under-scales Lambda");
    // Lambda's spare capacity absorbs the first hour or more of lost capacity.
    assert!(minutes_apart(first.from, nlb_from) >= 60, "{first:?}");
    // Without headroom, the same losses under-scale it as soon as capacity is failed away.
    let mut inputs = default_inputs(&s, outage_sim::DEFAULT_SEED);
    inputs.params.set("lambda_headroom_permille", 0).unwrap();
    let bare = run(&s, inputs);
    let bare_first = lambda_after_dynamodb(&bare, &s)[0].from;
    assert!(minutes_apart(bare_first, nlb_from) <= 15);
    // With the velocity control, failover removes too little to exhaust the headroom.
    let limited = with_mitigation_from_start(Mitigation::NlbFailoverVelocityLimit);
    assert!(lambda_after_dynamodb(&limited, &s).is_empty());
    assert!(!limited.impairments_of(Service::Nlb).is_empty());
}

#[test]
fn connect_recovers_before_lambda_by_the_share_of_its_requests_that_need_lambda() {
    let s = scenario();
    let end = |rec: &Recording, svc| span(rec, svc).unwrap().1.unwrap();
    let base = default_run(&s);
    assert!(end(&base, Service::Connect) < end(&base, Service::Lambda));
    // If every Connect request ran a function, Connect would be down as long as Lambda.
    let mut inputs = default_inputs(&s, outage_sim::DEFAULT_SEED);
    inputs
        .params
        .set("connect_lambda_share_permille", 1000)
        .unwrap();
    let all = run(&s, inputs);
    assert!(minutes_apart(end(&all, Service::Connect), end(&all, Service::Lambda)) <= 1);
}

fn launches_fail_from(rec: &Recording) -> SimTime {
    span(rec, Service::Ec2Launch).expect("launches fail").0
}

#[test]
fn launches_go_to_leased_droplets_with_room_until_the_last_leases_lapse() {
    let s = scenario();
    let base = default_run(&s);
    let leased_at = |rec: &Recording, at: SimTime| {
        rec.samples
            .iter()
            .find(|v| v.at >= at)
            .map(|v| v.gauges.leased)
            .unwrap()
    };
    let from = launches_fail_from(&base);
    // Most leases had lapsed well before launches started failing, and few were left then.
    let hour_before = from.minus(60 * 60_000);
    let droplets = Params::default().droplets;
    assert!(leased_at(&base, hour_before) < droplets / 2);
    assert!(
        leased_at(&base, from) < droplets / 10,
        "{}",
        leased_at(&base, from)
    );
    // With little room per droplet, the leased room runs out sooner.
    let mut inputs = default_inputs(&s, outage_sim::DEFAULT_SEED);
    inputs.params.set("launch_room_per_droplet", 2).unwrap();
    let cramped = run(&s, inputs);
    assert!(minutes_apart(launches_fail_from(&cramped), from) >= 10);
    assert!(launches_fail_from(&cramped) < from);
}

#[test]
fn hosts_busy_re_leasing_take_no_launches_even_on_leased_droplets() {
    let s = scenario();
    let base = default_run(&s);
    // 3 AM: DWFM is in collapse, a few thousand droplets hold leases, launches still fail.
    let at = t(&s, "2025-10-20T03:00:00-07:00");
    let v = base.samples.iter().find(|v| v.at >= at).unwrap();
    assert!(v.gauges.leased > 1_000, "{} leased", v.gauges.leased);
    assert!(v.gauges.dwfm_queue > 0);
    assert_eq!(v.gauges.launches_per_min, 0);
    // Restarting one host at a time in a quiet run costs no launch: others take them.
    let quiet = run(
        &s,
        with(
            &s,
            quiet(&s),
            "2025-10-20T04:14:00-07:00",
            Intervention::RestartDwfmHosts,
        ),
    );
    assert!(quiet.impairments_of(Service::Ec2Launch).is_empty());
    assert!(any_event(&quiet, |k| matches!(
        k,
        EventKind::DwfmHostRestarted { .. }
    )));
}

/// Launch requests customers make, and what the API's normal limit admits, at an instant.
fn api_demand_and_limit(rec: &Recording, at: SimTime) -> (u64, u64) {
    let v = rec.samples.iter().find(|v| v.at >= at).unwrap();
    (v.gauges.launch_requests_per_min, v.gauges.api_limit_per_min)
}

#[test]
fn the_api_fails_by_the_operators_throttle_not_by_customers_retries() {
    let s = scenario();
    let base = default_run(&s);
    let throttle = t(&s, "2025-10-20T04:14:00-07:00");
    // At 3:30 AM customers' retries ask for more than the normal limit admits...
    let (demand, limit) = api_demand_and_limit(&base, t(&s, "2025-10-20T03:30:00-07:00"));
    assert!(demand > limit, "{demand} requests/min vs limit {limit}");
    // ...yet the API is impaired only once operators throttle it.
    let (from, _) = span(&base, Service::Ec2Api).expect("the API is throttled");
    assert!(from >= throttle, "impaired from {}", s.clock(from));
    // Without the operators' throttle the same retry herd never impairs it.
    let unthrottled = run(
        &s,
        with(
            &s,
            dns_restored_by_hand(&s),
            "2025-10-20T04:14:00-07:00",
            Intervention::RestartDwfmHosts,
        ),
    );
    let (demand, limit) = api_demand_and_limit(&unthrottled, t(&s, "2025-10-20T05:00:00-07:00"));
    assert!(demand > limit, "{demand} requests/min vs limit {limit}");
    assert!(no_impairment(&unthrottled, Service::Ec2Api));
    // Throttled with few requests to refuse, it is not impaired either.
    let mut inputs = default_inputs(&s, outage_sim::DEFAULT_SEED);
    let low = inputs.params.api_throttled_limit_per_min / 4;
    inputs.params.set("launches_per_min", low).unwrap();
    inputs.params.set("launch_patience_ms", 60_000).unwrap();
    let quiet = run(&s, inputs);
    let late = t(&s, "2025-10-20T06:00:00-07:00");
    assert!(
        quiet
            .impairments_of(Service::Ec2Api)
            .iter()
            .all(|i| i.from < throttle || i.to.is_some_and(|to| to < late)),
        "{:?}",
        quiet.impairments_of(Service::Ec2Api)
    );
}
