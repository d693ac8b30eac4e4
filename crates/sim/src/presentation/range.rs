//! An embed's range: the part of an outage a course page shows, and outside which nothing is
//! reachable. A link writes each end as a chapter (`from=ch2&to=ch4`, counted from 1 as the
//! chapters are numbered on screen) or as a time the way `t` is written
//! (`from=01:00&to=05:30:00`). Either end may be left out: the window's start or end.

use crate::engine::time::SimTime;
use crate::presentation::link::{clock, parse_clock};
use crate::presentation::scenario::Scenario;

/// One end of a range, as the link writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// Chapter `n`, counted from 1. As the start: its moment. As the end: up to the next
    /// chapter's moment (the window's end after the last), so the chapter plays out.
    Chapter(u32),
    /// An instant of the window.
    At(SimTime),
}

impl Bound {
    /// `ch2`, or a time as `t` is written.
    pub fn parse(s: &Scenario, text: &str) -> Result<Bound, String> {
        match text.strip_prefix("ch") {
            Some(n) => n
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=s.file.chapters.len() as u32).contains(n))
                .map(Bound::Chapter)
                .ok_or_else(|| {
                    format!(
                        "there is no chapter {:?} (this outage has chapters ch1 to ch{})",
                        text.chars().take(40).collect::<String>(),
                        s.file.chapters.len()
                    )
                }),
            None => parse_clock(s, text).map(Bound::At),
        }
    }

    pub fn encode(&self, s: &Scenario) -> String {
        match self {
            Bound::Chapter(n) => format!("ch{n}"),
            Bound::At(t) => clock(s, *t),
        }
    }
}

/// The range a link asks for: at least one end is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub from: Option<Bound>,
    pub to: Option<Bound>,
}

/// What a range covers in a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub from: SimTime,
    pub to: SimTime,
    /// The first and last chapter (counted from 0) the range holds, if it holds any.
    pub chapters: Option<(usize, usize)>,
}

impl Span {
    pub fn contains(&self, t: SimTime) -> bool {
        (self.from..=self.to).contains(&t)
    }
    /// `t` moved to the nearer end of the span if it lies outside.
    pub fn clamp(&self, t: SimTime) -> SimTime {
        t.clamp(self.from, self.to)
    }
    pub fn holds_chapter(&self, i: usize) -> bool {
        self.chapters.is_some_and(|(a, b)| (a..=b).contains(&i))
    }
}

impl Range {
    /// The instants and chapters the range covers; an error if it covers no time at all.
    pub fn span(&self, s: &Scenario) -> Result<Span, String> {
        let at = |i: usize| {
            s.file
                .chapters
                .get(i)
                .and_then(|c| s.at(&c.at).ok())
                .unwrap_or(s.window)
        };
        let from = match self.from {
            None => SimTime::ZERO,
            Some(Bound::At(t)) => t,
            Some(Bound::Chapter(n)) => at(n as usize - 1),
        };
        let to = match self.to {
            None => s.window,
            Some(Bound::At(t)) => t,
            // Chapter n plays until chapter n + 1 begins (`at` gives the window's end after
            // the last chapter).
            Some(Bound::Chapter(n)) => at(n as usize),
        };
        if from >= to {
            return Err(format!(
                "the range from {} to {} ends before it starts",
                clock(s, from),
                clock(s, to)
            ));
        }
        let moments: Vec<SimTime> = (0..s.file.chapters.len()).map(at).collect();
        let first = moments.iter().position(|m| *m >= from);
        let mut last = moments.iter().rposition(|m| *m <= to);
        // A range that ends with a chapter holds the chapters up to it, not the next one,
        // which begins exactly where the range ends.
        if let (Some(l), Some(Bound::Chapter(n))) = (last, self.to) {
            last = Some(l.min(n as usize - 1));
        }
        let chapters = match (first, last) {
            (Some(a), Some(b)) if a <= b => Some((a, b)),
            _ => None,
        };
        Ok(Span { from, to, chapters })
    }
}
