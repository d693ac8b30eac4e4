//! The run beside AWS's account: for each impairment window the scenario's sources give, the
//! simulated impairment of the same service that overlaps it, so a person can see where the model
//! matches reality, where it is simplified, and how a what-if departs from what happened.

use crate::engine::recording::Impairment;
use crate::engine::time::SimTime;
use crate::presentation::run::NodeRef;
use crate::presentation::scenario::Scenario;

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
            let overlapping: Vec<_> = impairments
                .iter()
                .filter(|i| i.service == service)
                .filter(|i| i.from <= reference.1 && i.to.is_none_or(|to| to >= reference.0))
                .collect();
            let simulated = overlapping.first().map(|first| {
                let last = overlapping.last().map_or(first.to, |l| l.to);
                (first.from, last)
            });
            Some(Comparison {
                service,
                what: w.what.clone(),
                tag: w.tag.clone(),
                end_tag: w.end_tag().to_string(),
                reference,
                simulated,
            })
        })
        .collect()
}
