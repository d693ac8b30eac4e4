//! Two runs side by side: where their logs first part and how each service fares differently,
//! read from the runs themselves (the incident and forks of it), for any model.

use outage_sim::contrast::{changes, ChangeKind, Outline};
use outage_sim::link::{Against, Link};
use outage_sim::{Run, Scenario, SimTime};
use std::sync::Arc;

fn at(s: &Scenario, rfc3339: &str) -> SimTime {
    s.at(rfc3339).unwrap()
}

fn incident(s: &Scenario) -> Arc<dyn Run> {
    outage_sim::run(s, &s.default_inputs(outage_sim::DEFAULT_SEED)).unwrap()
}

fn fork(run: &Arc<dyn Run>, t: SimTime, token: &str) -> Arc<dyn Run> {
    let mut b = run.start_fork(t, token).unwrap();
    while !b.step(usize::MAX).unwrap() {}
    b.finish().unwrap()
}

fn changes_between(
    s: &Scenario,
    a: &Arc<dyn Run>,
    b: &Arc<dyn Run>,
) -> Vec<outage_sim::contrast::Change> {
    changes(s.nodes(), &a.impairments(), &b.impairments(), s.window)
}

#[test]
fn a_run_beside_an_identical_one_has_no_divergence_and_no_changes() {
    for id in ["aws-2025-10-us-east-1", "aws-2020-11-us-east-1"] {
        let s = Scenario::builtin(id).unwrap();
        let (a, b) = (incident(&s), incident(&s));
        assert_eq!(a.first_divergence(b.as_ref()), None, "{id}");
        assert!(changes_between(&s, &a, &b).is_empty(), "{id}");
    }
}

#[test]
fn a_fork_first_diverges_at_its_intervention_which_the_divergence_names() {
    let s = Scenario::builtin("aws-2025-10-us-east-1").unwrap();
    let a = incident(&s);
    let t = at(&s, "2025-10-19T23:40:00-07:00");
    let b = fork(&a, t, "enable.recheck-freshness");
    let d = a
        .first_divergence(b.as_ref())
        .expect("the fork's log parts from the incident's");
    assert_eq!(d.at, t);
    let label = s.model.label("enable.recheck-freshness").unwrap();
    let said = d.b.expect("the fork logged something there").text;
    assert!(said.contains(&label), "{said:?} names {label:?}");
    // Seen from the other side, the same entry parts them.
    let back = b.first_divergence(a.as_ref()).unwrap();
    assert_eq!((back.at, back.a.map(|l| l.text)), (t, Some(said)));
}

#[test]
fn preventing_the_race_makes_dynamodb_s_impairment_vanish_and_shortens_what_followed() {
    let s = Scenario::builtin("aws-2025-10-us-east-1").unwrap();
    let a = incident(&s);
    let b = fork(
        &a,
        at(&s, "2025-10-19T23:40:00-07:00"),
        "enable.recheck-freshness",
    );
    let found = changes_between(&s, &a, &b);
    let ddb = s.node("dynamodb").unwrap();
    let of_ddb: Vec<_> = found.iter().filter(|c| c.service == ddb).collect();
    assert_eq!(of_ddb.len(), 1, "{found:?}");
    assert_eq!(of_ddb[0].kind, ChangeKind::Vanishes);
    let said = of_ddb[0].describe(&s);
    assert!(said.contains("not impaired in B"), "{said}");
    // Nothing comes out worse for a fix at the root.
    assert!(
        found.iter().all(|c| c.kind != ChangeKind::Appears),
        "{found:?}"
    );
    // In order of when each change shows.
    assert!(found.windows(2).all(|w| w[0].at() <= w[1].at()));
}

