//! Narration that states a time is true of the run and carries its source: every clock time a
//! chapter's words name is a dated fact of the scenario file (a reference entry, a reference
//! window's boundary or a step of the script), the chapter lists that fact's source tag, and
//! where the fact is when an impairment began or ended, the run shows it within 5 minutes.

use crate::common::*;
use outage_sim::model::Model;
use outage_sim::reality::compare;
use outage_sim::{Scenario, SimTime};

/// A dated fact of the scenario file: when, its source tag, and the impairment boundary it is
/// (the window's service, and whether it is its end), if it is one.
struct Fact {
    at: SimTime,
    tag: String,
    boundary: Option<(String, bool)>,
}

fn facts(s: &Scenario) -> Vec<Fact> {
    let f = &s.file;
    let mut out: Vec<Fact> = f
        .reference
        .iter()
        .map(|r| Fact {
            at: t(s, &r.at),
            tag: r.tag.clone(),
            boundary: None,
        })
        .collect();
    for w in &f.windows {
        out.push(Fact {
            at: t(s, &w.from),
            tag: w.tag.clone(),
            boundary: Some((w.service.clone(), false)),
        });
        out.push(Fact {
            at: t(s, &w.to),
            tag: w.end_tag().to_string(),
            boundary: Some((w.service.clone(), true)),
        });
    }
    for step in &f.script {
        // A step's source is the tag its note cites first ("… [Q]; …").
        let note = step.note.as_deref().unwrap_or_default();
        let tag = note
            .split('[')
            .nth(1)
            .and_then(|rest| rest.split(']').next())
            .unwrap_or_default();
        out.push(Fact {
            at: t(s, &step.at),
            tag: tag.to_string(),
            boundary: None,
        });
    }
    out
}

/// The clock times in a text ("2:25 AM", "3 AM"), as minutes past midnight.
fn clock_times(text: &str) -> Vec<(String, u64)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for pair in words.windows(2) {
        let meridiem = pair[1].trim_end_matches([',', '.', ';', ':', ')']);
        if meridiem != "AM" && meridiem != "PM" {
            continue;
        }
        let (h, m) = match pair[0].split_once(':') {
            Some((h, m)) => (h.parse::<u64>(), m.parse::<u64>()),
            None => (pair[0].parse::<u64>(), Ok(0)),
        };
        let (Ok(h), Ok(m)) = (h, m) else { continue };
        let h = h % 12 + if meridiem == "PM" { 12 } else { 0 };
        out.push((format!("{} {meridiem}", pair[0]), h * 60 + m));
    }
    out
}

struct Narration;

impl EveryModel for Narration {
    fn check<M: Model>(&mut self, s: &Scenario) {
        let id = s.id();
        let rec = default_run::<M>(s);
        let rows = compare(s, &rec.impairments_by_ref());
        let facts = facts(s);
        let minute_of_day = |at: SimTime| {
            let clock = s.clock(at);
            clock_times(&clock)[0].1
        };
        let mut wrong = Vec::new();
        for (i, c) in s.file.chapters.iter().enumerate() {
            let chapter = format!("{id} chapter {} ({})", i + 1, c.title);
            for (said, minutes) in clock_times(&c.narration) {
                // The facts at that time of day (on any day of the window).
                let here: Vec<&Fact> = facts
                    .iter()
                    .filter(|f| minute_of_day(f.at) == minutes)
                    .collect();
                if here.is_empty() {
                    wrong.push(format!(
                        "{chapter}: {said} is no dated fact of the scenario file"
                    ));
                    continue;
                }
                if !here.iter().any(|f| c.tags.contains(&f.tag)) {
                    let tags: Vec<&str> = here.iter().map(|f| f.tag.as_str()).collect();
                    wrong.push(format!(
                        "{chapter}: {said} comes from a source tagged {tags:?}, which the chapter does not list ({:?})",
                        c.tags
                    ));
                }
                // The time is true of the run: some fact at it is not an impairment's boundary
                // (an operator's action, a reference entry), or is one the run shows within 5
                // minutes.
                let shown = |f: &&Fact| -> Result<(), String> {
                    let Some((service, end)) = &f.boundary else {
                        return Ok(());
                    };
                    let offset = rows.iter().find_map(|r| {
                        let b = &r.boundaries()[usize::from(*end)];
                        (r.service.id() == service && b.reference == f.at).then_some(b.offset_ms)
                    });
                    match offset {
                        Some(Some(ms)) if ms.abs() <= 5 * 60_000 => Ok(()),
                        None => Ok(()),
                        Some(off) => Err(format!(
                            "{said}, when {service}'s impairment {}, is {} in the run",
                            if *end { "ended" } else { "began" },
                            off.map_or("not shown".into(), |ms| format!(
                                "{:+} min off",
                                ms / 60_000
                            ))
                        )),
                    }
                };
                let sourced: Vec<&&Fact> =
                    here.iter().filter(|f| c.tags.contains(&f.tag)).collect();
                let why: Vec<String> = sourced.iter().filter_map(|f| shown(f).err()).collect();
                if !sourced.is_empty() && why.len() == sourced.len() {
                    wrong.push(format!("{chapter}: {}", why.join("; ")));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}

#[test]
fn every_time_the_narration_names_is_a_sourced_fact_the_run_shows() {
    for_every_model(&mut Narration);
}

#[test]
fn clock_times_are_read_from_words() {
    assert_eq!(
        clock_times("at 2:25 AM, by about 3 AM; until 10:36 AM. and 4 PM"),
        vec![
            ("2:25 AM".to_string(), 145),
            ("3 AM".to_string(), 180),
            ("10:36 AM".to_string(), 636),
            ("4 PM".to_string(), 960)
        ]
    );
}
