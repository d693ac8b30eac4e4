//! The window of opportunity: one intervention applied at each instant of a range, each a fork
//! of the same run, and per service the last instant at which it still changes what happens to
//! the service (its point of no return). Computed a fork at a time, so a page can show progress
//! and cancel between steps; the command line runs it to the end.

use crate::engine::recording::Impairment;
use crate::engine::time::{SimTime, MINUTE};
use crate::presentation::run::{Build, NodeRef, Run};
use crate::presentation::scenario::Scenario;
use std::sync::Arc;

/// The most instants one sweep may ask for: a link or a command asks for a bounded amount.
pub const MOST_INSTANTS: usize = 400;

/// A finished sweep: the run it forks, the intervention, and each instant's outcome.
pub struct Sweep {
    pub token: String,
    pub instants: Vec<SimTime>,
    /// Per instant, the fork's impairments.
    pub outcomes: Vec<Vec<Impairment<NodeRef>>>,
    /// The impairments of the run the forks start from.
    pub baseline: Vec<Impairment<NodeRef>>,
}

/// The spans of one service, as (from, to) pairs.
fn spans(of: &[Impairment<NodeRef>], service: NodeRef) -> Vec<(SimTime, Option<SimTime>)> {
    of.iter()
        .filter(|i| i.service == service)
        .map(|i| (i.from, i.to))
        .collect()
}

impl Sweep {
    /// Whether the fork at instant `i` changes what happens to any service.
    pub fn changes_outcome(&self, i: usize) -> bool {
        self.outcomes[i] != self.baseline
    }

    /// The sweep as a table for a spreadsheet (RFC 4180 CSV, lines ending in CRLF): a header,
    /// then one row per instant: the instant in the scenario's zone and in UTC (ISO 8601),
    /// whether the intervention applied then changes the outcome, and per service of the
    /// scenario when its last impairment ends in that fork, in the zone and in UTC (empty: never
    /// impaired there; `after the window`: still impaired at the window's end).
    pub fn csv(&self, scenario: &Scenario) -> String {
        let zone = &scenario.file.timezone;
        let nodes = scenario.nodes();
        let mut header = vec![
            format!("instant ({zone})"),
            "instant (UTC)".to_string(),
            "changes the outcome".to_string(),
        ];
        for n in nodes {
            header.push(format!("{} impaired until ({zone})", n.name()));
            header.push(format!("{} impaired until (UTC)", n.name()));
        }
        let mut out = csv_line(&header);
        for (i, at) in self.instants.iter().enumerate() {
            let c = scenario.epoch.add(*at);
            let mut row = vec![
                c.rfc3339(),
                c.iso_utc(),
                if self.changes_outcome(i) { "yes" } else { "no" }.to_string(),
            ];
            for n in nodes {
                let (local, utc) = match self.ends(i, *n) {
                    None => (String::new(), String::new()),
                    Some(None) => ("after the window".into(), "after the window".into()),
                    Some(Some(t)) => {
                        let c = scenario.epoch.add(t);
                        (c.rfc3339(), c.iso_utc())
                    }
                };
                row.push(local);
                row.push(utc);
            }
            out.push_str(&csv_line(&row));
        }
        out
    }

    /// Whether the fork at instant `i` changes what happens to `service`.
    pub fn changes(&self, i: usize, service: NodeRef) -> bool {
        spans(&self.outcomes[i], service) != spans(&self.baseline, service)
    }

    /// The last instant whose fork still changes what happens to `service` (`None`: no instant
    /// of the range does).
    pub fn last_changed(&self, service: NodeRef) -> Option<SimTime> {
        (0..self.instants.len())
            .rev()
            .find(|&i| self.changes(i, service))
            .map(|i| self.instants[i])
    }

    /// When `service`'s last impairment ends in the fork at instant `i` (`None` end: still
    /// impaired at the window's end); `None`: never impaired there.
    pub fn ends(&self, i: usize, service: NodeRef) -> Option<Option<SimTime>> {
        spans(&self.outcomes[i], service).last().map(|s| s.1)
    }
}

