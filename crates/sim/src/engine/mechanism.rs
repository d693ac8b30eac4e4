//! A mechanism view: how an outage works, as data a front end draws with a few generic forms.
//! A model declares its views (`Model::mechanisms`) and says what each shows at an instant
//! (`Model::mechanism`): its actors' states, drawn as lanes over the minutes before the
//! playhead, and figures of the instant (a quantity against its limit, a population by state,
//! load against goodput). A new outage adds a declaration, not drawing code.

use crate::engine::observe::percent;
use crate::engine::time::{SimDuration, SimTime};
use serde::Serialize;

/// A view a model offers: its id (scenario chapters name it), its title, and how far back its
/// lanes look from the playhead, in how many samples.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MechanismInfo {
    pub id: &'static str,
    pub title: &'static str,
    /// What the view teaches, in one sentence (its caption and the start of its text form).
    pub lesson: &'static str,
    pub span: SimDuration,
    pub samples: u32,
}

/// How a state reads: drawn with a colour, a fill pattern and its words, never colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tone {
    /// Nothing to do, or stopped by a person.
    Idle,
    /// Doing its normal work.
    Working,
    /// Holding on to something the rest of the system has moved past.
    Strained,
    /// Failing: what the lesson is about.
    Failed,
}

impl Tone {
    pub fn id(self) -> &'static str {
        match self {
            Tone::Idle => "idle",
            Tone::Working => "working",
            Tone::Strained => "strained",
            Tone::Failed => "failed",
        }
    }
}

/// One actor's state at an instant. Consecutive samples with the same `phase` and tone form one
/// segment of its lane, labelled with that phase; `now` is the full state at the instant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LaneState {
    pub actor: String,
    pub phase: String,
    pub now: String,
    pub tone: Tone,
}

impl LaneState {
    /// An actor in the first of `phases` whose condition holds (listed in the order they take
    /// precedence, each with its tone), else in `otherwise`.
    pub fn first_of(
        actor: impl Into<String>,
        phases: &[(bool, &str, Tone)],
        otherwise: (&str, Tone),
        now: String,
    ) -> LaneState {
        let (phase, tone) = phases
            .iter()
            .find(|(holds, ..)| *holds)
            .map_or(otherwise, |&(_, phase, tone)| (phase, tone));
        LaneState {
            actor: actor.into(),
            phase: phase.into(),
            now,
            tone,
        }
    }

    /// An actor with two phases: `trouble` (in its tone) while `failing`, else `fine` (working).
    pub fn either(
        actor: impl Into<String>,
        failing: bool,
        (trouble, tone): (&str, Tone),
        fine: &str,
        now: String,
    ) -> LaneState {
        LaneState::first_of(
            actor,
            &[(failing, trouble, tone)],
            (fine, Tone::Working),
            now,
        )
    }
}

/// A part of a population: how many are in one state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Part {
    pub state: String,
    pub count: u64,
    pub tone: Tone,
}

impl Part {
    pub fn new(state: &str, count: u64, tone: Tone) -> Part {
        Part {
            state: state.into(),
            count,
            tone,
        }
    }
}

/// What a view shows of the instant, besides its lanes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "form", rename_all = "kebab-case")]
pub enum Figure {
    /// A quantity against the limit it must stay under (or, with `under`, above).
    Against {
        label: String,
        unit: &'static str,
        value: u64,
        limit: u64,
        /// What the limit is, in a word or two ("OS limit", "pool", "oldest kept").
        limit_is: &'static str,
        /// The limit is a floor: falling below it is the failure (free space, say).
        under: bool,
    },
    /// A population by state, every member counted once.
    Population {
        label: String,
        unit: &'static str,
        parts: Vec<Part>,
    },
    /// Work offered against work done.
    Goodput {
        label: String,
        unit: &'static str,
        offered: u64,
        done: u64,
    },
}

/// The unit of amounts given in tenths of a percent (per mille), shown as percentages.
pub const PERCENT: &str = "%";

/// An amount with its unit, as a person reads it: "5199 threads", "13.0%", "84".
pub fn amount(value: u64, unit: &str) -> String {
    match unit {
        PERCENT => percent(value),
        "" => value.to_string(),
        _ => format!("{value} {unit}"),
    }
}

/// Which way a quantity has crossed its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breach {
    /// Past a limit it must stay under.
    Over,
    /// Below a floor it must stay above.
    Under,
}

impl Figure {
    /// Whether the figure shows the failure: a quantity past its limit (or under its floor),
    /// work mostly wasted; a population says its failing parts by their tones instead.
    pub fn failing(&self) -> bool {
        match self {
            Figure::Against { .. } => self.breach().is_some(),
            Figure::Goodput { offered, done, .. } => offered.saturating_sub(*done) > *done,
            Figure::Population { .. } => false,
        }
    }

    /// Which way a quantity against its limit has crossed it; `None` within it, and for the
    /// forms without a limit.
    pub fn breach(&self) -> Option<Breach> {
        match self {
            Figure::Against {
                value,
                limit,
                under: true,
                ..
            } if value < limit => Some(Breach::Under),
            Figure::Against {
                value,
                limit,
                under: false,
                ..
            } if value > limit => Some(Breach::Over),
            _ => None,
        }
    }

