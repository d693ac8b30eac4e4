//! Two runs of one scenario side by side: where their logs first part, and how each service's
//! impairment differs between them (starts, ends, lasts, how bad it gets, whether it happens
//! at all). Run "A" is the one compared against, "B" the other; both are any model's runs.

use crate::engine::model::Health;
use crate::engine::recording::Impairment;
use crate::engine::time::{SimTime, MINUTE};
use crate::presentation::run::{Line, NodeRef};
use crate::presentation::scenario::Scenario;
use crate::presentation::sweep::csv_line;

/// The first log entry at which two runs differ: what each run logged there (`None`: that run's
/// log has ended; the other goes on).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Divergence {
    pub at: SimTime,
    pub a: Option<Line>,
    pub b: Option<Line>,
}

/// One service's impairments in a run, as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outline {
    pub from: SimTime,
    /// `None`: still impaired at the end of the window.
    pub to: Option<SimTime>,
    /// How long it is impaired in all (to the end of the window for the last spell).
    pub impaired_ms: u64,
    pub worst: Health,
}

impl Outline {
    /// The outline of `service`'s spells, `None` if it has none.
    pub fn of(
        service: NodeRef,
        impairments: &[Impairment<NodeRef>],
        window: SimTime,
    ) -> Option<Outline> {
        let spells: Vec<_> = impairments
            .iter()
            .filter(|i| i.service == service)
            .collect();
        let first = spells.iter().map(|i| i.from).min()?;
        let to = if spells.iter().any(|i| i.to.is_none()) {
            None
        } else {
            spells.iter().filter_map(|i| i.to).max()
        };
        let impaired_ms = spells
            .iter()
            .map(|i| i.to.unwrap_or(window).ms().saturating_sub(i.from.ms()))
            .sum();
        let worst = spells
            .iter()
            .map(|i| i.worst)
            .max_by_key(|h| h.code())
            .unwrap_or(Health::Healthy);
        Some(Outline {
            from: first,
            to,
            impaired_ms,
            worst,
        })
    }
}

/// How one service fares differently in B than in A.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// Impaired in B, not in A.
    Appears,
    /// Impaired in A, not in B.
    Vanishes,
    Starts,
    Ends,
    /// Starts and ends as in A, but is impaired for longer or shorter in all.
    Lasts,
    /// Gets worse or milder at its worst.
    Worst,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub service: NodeRef,
    pub kind: ChangeKind,
    pub a: Option<Outline>,
    pub b: Option<Outline>,
}

impl Change {
    /// When the change shows: the earlier of the two runs' instants it is about.
    pub fn at(&self) -> SimTime {
        let pick = |o: &Option<Outline>| -> Option<SimTime> {
            let o = o.as_ref()?;
            match self.kind {
                ChangeKind::Ends => o.to,
                _ => Some(o.from),
            }
        };
        match (pick(&self.a), pick(&self.b)) {
            (Some(x), Some(y)) => x.min(y),
            (x, y) => x.or(y).unwrap_or(SimTime::ZERO),
        }
    }

    /// The change in a sentence, with the scenario's local times.
    pub fn describe(&self, s: &Scenario) -> String {
        let name = self.service.name();
        let span = |o: &Outline| s.span(o.from, o.to);
        match (self.kind, &self.a, &self.b) {
            (ChangeKind::Appears, _, Some(b)) => {
                format!("{name} is impaired in B ({}), not in A.", span(b))
            }
            (ChangeKind::Vanishes, Some(a), _) => {
                format!("{name} is not impaired in B; in A it is ({}).", span(a))
            }
            (ChangeKind::Starts, Some(a), Some(b)) => {
                let (d, later) = apart(a.from, b.from);
                format!(
                    "{name}'s impairment starts at {} in B, {d} {} than in A ({}).",
                    s.clock(b.from),
                    if later { "later" } else { "earlier" },
                    s.clock(a.from)
                )
            }
            (ChangeKind::Ends, Some(a), Some(b)) => match (a.to, b.to) {
                (Some(x), Some(y)) => {
                    let (d, later) = apart(x, y);
                    format!(
                        "{name}'s impairment ends at {} in B, {d} {} than in A ({}).",
                        s.clock(y),
                        if later { "later" } else { "sooner" },
                        s.clock(x)
                    )
                }
                (Some(x), None) => format!(
                    "{name} is still impaired at the end in B; in A it recovers at {}.",
                    s.clock(x)
                ),
                (None, Some(y)) => format!(
                    "{name} recovers at {} in B; in A it is still impaired at the end.",
                    s.clock(y)
                ),
                (None, None) => format!("{name}: no change in its end."),
            },
            (ChangeKind::Lasts, Some(a), Some(b)) => format!(
                "{name} is impaired for {} in all in B, against {} in A.",
                length(b.impaired_ms),
                length(a.impaired_ms)
            ),
            (ChangeKind::Worst, Some(a), Some(b)) => format!(
                "{name} is at worst {} in B, {} in A.",
                b.worst.id(),
                a.worst.id()
            ),
            _ => format!("{name} fares differently in B."),
        }
    }
}