/// One line of CSV: fields separated by commas, a field with a comma, a quote or a line break
/// in double quotes (its quotes doubled), and CRLF at the end.
pub fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = String::new();
    for (k, f) in fields.iter().enumerate() {
        let f = f.as_ref();
        if k > 0 {
            line.push(',');
        }
        if f.contains([',', '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&f.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(f);
        }
    }
    line.push_str("\r\n");
    line
}

/// A sweep being computed, one fork after another.
pub struct Sweeping {
    base: Arc<dyn Run>,
    token: String,
    instants: Vec<SimTime>,
    outcomes: Vec<Vec<Impairment<NodeRef>>>,
    current: Option<Box<dyn Build>>,
}

impl Sweeping {
    /// `token` applied at every `every_min` minutes from `from` to `to` (both included), each a
    /// fork of `base`. An empty range, a step of zero, more than `MOST_INSTANTS` instants or an
    /// intervention the model does not know is a message.
    pub fn new(
        base: Arc<dyn Run>,
        token: &str,
        from: SimTime,
        to: SimTime,
        every_min: u64,
    ) -> Result<Sweeping, String> {
        if every_min == 0 {
            return Err("a sweep needs a step of at least one minute".into());
        }
        if to < from {
            return Err("a sweep's range ends before it starts".into());
        }
        if to > base.window() {
            return Err("a sweep's range ends after the scenario's window".into());
        }
        let count = (to.ms() - from.ms()) / (every_min * MINUTE) + 1;
        if count > MOST_INSTANTS as u64 {
            return Err(format!(
                "a sweep of {count} instants is more than {MOST_INSTANTS}: take a longer step or a shorter range"
            ));
        }
        let instants: Vec<SimTime> = (0..count)
            .map(|k| from.plus(k * every_min * MINUTE))
            .collect();
        // The intervention must be one the model knows, checked before any work.
        base.start_fork(instants[0], token)?;
        Ok(Sweeping {
            base,
            token: token.to_string(),
            instants,
            outcomes: Vec::new(),
            current: None,
        })
    }

    /// Compute at most `steps` more steps of the fork in progress; `Ok(true)` once every
    /// fork is done.
    pub fn step(&mut self, steps: usize) -> Result<bool, String> {
        if self.outcomes.len() < self.instants.len() {
            let build = match &mut self.current {
                Some(b) => b,
                None => {
                    let at = self.instants[self.outcomes.len()];
                    self.current.insert(self.base.start_fork(at, &self.token)?)
                }
            };
            if build.step(steps)? {
                let run = self
                    .current
                    .take()
                    .and_then(|b| b.finish())
                    .ok_or("a fork of the sweep could not be completed")?;
                self.outcomes.push(run.impairments());
            }
        }
        Ok(self.outcomes.len() == self.instants.len())
    }

    /// Forks done, of how many.
    pub fn progress(&self) -> (usize, usize) {
        (self.outcomes.len(), self.instants.len())
    }

    /// The sweep, once every fork is done.
    pub fn finish(self) -> Option<Sweep> {
        (self.outcomes.len() == self.instants.len()).then(|| Sweep {
            token: self.token,
            instants: self.instants,
            outcomes: self.outcomes,
            baseline: self.base.impairments(),
        })
    }

    /// Run every fork to the end.
    pub fn run(mut self) -> Result<Sweep, String> {
        while !self.step(usize::MAX)? {}
        self.finish()
            .ok_or_else(|| "the sweep could not be completed".into())
    }
}

#[cfg(test)]
mod tests {
    use super::csv_line;

    #[test]
    fn a_csv_field_with_a_comma_a_quote_or_a_line_break_is_quoted() {
        assert_eq!(csv_line(&["a", "b c", ""]), "a,b c,\r\n");
        assert_eq!(
            csv_line(&["ECS/EKS, Fargate", "the \"record\"", "two\nlines"]),
            "\"ECS/EKS, Fargate\",\"the \"\"record\"\"\",\"two\nlines\"\r\n"
        );
    }
}
