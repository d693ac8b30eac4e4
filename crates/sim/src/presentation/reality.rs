//! The run beside AWS's account: for each impairment window the scenario's sources give, the
//! simulated impairment of the same service that overlaps it, so a person can see where the model
//! matches reality, where it is simplified, and how a what-if departs from what happened.

use crate::engine::model::Health;
use crate::engine::recording::Impairment;
use crate::engine::time::SimTime;
use crate::presentation::run::NodeRef;
use crate::presentation::scenario::{Basis, BoundaryClass, Scenario};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub service: NodeRef,
    /// What AWS reported, and the source tags of its start and of its end.
    pub what: String,
    pub tag: String,
    pub end_tag: String,
    pub reference: (SimTime, SimTime),
    /// First start and last end of the run's impairments of the service that overlap the
    /// reference window (`None` end: still impaired at the end); `None`: not impaired then.
    pub simulated: Option<(SimTime, Option<SimTime>)>,
    /// What agreement at the start, and at the end, shows.
    pub bases: [Option<Basis>; 2],
    /// The health the start, and the end, is read at (`None`: any impairment).
    pub health: [Option<Health>; 2],
    /// Why the run misses the start, and the end, where the scenario says it does.
    pub departs: [Option<String>; 2],
}

/// How far a simulated boundary may be from the reference and still agree, by the tag of the
/// source that dates it: AWS's words (P, Q) and write-ups that agree (S2) within 5 minutes, one
/// write-up (S1) or a dashboard post (SHD) within 15, unverified (U) within 30.
pub fn tolerance_ms(tag: &str) -> i64 {
    60_000
        * match tag {
            "P" | "Q" | "S2" => 5,
            "S1" | "SHD" => 15,
            _ => 30,
        }
}

/// One boundary of a comparison: where the reference puts it, where the run does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Boundary<'a> {
    pub end: bool,
    pub reference: SimTime,
    pub tag: &'a str,
    /// `None`: the run has no such boundary (not impaired, or still impaired at the end).
    pub offset_ms: Option<i64>,
    pub basis: Option<&'a Basis>,
    /// Why the run misses it, where the scenario says it does.
    pub departs: Option<&'a str>,
}

impl Boundary<'_> {
    /// Within the tolerance its source's tag allows.
    pub fn met(&self) -> bool {
        self.offset_ms
            .is_some_and(|o| o.abs() <= tolerance_ms(self.tag))
    }

    pub fn class(&self) -> Option<BoundaryClass> {
        self.basis.map(|b| b.class)
    }
}

/// How the predicted boundaries fare: what tests the model, apart from what calibrates it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub predicted: usize,
    pub predicted_met: usize,
    pub calibrated: usize,
    pub calibrated_met: usize,
}

impl Tally {
    pub fn of(rows: &[Comparison]) -> Tally {
        let mut t = Tally::default();
        for b in rows.iter().flat_map(Comparison::boundaries) {
            if b.class() == Some(BoundaryClass::Predicted) {
                t.predicted += 1;
                t.predicted_met += usize::from(b.met());
            } else {
                t.calibrated += 1;
                t.calibrated_met += usize::from(b.met());
            }
        }
        t
    }

    /// In a sentence, for the table's caption, the README and the command line.
    pub fn describe(&self) -> String {
        let predicted = match (self.predicted, self.predicted_met) {
            (0, _) => "no boundary is a prediction".to_string(),
            (1, met) => format!("{met} of 1 predicted boundary agrees with AWS's time"),
            (n, met) => format!("{met} of {n} predicted boundaries agree with AWS's times"),
        };
        format!(
            "{predicted}; {} of {} fitted or scripted ones agree, which is calibration, not a test",
            self.calibrated_met, self.calibrated
        )
    }
}

impl Comparison {
    /// The reference's tags as a reader sees them ("S2 → P").
    pub fn tags(&self) -> String {
        crate::presentation::scenario::boundary_tags(&self.tag, &self.end_tag)
    }

    /// Signed milliseconds from the reference start to the simulated start, and likewise for
    /// the ends (`None` where there is nothing to compare): a boundary 5 min 24 s off is not
    /// within 5 minutes.
    pub fn offsets_ms(&self) -> Option<(i64, Option<i64>)> {
        let (from, to) = self.simulated?;
        let ms = |a: SimTime, b: SimTime| a.ms() as i64 - b.ms() as i64;
        Some((
            ms(from, self.reference.0),
            to.map(|t| ms(t, self.reference.1)),
        ))
    }

