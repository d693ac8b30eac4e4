//! The pause makes the race. In a quiet run (the incident's script without its trigger, the
//! Enactor delay), a person pauses Enactor A at each whole minute from 11:31 PM to 12:10 AM and
//! resumes it eight minutes later. A paused Enactor holds its plan, checked for freshness once,
//! before the pause; when it still holds the regional endpoint, the others' clean-up deletes that
//! plan meanwhile, the resumed Enactor writes it to the regional endpoint all the same, and the
//! next clean-up deletes it: DynamoDB's record is empty. Nothing here says when that happens: the
//! runs do.
use crate::helpers::*;
use outage_sim::models::aws_2025_10_us_east_1::*;
use outage_sim::presentation::observed::Observed;
use outage_sim::{Scenario, SimTime};

fn whole_minutes(s: &Scenario) -> Vec<SimTime> {
    let first = t(s, "2025-10-19T23:31:00-07:00");
    (0..40).map(|k| first.plus(k * 60_000)).collect()
}

#[test]
fn pausing_enactor_a_at_whole_minutes_for_eight_minutes_empties_dynamodbs_record_often_and_never_with_the_re_check(
) {
    let s = scenario();
    let calm = run(&s, quiet(&s));
    assert_eq!(regional_emptied(&calm), None, "the quiet run is quiet");
    let instants = whole_minutes(&s);
    assert_eq!(
        s.clock(*instants.last().unwrap()),
        "12:10 AM",
        "the last pause"
    );
    let (mut held, mut emptied) = (0, 0);
    for at in instants {
        let inputs = paused_at(&s, at);
        let rec = run(&s, inputs.clone());
        let a = &rec.view_at(at).gauges.enactors[0];
        assert!(a.paused, "{}", s.clock(at));
        if a.regional_pending {
            held += 1;
        }
        let resumed = at.plus(PAUSE_MS);
        if let Some(when) = regional_emptied(&rec) {
            emptied += 1;
            // The pause made it: A held the regional endpoint, and the record empties only after
            // A is resumed, when its stale write is deleted by the others' clean-up.
            assert!(a.regional_pending, "paused at {}: {a:?}", s.clock(at));
            assert!(when > resumed, "emptied at {}", s.clock(when));
            let v = rec.view_at(when.plus(1_000));
            assert_eq!(v.gauges.records[0].endpoint, Endpoint::Regional);
            assert_eq!(v.gauges.records[0].ips, 0, "{}", s.clock(when));
            let (from, _) = span(&rec, Service::DynamoDb).expect("DynamoDB fails");
            assert!(minutes_apart(from, when) <= 2, "from {}", s.clock(from));
        }
        // With the announced fix the resumed Enactor skips every endpoint that has a newer plan.
        let checked = run(&s, with_recheck(&inputs));
        assert_eq!(
            regional_emptied(&checked),
            None,
            "paused at {} with the re-check",
            s.clock(at)
        );
        assert!(checked.impairments_of(Service::DynamoDb).is_empty());
    }
    println!("of 40 pauses, {held} held the regional endpoint and {emptied} emptied its record");
    assert!(
        emptied * 4 >= 40,
        "only {emptied} of 40 pauses emptied DynamoDB's record ({held} held the regional endpoint)"
    );
}

#[test]
fn a_paused_enactor_shows_whether_it_still_holds_the_regional_endpoint() {
    let (s, at, paused) = pause_made_at("2025-10-19T23:31:00-07:00");
    let rec = run(&s, paused);
    let a = &rec.view_at(at.plus(60_000)).gauges.enactors[0];
    assert!(a.paused && a.applying, "{a:?}");
    let step = a.step.expect("a step while applying");
    // The regional endpoint is neither first nor last in an Enactor's order.
    let regional = Params::default().regional_endpoint_position as u8;
    assert!(regional > 0 && regional + 1 < a.endpoints);
    assert_eq!(a.regional_pending, step <= regional, "{a:?}");
    let rows = <Region as Observed>::details(Service::EnactorA, &rec.view_at(at.plus(60_000)));
    let row = |k: &str| {
        rows.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        row("Regional endpoint").as_deref(),
        Some(if a.regional_pending {
            "not yet sent"
        } else {
            "sent"
        })
    );
    assert_eq!(
        row("Endpoint in progress or next"),
        a.endpoint.map(|e| e.label())
    );
}