    /// The figure in words, for a screen reader and the command line.
    pub fn describe(&self) -> String {
        match self {
            Figure::Against {
                label,
                unit,
                value,
                limit,
                limit_is,
                ..
            } => {
                let verdict = match self.breach() {
                    Some(Breach::Under) => ", under it",
                    Some(Breach::Over) => ", over it",
                    None => "",
                };
                format!(
                    "{label}: {} against the {limit_is} of {}{verdict}",
                    amount(*value, unit),
                    amount(*limit, unit)
                )
            }
            Figure::Population { label, unit, parts } => {
                let total: u64 = parts.iter().map(|p| p.count).sum();
                let each: Vec<String> = parts
                    .iter()
                    .map(|p| format!("{} {}", amount(p.count, unit), p.state))
                    .collect();
                format!("{label} ({}): {}", amount(total, unit), each.join(", "))
            }
            Figure::Goodput {
                label,
                unit,
                offered,
                done,
            } => format!(
                "{label}: {} offered, {} done",
                amount(*offered, unit),
                amount(*done, unit)
            ),
        }
    }
}

/// A view at one instant.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Mechanism {
    pub lanes: Vec<LaneState>,
    pub figures: Vec<Figure>,
}

/// A stretch of a lane in which its actor kept one phase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub from: SimTime,
    pub to: SimTime,
    pub phase: String,
    pub tone: Tone,
}

/// One actor's lane over the view's span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Track {
    pub actor: String,
    pub segments: Vec<Segment>,
}

/// The step between a view's samples.
pub fn step(info: &MechanismInfo) -> u64 {
    (info.span / u64::from(info.samples.max(1))).max(1)
}

/// The instants a view samples to draw its lanes ending at `until`: every whole step (counted
/// from time zero, so that a moving playhead reuses the samples it has) within the span before
/// `until`, then `until` itself.
pub fn instants(info: &MechanismInfo, until: SimTime) -> Vec<SimTime> {
    let step = step(info);
    let from = until.ms().saturating_sub(info.span).div_ceil(step);
    let mut out: Vec<SimTime> = (from..=until.ms() / step)
        .map(|k| SimTime(k * step))
        .collect();
    if out.last() != Some(&until) {
        out.push(until);
    }
    out
}

/// Lanes from the views sampled at `instants` (each a `Mechanism`'s lanes, in time order):
/// consecutive samples of an actor with the same phase and tone become one segment, which
/// lasts until the next sample (the last until the last instant).
pub fn tracks(samples: &[(SimTime, Vec<LaneState>)]) -> Vec<Track> {
    let mut out: Vec<Track> = Vec::new();
    let end = samples.last().map(|(t, _)| *t).unwrap_or(SimTime::ZERO);
    for (at, lanes) in samples {
        for lane in lanes {
            let track = match out.iter_mut().position(|t| t.actor == lane.actor) {
                Some(i) => &mut out[i],
                None => {
                    out.push(Track {
                        actor: lane.actor.clone(),
                        segments: Vec::new(),
                    });
                    out.last_mut().expect("just pushed")
                }
            };
            match track.segments.last_mut() {
                Some(s) if s.phase == lane.phase && s.tone == lane.tone => s.to = *at,
                last => {
                    if let Some(s) = last {
                        s.to = *at;
                    }
                    track.segments.push(Segment {
                        from: *at,
                        to: *at,
                        phase: lane.phase.clone(),
                        tone: lane.tone,
                    });
                }
            }
        }
    }
    for t in &mut out {
        if let Some(s) = t.segments.last_mut() {
            s.to = end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lane(phase: &str, tone: Tone) -> Vec<LaneState> {
        vec![LaneState {
            actor: "A".into(),
            phase: phase.into(),
            now: phase.into(),
            tone,
        }]
    }

    #[test]
    fn samples_with_one_phase_make_one_segment_up_to_the_next_phase() {
        let t = SimTime;
        let tr = tracks(&[
            (t(0), lane("plan 1", Tone::Working)),
            (t(10), lane("plan 1", Tone::Working)),
            (t(20), lane("plan 2", Tone::Working)),
            (t(30), lane("plan 2", Tone::Failed)),
        ]);
        let spans: Vec<(u64, u64, &str)> = tr[0]
            .segments
            .iter()
            .map(|s| (s.from.ms(), s.to.ms(), s.phase.as_str()))
            .collect();
        assert_eq!(
            spans,
            vec![(0, 20, "plan 1"), (20, 30, "plan 2"), (30, 30, "plan 2")]
        );
    }

    #[test]
    fn instants_fall_on_whole_steps_end_at_the_playhead_and_never_precede_time_zero() {
        let info = MechanismInfo {
            id: "x",
            title: "x",
            lesson: "x",
            span: 100,
            samples: 4,
        };
        let at: Vec<u64> = instants(&info, SimTime(250))
            .iter()
            .map(|t| t.ms())
            .collect();
        assert_eq!(at, vec![150, 175, 200, 225, 250]);
        let at: Vec<u64> = instants(&info, SimTime(260))
            .iter()
            .map(|t| t.ms())
            .collect();
        assert_eq!(at, vec![175, 200, 225, 250, 260]);
        assert_eq!(instants(&info, SimTime(30)).len(), 3);
    }
}
