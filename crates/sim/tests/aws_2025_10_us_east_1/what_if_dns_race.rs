//! What-ifs of the 2025 outage's trigger, the race between DNS Enactors: without the Enactor's
//! delay, with either announced fix, and with DynamoDB's record deleted by hand. Each changes one
//! thing and checks what emerges.
use crate::helpers::*;
use outage_sim::models::aws_2025_10_us_east_1::*;

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

#[test]
fn re_checking_freshness_at_apply_time_or_clean_up_that_keeps_the_active_plan_prevents_the_outage()
{
    // With the re-check the slow Enactor still runs: it now skips endpoints that already have
    // newer plans. With the careful clean-up it still overwrites, but nothing is emptied.
    let stale_skipped = |k: &EventKind| matches!(k, EventKind::StaleSkipped { .. });
    let stale_overwrite = |k: &EventKind| matches!(k, EventKind::StaleOverwrite { .. });
    for (fix, the_slow_enactor) in [
        (
            Mitigation::RecheckFreshness,
            &stale_skipped as &dyn Fn(&EventKind) -> bool,
        ),
        (Mitigation::CleanupKeepsActivePlan, &stale_overwrite),
    ] {
        let (_, rec) = with_mitigation_from_start(fix);
        assert_eq!(regional_emptied(&rec), None, "{fix:?}");
        assert!(no_impairment(&rec, Service::DynamoDb), "{fix:?}");
        assert!(any_event(&rec, the_slow_enactor), "{fix:?}");
    }
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