    /// The start and the end, each with its tag, offset and basis.
    pub fn boundaries(&self) -> [Boundary<'_>; 2] {
        let offsets = self.offsets_ms();
        let boundary = |end: bool| Boundary {
            end,
            reference: if end {
                self.reference.1
            } else {
                self.reference.0
            },
            tag: if end { &self.end_tag } else { &self.tag },
            offset_ms: offsets.and_then(|(start, stop)| if end { stop } else { Some(start) }),
            basis: self.bases[usize::from(end)].as_ref(),
            departs: self.departs[usize::from(end)].as_deref(),
        };
        [boundary(false), boundary(true)]
    }

    /// `offsets_ms` in whole minutes, towards zero, for reading.
    pub fn offsets_min(&self) -> Option<(i64, Option<i64>)> {
        let (start, end) = self.offsets_ms()?;
        Some((start / 60_000, end.map(|e| e / 60_000)))
    }
}

pub fn compare(s: &Scenario, impairments: &[Impairment<NodeRef>]) -> Vec<Comparison> {
    s.file
        .windows
        .iter()
        .filter_map(|w| {
            let service = s.node(&w.service)?;
            let reference = (s.at(&w.from).ok()?, s.at(&w.to).ok()?);
            // The run's spans at the health each boundary is read at, overlapping the window.
            let spans = |level: Option<Health>| -> Vec<(SimTime, Option<SimTime>)> {
                impairments
                    .iter()
                    .filter(|i| i.service == service)
                    .flat_map(|i| match level {
                        Some(Health::Down) => i.down.clone(),
                        _ => vec![(i.from, i.to)],
                    })
                    .filter(|(from, to)| {
                        *from <= reference.1 && to.is_none_or(|to| to >= reference.0)
                    })
                    .collect()
            };
            let (starts, ends) = (spans(w.from_health), spans(w.to_health));
            let simulated = match (starts.first(), ends.last()) {
                (Some(first), Some(last)) => Some((first.0, last.1)),
                _ => None,
            };
            Some(Comparison {
                service,
                what: w.what.clone(),
                tag: w.tag.clone(),
                end_tag: w.end_tag().to_string(),
                reference,
                simulated,
                bases: [w.from_basis.clone(), w.to_basis.clone()],
                health: [w.from_health, w.to_health],
                departs: [w.departs.start.clone(), w.departs.end.clone()],
            })
        })
        .collect()
}

/// Where the run departs from the record, in words: each boundary it misses with the run's time,
/// AWS's and the reason the scenario gives; each impairment that no window of AWS's account
/// covers; then the scenario's own notes. Computed from the run, so it is true of it.
pub fn departures(
    s: &Scenario,
    impairments: &[Impairment<NodeRef>],
    rows: &[Comparison],
) -> Vec<String> {
    let mut out = Vec::new();
    for r in rows {
        let Some((from, to)) = r.simulated else {
            let down = r.health.contains(&Some(Health::Down));
            out.push(format!(
                "{}: {}: not {} in this run.",
                r.service.name(),
                r.what,
                if down { "down" } else { "impaired" }
            ));
            continue;
        };
        for b in r.boundaries().iter().filter(|b| !b.met()) {
            let side = if b.end { "ends" } else { "starts" };
            let run = if b.end { to } else { Some(from) };
            let when = run.map_or("is still impaired at the end".to_string(), |t| {
                format!("{side} at {}", s.clock(t))
            });
            let why = b.departs.map(|w| format!(": {w}")).unwrap_or_default();
            out.push(format!(
                "{} ({}) {when} in this run, against {} [{}] in AWS's account{why}.",
                r.service.name(),
                r.what,
                s.clock(b.reference),
                b.tag
            ));
        }
    }
    // What no window covers: services AWS gave no window for, and spells of the others that
    // fall outside theirs.
    let mut unreferenced: Vec<String> = Vec::new();
    for n in s.nodes() {
        let windows: Vec<&Comparison> = rows.iter().filter(|r| r.service == *n).collect();
        let spells = impairments.iter().filter(|i| i.service == *n);
        if windows.is_empty() {
            if spells.count() > 0 {
                unreferenced.push(n.name().to_string());
            }
            continue;
        }
        for i in spells {
            let covered = windows
                .iter()
                .any(|r| i.from <= r.reference.1 && i.to.is_none_or(|to| to >= r.reference.0));
            if !covered {
                out.push(format!(
                    "{} is impaired {} in this run; no window of AWS's account covers it.",
                    n.name(),
                    s.span(i.from, i.to)
                ));
            }
        }
    }
    if !unreferenced.is_empty() {
        out.push(format!(
            "Impaired in this run, with no window in AWS's account to compare: {}.",
            unreferenced.join(", ")
        ));
    }
    out.extend(s.file.departures.iter().cloned());
    out
}
