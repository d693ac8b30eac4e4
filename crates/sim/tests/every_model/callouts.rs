//! A chapter's callouts are numbers of the run: for every outage, each callout names a row the
//! model lists for its node at the chapter's instant in the incident's run, and a limit, where
//! it has one, reads as a number beside the value.

use outage_sim::scenario::BUILTIN;
use outage_sim::Scenario;

/// The leading number of a value as the model writes it ("5199", "4.6%", "40000 of 40000").
fn number(v: &str) -> Option<f64> {
    let n: String = v
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    n.parse().ok()
}

#[test]
fn every_callout_reads_a_number_of_the_incidents_run_at_its_chapter() {
    let mut wrong = Vec::new();
    let mut read = 0;
    for (id, _) in BUILTIN {
        let s = Scenario::builtin(id).unwrap();
        let run = outage_sim::run(&s, &s.default_inputs(outage_sim::DEFAULT_SEED)).unwrap();
        for (i, c) in s.file.chapters.iter().enumerate() {
            let frame = run.frame_at(s.at(&c.at).unwrap());
            for callout in &c.callouts {
                let node = s
                    .node(&callout.node)
                    .expect("checked when the file is read");
                let details = run.details(node, &frame);
                match callout.read(&details) {
                    None => wrong.push(format!(
                        "{id} chapter {}: {} lists no {:?} (or its limit {:?})",
                        i + 1,
                        callout.node,
                        callout.row,
                        callout.limit
                    )),
                    Some((value, limit)) => {
                        read += 1;
                        if let Some(limit) = limit {
                            if number(&value).is_none() || number(&limit).is_none() {
                                wrong.push(format!(
                                    "{id} chapter {}: {value:?} against {limit:?} is not a number against a number",
                                    i + 1
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(read >= 20, "only {read} callouts in all the outages");
}

#[test]
fn a_callout_of_a_row_the_model_does_not_list_reads_nothing() {
    let s = Scenario::builtin(outage_sim::DEFAULT_SCENARIO).unwrap();
    let run = outage_sim::run(&s, &s.default_inputs(outage_sim::DEFAULT_SEED)).unwrap();
    let frame = run.frame_at(outage_sim::SimTime::ZERO);
    let dwfm = s.node("dwfm").unwrap();
    let details = run.details(dwfm, &frame);
    let wanted = |row: &str, limit: Option<&str>| outage_sim::scenario::Callout {
        node: "dwfm".into(),
        row: row.into(),
        limit: limit.map(Into::into),
    };
    assert!(wanted("Queued lease work", None).read(&details).is_some());
    assert!(wanted("No such row", None).read(&details).is_none());
    assert!(wanted("No such row|Queued lease work", None)
        .read(&details)
        .is_some());
    assert!(wanted("Queued lease work", Some("No such limit"))
        .read(&details)
        .is_none());
}

#[test]
fn a_scenario_file_with_too_many_callouts_or_an_unknown_node_is_refused_with_a_message() {
    let text = outage_sim::scenario::BUILTIN
        .iter()
        .find(|(id, _)| *id == outage_sim::DEFAULT_SCENARIO)
        .unwrap()
        .1;
    let unknown = text.replacen(
        "\"callouts\": [{\"node\": \"dns-planner\"",
        "\"callouts\": [{\"node\": \"mainframe\"",
        1,
    );
    assert_ne!(unknown, text, "the test edits a callout");
    let e = Scenario::parse(&unknown).unwrap_err();
    assert!(e.contains("unknown node \"mainframe\""), "{e}");
    let many = text.replacen(
        "\"callouts\": [",
        "\"callouts\": [{\"node\": \"dwfm\", \"row\": \"x\"}, {\"node\": \"dwfm\", \"row\": \"y\"}, {\"node\": \"dwfm\", \"row\": \"z\"}, ",
        1,
    );
    let e = Scenario::parse(&many).unwrap_err();
    assert!(e.contains("at most 3"), "{e}");
}