#[test]
fn each_change_is_read_from_the_two_runs_and_swapping_them_swaps_its_sides() {
    for (id, when, token) in [
        (
            "aws-2025-10-us-east-1",
            "2025-10-20T00:30:00-07:00",
            "restore-record",
        ),
        (
            "aws-2020-11-us-east-1",
            "2020-11-25T08:00:00-08:00",
            "cognito-tolerates-errors",
        ),
    ] {
        let s = Scenario::builtin(id).unwrap();
        let a = incident(&s);
        let b = fork(&a, at(&s, when), token);
        let (ia, ib) = (a.impairments(), b.impairments());
        let found = changes_between(&s, &a, &b);
        assert!(!found.is_empty(), "{id}: the what-if changes something");
        // A service is listed exactly when its outline differs between the runs.
        for &n in s.nodes() {
            let (oa, ob) = (Outline::of(n, &ia, s.window), Outline::of(n, &ib, s.window));
            let listed = found.iter().filter(|c| c.service == n).collect::<Vec<_>>();
            assert_eq!(!listed.is_empty(), oa != ob, "{id}: {}", n.name());
            for c in listed {
                assert_eq!((c.a, c.b), (oa, ob));
            }
        }
        let back = changes_between(&s, &b, &a);
        assert_eq!(back.len(), found.len(), "{id}");
        let flip = |k: ChangeKind| match k {
            ChangeKind::Appears => ChangeKind::Vanishes,
            ChangeKind::Vanishes => ChangeKind::Appears,
            k => k,
        };
        for c in &found {
            assert!(
                back.iter().any(|x| x.service == c.service
                    && x.kind == flip(c.kind)
                    && (x.a, x.b) == (c.b, c.a)),
                "{id}: {c:?} has its mirror"
            );
        }
    }
}

#[test]
fn a_link_carries_the_compared_run_and_opens_both() {
    let s = Scenario::builtin("aws-2025-10-us-east-1").unwrap();
    let a = incident(&s);
    let b = fork(
        &a,
        at(&s, "2025-10-19T23:40:00-07:00"),
        "enable.recheck-freshness",
    );
    let mut link = Link::of(&s, b.inputs());
    link.against = Some(Against::of(&s, a.inputs()));
    let text = link.encode(&s);
    assert!(text.contains("&vs=1"), "{text}");
    let (d, _) = Link::decode(&text, |id| Scenario::builtin(id).ok()).unwrap();
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    assert_eq!(d.link.inputs(&s), *b.inputs());
    assert_eq!(d.link.against.unwrap().inputs(&s), *a.inputs());
}

#[test]
fn a_broken_compared_run_in_a_link_is_said_and_the_link_s_own_run_kept() {
    let s = Scenario::builtin("aws-2025-10-us-east-1").unwrap();
    let text = "v=1&scenario=aws-2025-10-us-east-1&t=01:00:00&vs=1&vs.script=01:00:00~no-such-thing&vs.seed=x";
    let (d, _) = Link::decode(text, |id| Scenario::builtin(id).ok()).unwrap();
    assert_eq!(d.problems.len(), 2, "{:?}", d.problems);
    assert!(
        d.problems.iter().any(|p| p.contains("compared run")),
        "{:?}",
        d.problems
    );
    assert_eq!(
        d.link.inputs(&s),
        s.default_inputs(outage_sim::DEFAULT_SEED)
    );
    // What was readable of the compared run stands: the incident's script.
    assert_eq!(
        d.link.against.unwrap().inputs(&s),
        s.default_inputs(outage_sim::DEFAULT_SEED)
    );
}

/// Fields of CSV text (quotes honoured), row by row.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut f, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                f.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => f.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut f)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut f));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => f.push(c),
        }
    }
    rows
}

#[test]
fn the_comparison_as_csv_has_a_row_per_change_with_local_and_utc_times() {
    let s = Scenario::builtin("aws-2025-10-us-east-1").unwrap();
    let a = incident(&s);
    let b = fork(&a, at(&s, "2025-10-20T00:30:00-07:00"), "restore-record");
    let d = a.first_divergence(b.as_ref());
    let found = changes_between(&s, &a, &b);
    let rows = parse_csv(&outage_sim::contrast::csv(&s, d.as_ref(), &found));
    assert_eq!(rows[0][0], "row");
    assert_eq!(rows.len(), 2 + found.len());
    assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{rows:?}");
    assert_eq!(rows[1][0], "first divergence");
    assert_eq!(rows[1][2], "2025-10-20T00:30:00-07:00");
    assert_eq!(rows[1][3], "2025-10-20T07:30:00Z");
    for (r, c) in rows[2..].iter().zip(&found) {
        assert_eq!(r[1], c.service.name());
        assert_eq!(r[12], c.describe(&s), "the sentence survives its commas");
        if let Some(o) = c.b {
            assert_eq!(r[7], s.rfc3339(o.from));
            assert_eq!(r[8], s.iso_utc(o.from));
        }
    }
}