/// How far apart two instants are, in words, and whether the second is later.
fn apart(a: SimTime, b: SimTime) -> (String, bool) {
    (length(a.ms().abs_diff(b.ms())), b > a)
}

/// "2 h 05 min", "14 min", "under a minute".
pub fn length(ms: u64) -> String {
    let m = ms / MINUTE;
    match m {
        0 => "under a minute".into(),
        1..=59 => format!("{m} min"),
        _ => format!("{} h {:02} min", m / 60, m % 60),
    }
}

/// Every way each of `services` fares differently in B than in A, in order of when the
/// difference shows.
pub fn changes(
    services: &[NodeRef],
    a: &[Impairment<NodeRef>],
    b: &[Impairment<NodeRef>],
    window: SimTime,
) -> Vec<Change> {
    let mut out = Vec::new();
    for &service in services {
        let (oa, ob) = (
            Outline::of(service, a, window),
            Outline::of(service, b, window),
        );
        let mut kinds = Vec::new();
        match (&oa, &ob) {
            (None, None) => {}
            (None, Some(_)) => kinds.push(ChangeKind::Appears),
            (Some(_), None) => kinds.push(ChangeKind::Vanishes),
            (Some(x), Some(y)) => {
                if x.from != y.from {
                    kinds.push(ChangeKind::Starts);
                }
                if x.to != y.to {
                    kinds.push(ChangeKind::Ends);
                }
                if x.from == y.from && x.to == y.to && x.impaired_ms != y.impaired_ms {
                    kinds.push(ChangeKind::Lasts);
                }
                if x.worst != y.worst {
                    kinds.push(ChangeKind::Worst);
                }
            }
        }
        out.extend(kinds.into_iter().map(|kind| Change {
            service,
            kind,
            a: oa,
            b: ob,
        }));
    }
    out.sort_by_key(Change::at);
    out
}

/// The comparison as CSV for a spreadsheet: the first divergence, then one row per change, each
/// instant in the outage's zone and in UTC (RFC 3339), quoted where a field needs it.
pub fn csv(s: &Scenario, divergence: Option<&Divergence>, changes: &[Change]) -> String {
    let mut out = String::from(
        "row,service,a_from,a_from_utc,a_to,a_to_utc,a_worst,b_from,b_from_utc,b_to,b_to_utc,b_worst,what\r\n",
    );
    let when = |t: Option<SimTime>| match t {
        Some(t) => [s.rfc3339(t), s.iso_utc(t)],
        None => [String::new(), String::new()],
    };
    let side = |o: &Option<Outline>| -> Vec<String> {
        match o {
            Some(o) => {
                let mut v = when(Some(o.from)).to_vec();
                // An impairment still on at the end of the window ends there.
                v.extend(when(Some(o.to.unwrap_or(s.window))));
                v.push(o.worst.id().to_string());
                v
            }
            None => vec![String::new(); 5],
        }
    };
    let mut row = |fields: Vec<String>| out.push_str(&csv_line(&fields));
    if let Some(d) = divergence {
        let said = |l: &Option<Line>| {
            l.as_ref()
                .map_or("(its log ends)".to_string(), |l| l.text.clone())
        };
        let mut f = vec!["first divergence".to_string(), String::new()];
        f.extend(when(Some(d.at)));
        f.extend(vec![String::new(); 3]);
        f.extend(when(Some(d.at)));
        f.extend(vec![String::new(); 3]);
        f.push(format!("A: {} | B: {}", said(&d.a), said(&d.b)));
        row(f);
    }
    for c in changes {
        let kind = match c.kind {
            ChangeKind::Appears => "appears",
            ChangeKind::Vanishes => "vanishes",
            ChangeKind::Starts => "starts",
            ChangeKind::Ends => "ends",
            ChangeKind::Lasts => "lasts",
            ChangeKind::Worst => "worst",
        };
        let mut f = vec![kind.to_string(), c.service.name().to_string()];
        f.extend(side(&c.a));
        f.extend(side(&c.b));
        f.push(c.describe(s));
        row(f);
    }
    out
}
