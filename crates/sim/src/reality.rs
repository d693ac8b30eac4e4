//! The run beside AWS's account: for each impairment window the scenario's sources give, the
//! simulated impairment of the same service that overlaps it, so a person can see where the model
//! matches reality, where it is simplified, and how a what-if departs from what happened.

use crate::recording::Recording;
use crate::scenario::Scenario;
use crate::service::Service;
use crate::time::SimTime;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub service: Service,
    /// What AWS reported, and the source tag.
    pub what: String,
    pub tag: String,
    pub reference: (SimTime, SimTime),
    /// First start and last end of the run's impairments of the service that overlap the
    /// reference window (`None` end: still impaired at the end); `None`: not impaired then.
    pub simulated: Option<(SimTime, Option<SimTime>)>,
}

impl Comparison {
    /// Signed minutes from the reference start to the simulated start, and likewise for the ends
    /// (`None` where there is nothing to compare).
    pub fn offsets_min(&self) -> Option<(i64, Option<i64>)> {
        let (from, to) = self.simulated?;
        let min = |a: SimTime, b: SimTime| (a.ms() as i64 - b.ms() as i64) / 60_000;
        Some((
            min(from, self.reference.0),
            to.map(|t| min(t, self.reference.1)),
        ))
    }
}

pub fn compare(s: &Scenario, rec: &Recording) -> Vec<Comparison> {
    let impairments = rec.impairments();
    s.file
        .windows
        .iter()
        .filter_map(|w| {
            let service = Service::parse(&w.service)?;
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
                reference,
                simulated,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{default_inputs, Intervention, Mitigation};

    #[test]
    fn the_incident_lines_up_with_every_reference_window_and_a_prevented_one_does_not() {
        let s = Scenario::builtin(crate::DEFAULT_SCENARIO).unwrap();
        let rec = Recording::run(&s, default_inputs(&s, crate::DEFAULT_SEED)).unwrap();
        let rows = compare(&s, &rec);
        assert_eq!(rows.len(), s.file.windows.len());
        for r in &rows {
            assert!(
                r.simulated.is_some(),
                "{} not impaired in the incident's run",
                r.service.id()
            );
        }
        let ddb = rows
            .iter()
            .find(|r| r.service == Service::DynamoDb)
            .unwrap();
        let (start, end) = ddb.offsets_min().unwrap();
        assert!(
            start.abs() <= 15 && end.is_some_and(|e| e.abs() <= 15),
            "{start} {end:?}"
        );
        let at = s.at("2025-10-19T23:40:00-07:00").unwrap();
        let what = Intervention::Enable {
            mitigation: Mitigation::RecheckFreshness,
        };
        let prevented = rec.fork(&s, at, what).unwrap();
        let rows = compare(&s, &prevented);
        for r in &rows {
            // The script's operators still throttle the EC2 API at 4:14 AM, outage or not.
            let expect_impaired = r.service == Service::Ec2Api;
            assert_eq!(r.simulated.is_some(), expect_impaired, "{r:?}");
        }
    }
}
