//! An embed's range in a link (`from=`, `to=`): its round trip, what it covers, and one clear
//! message for each way it can be wrong, the rest of the link kept.
use outage_sim::link::Link;
use outage_sim::range::{Bound, Range};
use outage_sim::{Scenario, SimTime};

fn lookup(id: &str) -> Option<Scenario> {
    Scenario::builtin(id).ok()
}

fn decoded(link: &str) -> (Link, Vec<String>, Scenario) {
    let (d, s) = Link::decode(link, lookup).unwrap_or_else(|e| panic!("{link}: {e}"));
    (d.link, d.problems, s)
}

fn at(s: &Scenario, rfc3339: &str) -> SimTime {
    s.at(rfc3339).unwrap()
}

#[test]
fn a_range_of_chapters_round_trips_and_opens_on_its_first_chapter() {
    let (l, problems, s) = decoded("#v=1&embed=1&from=ch2&to=ch4");
    assert!(problems.is_empty(), "{problems:?}");
    let range = l.range.expect("a range");
    assert_eq!(
        range,
        Range {
            from: Some(Bound::Chapter(2)),
            to: Some(Bound::Chapter(4))
        }
    );
    // Chapter 2 is at 11:47 PM; chapter 4 plays until chapter 5 begins, at 2:24 AM.
    let span = range.span(&s).unwrap();
    assert_eq!(span.from, at(&s, "2025-10-19T23:47:00-07:00"));
    assert_eq!(span.to, at(&s, "2025-10-20T02:24:00-07:00"));
    assert_eq!(span.chapters, Some((1, 3)));
    assert_eq!((l.t, l.chapter), (span.from, Some(1)));
    let again = decoded(&l.encode(&s));
    assert!(again.1.is_empty(), "{:?}", again.1);
    assert_eq!(again.0, l);
    assert!(
        l.encode(&s).contains("&from=ch2&to=ch4"),
        "{}",
        l.encode(&s)
    );
}

#[test]
fn a_range_of_times_holds_the_chapters_inside_it() {
    let (l, problems, s) = decoded("#v=1&embed=1&from=02:00&to=07:00:00&t=03:00:00");
    assert!(problems.is_empty(), "{problems:?}");
    let span = l.range.unwrap().span(&s).unwrap();
    assert_eq!(span.from, at(&s, "2025-10-20T02:00:00-07:00"));
    assert_eq!(span.to, at(&s, "2025-10-20T07:00:00-07:00"));
    // 2:24, 3:00, 6:30, and 7:00 at the range's very end.
    assert_eq!(span.chapters, Some((4, 7)));
    assert_eq!(l.t, at(&s, "2025-10-20T03:00:00-07:00"));
    assert_eq!(decoded(&l.encode(&s)).0, l);
    // Before the first chapter, none.
    let (l, _, s) = decoded("#v=1&embed=1&to=23:38:00");
    let span = l.range.unwrap().span(&s).unwrap();
    assert_eq!((span.from, span.chapters), (SimTime::ZERO, None));
    // One end alone: to the window's end.
    let (l, _, s) = decoded("#v=1&embed=1&from=ch9");
    let span = l.range.unwrap().span(&s).unwrap();
    assert_eq!((span.to, span.chapters), (s.window, Some((8, 9))));
}

#[test]
fn a_moment_outside_the_range_opens_at_its_edge_with_a_message() {
    let (l, problems, s) = decoded("#v=1&embed=1&from=ch2&to=ch4&t=05:00:00&node=dynamodb");
    assert_eq!(l.t, at(&s, "2025-10-20T02:24:00-07:00"));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("outside the embed's range")
            && problems[0].contains("opens at 02:24:00"),
        "{problems:?}"
    );
    assert_eq!(l.node.map(|n| n.id()), Some("dynamodb"));
    let (l, problems, s) = decoded("#v=1&embed=1&from=ch2&to=ch4&t=23:35:00");
    assert_eq!(l.t, at(&s, "2025-10-19T23:47:00-07:00"));
    assert!(problems[0].contains("opens at 23:47:00"), "{problems:?}");
    // A chapter outside the range is not shown.
    let (l, problems, _) = decoded("#v=1&embed=1&from=ch2&to=ch4&t=23:50:00&chapter=6");
    assert_eq!(l.chapter, None);
    assert!(problems[0].contains("chapter 7 is outside"), "{problems:?}");
}

#[test]
fn a_bad_range_is_dropped_with_a_message_and_the_link_opens_without_one() {
    for (link, says) in [
        ("#v=1&embed=1&from=ch0&t=01:00:00", "no chapter \"ch0\""),
        ("#v=1&embed=1&from=ch11&t=01:00:00", "ch1 to ch10"),
        ("#v=1&embed=1&to=chapter2&t=01:00:00", "the range's end"),
        ("#v=1&embed=1&from=25:00&t=01:00:00", "not a time"),
        (
            "#v=1&embed=1&from=ch4&to=ch2&t=01:00:00",
            "ends before it starts",
        ),
        (
            "#v=1&embed=1&from=03:00&to=03:00&t=01:00:00",
            "ends before it starts",
        ),
        ("#v=1&from=ch2&to=ch4&t=01:00:00", "for an embed"),
    ] {
        let (l, problems, s) = decoded(link);
        assert_eq!(problems.len(), 1, "{link}: {problems:?}");
        assert!(problems[0].contains(says), "{link}: {problems:?}");
        assert_eq!(l.range, None, "{link}");
        assert_eq!(l.t, at(&s, "2025-10-20T01:00:00-07:00"), "{link}");
    }
}
