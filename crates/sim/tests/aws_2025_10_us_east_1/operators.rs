//! AWS's operators respond to what happens in a run, each action after its delay from the
//! condition that prompted it. In the incident they act when AWS says they did; where the
//! condition never arises they do nothing; a race made by hand gets the incident's responses,
//! and with the responses switched off only the person's interventions act.
use crate::helpers::*;
use outage_sim::models::aws_2025_10_us_east_1::*;
use outage_sim::Scenario;

/// The incident's run: what the operators did, as AWS dates it (outages.md §1.8).
fn aws_actions() -> [(Intervention, &'static str); 8] {
    [
        (
            Intervention::InternalDnsWorkaround,
            "2025-10-20T01:15:00-07:00",
        ),
        (
            Intervention::RestoreRecord { endpoint: None },
            "2025-10-20T02:25:00-07:00",
        ),
        (
            Intervention::ThrottleDwfmIntake,
            "2025-10-20T04:14:00-07:00",
        ),
        (Intervention::RestartDwfmHosts, "2025-10-20T04:14:00-07:00"),
        (
            Intervention::RestoreLambdaSqsPoller,
            "2025-10-20T04:40:00-07:00",
        ),
        (
            Intervention::SetNlbAutoFailover { enabled: false },
            "2025-10-20T09:36:00-07:00",
        ),
        (Intervention::RelaxEc2Throttles, "2025-10-20T11:23:00-07:00"),
        (
            Intervention::SetNlbAutoFailover { enabled: true },
            "2025-10-20T14:09:00-07:00",
        ),
    ]
}

#[test]
fn in_the_incident_each_response_comes_when_aws_says_its_operators_acted() {
    let (s, rec) = as_it_happened();
    let made = responses(&rec);
    assert_eq!(made.len(), aws_actions().len(), "{made:?}");
    for (what, when) in aws_actions() {
        let at = made
            .iter()
            .find(|(_, w)| *w == what)
            .unwrap_or_else(|| panic!("{} is not made", what.label()))
            .0;
        assert!(
            at.ms().abs_diff(t(&s, when).ms()) <= 60_000,
            "{} at {}, AWS says {when}",
            what.label(),
            s.clock_seconds(at)
        );
    }
}

#[test]
fn the_incidents_own_events_are_logged_as_the_incidents_never_as_the_persons() {
    let (_, rec) = as_it_happened();
    assert!(first_engine_entry(&rec, |k| matches!(k, EntryKind::Intervention { .. })).is_none());
    let trigger = first_engine_entry(&rec, |k| matches!(k, EntryKind::Incident { .. }))
        .expect("the trigger is logged");
    assert_eq!(trigger.describe(), "As it happened: Delay Enactor A.");
    for e in &rec.log.entries {
        if let Some(EventKind::Response { .. }) = e.kind.event() {
            let text = e.describe();
            assert!(text.starts_with("Operators: "), "{text}");
            // Each response is explained by what prompted it, back to the trigger.
            let chain = rec.log.why(e.id);
            assert!(
                chain
                    .last()
                    .is_some_and(|root| matches!(root.kind, EntryKind::Incident { .. })),
                "{text}: {:?}",
                chain.iter().map(|c| c.describe()).collect::<Vec<_>>()
            );
        }
    }
    let throttle = rec
        .log
        .entries
        .iter()
        .map(|e| e.describe())
        .find(|d| d.contains("throttle DWFM intake"))
        .unwrap();
    assert_eq!(
        throttle,
        "Operators: throttle DWFM intake and EC2 launch requests (response to DWFM's collapse)."
    );
}

#[test]
fn a_what_if_that_prevents_the_outage_gets_no_response() {
    let s = scenario();
    let prevented = default_run(&s)
        .fork(
            t(&s, "2025-10-19T23:40:00-07:00"),
            Intervention::Enable {
                mitigation: Mitigation::RecheckFreshness,
            },
        )
        .unwrap();
    assert_eq!(regional_emptied(&prevented), None);
    assert_eq!(responses(&prevented), []);
    assert!(!any_event(&prevented, |k| matches!(
        k,
        EventKind::DwfmHostRestarted { .. }
    )));
    assert!(prevented
        .samples
        .iter()
        .all(|v| !v.gauges.dwfm_throttled && v.gauges.nlb_auto_failover));
    assert!(prevented.impairments_of(Service::Ec2Api).is_empty());
}

/// A quiet run (the trigger left out) in which a person makes the race: Enactor A paused at
/// 11:31 PM, while it holds the regional endpoint, and resumed at 11:39 PM.
fn race_by_hand(s: &Scenario) -> RunInputs {
    let paused = with(
        s,
        quiet(s),
        "2025-10-19T23:31:00-07:00",
        Intervention::PauseEnactor { enactor: 0 },
    );
    with(
        s,
        paused,
        "2025-10-19T23:39:00-07:00",
        Intervention::ResumeEnactor { enactor: 0 },
    )
}

#[test]
fn a_race_made_by_hand_in_a_quiet_run_gets_the_incidents_responses_and_reaches_nlb() {
    let s = scenario();
    let rec = run(&s, race_by_hand(&s));
    let emptied = regional_emptied(&rec).expect("the pause makes the race");
    let made = responses(&rec);
    for (what, _) in aws_actions() {
        assert!(
            made.iter().any(|(_, w)| *w == what),
            "{} is not made",
            what.label()
        );
    }
    // Each after its delay from what prompted it: DNS restored as long after the record
    // emptied as in the incident.
    let restored = made
        .iter()
        .find(|(_, w)| matches!(w, Intervention::RestoreRecord { .. }))
        .unwrap()
        .0;
    let delay = Params::default().dns_restore_after_ms;
    assert!(minutes_apart(restored, emptied.plus(delay)) <= 1);
    // The cascade runs its course: DWFM collapses and recovers, and NLB loses capacity.
    assert!(any_event(&rec, |k| matches!(
        k,
        EventKind::CongestiveCollapse { .. }
    )));
    assert!(span(&rec, Service::Dwfm).unwrap().1.is_some());
    assert!(!rec.impairments_of(Service::NetworkManager).is_empty());
    assert!(!rec.impairments_of(Service::Nlb).is_empty());
}

#[test]
fn with_the_responses_off_a_race_made_by_hand_leaves_dynamodb_down_and_never_reaches_nlb() {
    let s = scenario();
    let rec = run(&s, operators_off(race_by_hand(&s)));
    assert!(regional_emptied(&rec).is_some());
    assert_eq!(responses(&rec), []);
    // Nobody restores the record: every Enactor is stuck, DynamoDB and DWFM stay down, no
    // launch succeeds, so nothing is left for Network Manager to propagate or NLB to check.
    assert_eq!(span(&rec, Service::DynamoDb).unwrap().1, None);
    assert_eq!(span(&rec, Service::Dwfm).unwrap().1, None);
    assert_eq!(span(&rec, Service::Ec2Launch).unwrap().1, None);
    assert!(rec.impairments_of(Service::NetworkManager).is_empty());
    assert!(rec.impairments_of(Service::Nlb).is_empty());
}

#[test]
fn a_person_who_restores_dns_first_leaves_the_operators_nothing_to_restore() {
    let (_, base, early) = forked_at_1am(Intervention::RestoreRecord { endpoint: None });
    let early = early.unwrap();
    let made = responses(&early);
    assert!(!made.iter().any(|(_, w)| matches!(
        w,
        Intervention::RestoreRecord { .. } | Intervention::InternalDnsWorkaround
    )));
    let end = |r: &Recording| span(r, Service::DynamoDb).unwrap().1.unwrap();
    assert!(end(&early) < end(&base));
    // What follows is still responded to, earlier with it.
    let throttled = |r: &Recording| {
        responses(r)
            .into_iter()
            .find(|(_, w)| *w == Intervention::ThrottleDwfmIntake)
            .map(|(at, _)| at)
    };
    assert!(throttled(&early).unwrap() < throttled(&base).unwrap());
}

#[test]
fn the_responses_are_a_choice_parameter_a_link_carries() {
    let s = scenario();
    let inputs = s.default_inputs(outage_sim::DEFAULT_SEED);
    let run = outage_sim::run(&s, &inputs).unwrap();
    let choice = run
        .choices()
        .into_iter()
        .find(|c| c.key == "operator_responses")
        .expect("listed with the other choices");
    assert_eq!((choice.value, choice.default), ("on", "on"));
    let options: Vec<&str> = choice.options.iter().map(|(id, _)| *id).collect();
    assert_eq!(options, ["on", "off"]);
    let off = inputs.with_param("operator_responses", Some("off".into()));
    let link = outage_sim::link::Link::of(&s, &off).encode(&s);
    assert!(link.contains("p=operator_responses:off"), "{link}");
    let alone = outage_sim::run(&s, &off).unwrap();
    assert!(alone
        .lines(usize::MAX, false, None, usize::MAX)
        .iter()
        .all(|l| !l.text.starts_with("Operators: ")));
}
