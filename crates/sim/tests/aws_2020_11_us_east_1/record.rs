//! True to the sources where they date a dependent's impact without a mechanism of their own:
//! Cognito impacted before its errors "rise significantly" at 7:01 AM [S1], the status page's
//! tool failing with it from "the earlier part of the event" [Q], and CloudWatch's early
//! recovery at 5:47 PM [S1] before its full recovery at 10:31 PM [S1]. Each emerges from the
//! model's state (buffers that fill, restarts that carry a share of the traffic).

use super::*;

/// The spans in which a service was down, over the run.
fn down_spans(r: &Recording, svc: Service) -> Vec<(SimTime, Option<SimTime>)> {
    r.impairments_of(svc)
        .into_iter()
        .flat_map(|i| i.down)
        .collect()
}

fn health(r: &Recording, s: &Scenario, svc: Service, hm: &str) -> Health {
    r.view_at(at(s, hm)).health[svc.index()]
}

#[test]
fn cognito_fails_mildly_as_the_busiest_buffers_fill_and_significantly_at_7_01() {
    let (s, rec) = Incident::as_it_happened();
    let kinesis = span(&rec, Service::Kinesis).unwrap().0;
    let (start, _) = span(&rec, Service::Cognito).unwrap();
    // Its buffers back up only once Kinesis fails, and the first web servers block before
    // 7:01 AM: Cognito is impaired well before its significant rise.
    assert!(start > kinesis, "{}", s.clock(start));
    assert!(
        start.plus(30 * 60_000) < at(&s, "07:01"),
        "{}",
        s.clock(start)
    );
    let full = first_event(&rec, |k| matches!(k, EventKind::CognitoBuffersFull { .. })).unwrap();
    assert!(full <= start && full > kinesis);
    // Mild at first: degraded, a small share failing, with the buffered records growing.
    let early = rec.view_at(at(&s, "06:30"));
    assert_eq!(
        health(&rec, &s, Service::Cognito, "06:30"),
        Health::Degraded
    );
    let mild = early.error_share(Service::Cognito.index());
    assert!(mild > 0.01 && mild < 0.5, "{mild}");
    let later = rec.view_at(at(&s, "07:15"));
    assert!(later.gauges.cognito_buffer_min > early.gauges.cognito_buffer_min);
    assert!(later.error_share(Service::Cognito.index()) > mild);
    // Significant (down) from 7:01 AM [S1], within its source's tolerance.
    let down = down_spans(&rec, Service::Cognito);
    assert_eq!(down.len(), 1, "{down:?}");
    assert!(
        within_minutes(down[0].0, at(&s, "07:01"), 15),
        "{}",
        s.clock(down[0].0)
    );
    // Significantly reduced when half the web servers have the change (12:15 PM [S1]): nothing
    // is fitted to that time; the roll-out's pace is fitted to 2:18 PM.
    let reduced = down[0].1.expect("reduced");
    assert!(
        within_minutes(reduced, at(&s, "12:15"), 15),
        "{}",
        s.clock(reduced)
    );
    let g = rec.view_at(reduced).gauges;
    assert!(g.cognito_fix_permille.abs_diff(500) <= 10, "{g:?}");
}

#[test]
fn the_status_page_fails_from_cognitos_first_errors_until_the_backup_tool_posts() {
    let (s, rec) = Incident::as_it_happened();
    let cognito = span(&rec, Service::Cognito).unwrap().0;
    let (start, end) = span(&rec, Service::StatusPage).unwrap();
    // The tool signs in through Cognito [Q]: it fails as soon as Cognito does, in the earlier
    // part of the event, not only once Cognito's errors rise significantly at 7:01 AM.
    assert_eq!(start, cognito);
    assert!(start < at(&s, "07:01"));
    assert_eq!(
        health(&rec, &s, Service::StatusPage, "06:30"),
        Health::Degraded
    );
    assert_eq!(health(&rec, &s, Service::StatusPage, "08:00"), Health::Down);
    assert_eq!(end, Some(at(&s, "09:52")));
    let words = why_words(&rec, Service::StatusPage, at(&s, "06:30"));
    assert!(words.iter().any(|w| w.contains("Cognito")), "{words:?}");
}

#[test]
fn cloudwatch_recovers_partly_at_5_47_pm_as_restarts_carry_its_puts_and_fully_by_10_31_pm() {
    let (s, rec) = Incident::as_it_happened();
    // Down from the morning until more than half its puts succeed: the early recovery.
    let down = down_spans(&rec, Service::CloudWatch);
    assert_eq!(down.len(), 1, "{down:?}");
    let eased = down[0].1.expect("recovers partly");
    assert!(
        within_minutes(eased, at(&s, "17:47"), 15),
        "{}",
        s.clock(eased)
    );
    assert_eq!(health(&rec, &s, Service::CloudWatch, "17:30"), Health::Down);
    assert_eq!(
        health(&rec, &s, Service::CloudWatch, "18:05"),
        Health::Degraded
    );
    let e = rec
        .view_at(at(&s, "18:05"))
        .error_share(Service::CloudWatch.index());
    assert!(e > 0.01 && e < 0.5, "{e}");
    // Fully recovered near 10:31 PM [S1], with Kinesis.
    let end = span(&rec, Service::CloudWatch)
        .unwrap()
        .1
        .expect("recovers");
    assert!(within_minutes(end, at(&s, "22:31"), 15), "{}", s.clock(end));
    // It is the restarts that bring it back: at the partial recovery restarted servers serve,
    // and without restarts CloudWatch stays down.
    let g = rec.view_at(eased).gauges;
    assert!(
        g.servers_ok > Params::default().frontend_servers / 2,
        "{g:?}"
    );
    let unrestarted =
        Incident::run_without(&s, |w| matches!(w, Intervention::RestartServers { .. }));
    assert!(down_spans(&unrestarted, Service::CloudWatch)
        .iter()
        .all(|d| d.1.is_none()));
    // Restarting faster, yet still "a few hundred" an hour, recovers it partly sooner.
    let faster = run(&s, restarting_at(&s, 400));
    let eased_faster = down_spans(&faster, Service::CloudWatch)[0]
        .1
        .expect("recovers partly");
    assert!(eased_faster < eased, "{}", s.clock(eased_faster));
}
