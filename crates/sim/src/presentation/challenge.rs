//! Challenges: goals a student tries to reach by intervening, checked against the run the model
//! computes (never against a list of accepted answers), so any intervention that works counts.
//! A challenge is judged only in a run where the incident begins as it did (its trigger) and
//! where the problem it is about still arises (what it is `given`): a run that removes the
//! trigger, or fixes another mechanism, has nothing to judge.

use crate::engine::recording::Impairment;
use crate::engine::time::SimTime;
use crate::presentation::run::NodeRef;
use crate::presentation::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// What must be true of a run, as written in a scenario file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Goal {
    /// The service is healthy for the whole window.
    NeverImpaired { service: String },
    /// The service, if impaired at all, is healthy again from this instant to the end.
    HealthyFrom { service: String, at: String },
}

/// What a challenge starts from: the service is impaired at this instant, as it was in the
/// incident, so the challenge is about what follows, not about preventing it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Given {
    pub service: String,
    pub at: String,
    /// Why, as a student reads it when the run does not start there ("the challenge starts
    /// after the race: keep it, and fix DWFM").
    pub why: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    pub title: String,
    pub task: String,
    /// Where to start looking: the playhead and the node a "Try it" button selects.
    pub at: String,
    pub node: String,
    pub goal: Goal,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<Given>,
    /// What the real event did, to compare with (source tag included).
    pub reality: String,
}

/// The incident's trigger, as a scenario file names it: the kind of its script step, and what
/// it is in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    #[serde(rename = "do")]
    pub token: String,
    pub what: String,
}

/// A goal with its service and instant resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckedGoal {
    NeverImpaired(NodeRef),
    HealthyFrom(NodeRef, SimTime),
}

/// A challenge with its goal and what it is given resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedChallenge {
    pub goal: CheckedGoal,
    pub given: Vec<(NodeRef, SimTime, String)>,
}

/// How a run fares on a challenge, in words a student reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Met, and what did it.
    Done(String),
    /// Not met, and why, with the figure to beat.
    NotYet(String),
    /// Nothing to judge in this run: the incident does not begin as it did, or the problem the
    /// challenge is about never arises. Not met, and says why.
    Unjudged(String),
}

impl Verdict {
    pub fn met(&self) -> bool {
        matches!(self, Verdict::Done(_))
    }

    pub fn words(&self) -> &str {
        match self {
            Verdict::Done(w) | Verdict::NotYet(w) | Verdict::Unjudged(w) => w,
        }
    }
}

fn svc(s: &Scenario, id: &str) -> Result<NodeRef, String> {
    s.node(id)
        .ok_or_else(|| format!("challenge names unknown service {id:?}"))
}

impl CheckedGoal {
    pub fn check(goal: &Goal, s: &Scenario) -> Result<CheckedGoal, String> {
        Ok(match goal {
            Goal::NeverImpaired { service } => CheckedGoal::NeverImpaired(svc(s, service)?),
            Goal::HealthyFrom { service, at } => {
                CheckedGoal::HealthyFrom(svc(s, service)?, s.at(at)?)
            }
        })
    }

    /// Whether the run reaches the goal.
    pub fn met(self, impairments: &[Impairment<NodeRef>]) -> bool {
        match self {
            CheckedGoal::NeverImpaired(svc) => !impairments.iter().any(|w| w.service == svc),
            CheckedGoal::HealthyFrom(svc, at) => impairments
                .iter()
                .filter(|w| w.service == svc)
                .all(|w| w.to.is_some_and(|to| to <= at)),
        }
    }

    /// Where the run stands against the goal, with its figure: "DWFM is healthy again from
    /// 5:28 AM; the goal is 4:30 AM".
    fn standing(self, s: &Scenario, impairments: &[Impairment<NodeRef>]) -> String {
        let of = |n: NodeRef| impairments.iter().filter(move |w| w.service == n);
        match self {
            CheckedGoal::NeverImpaired(n) => match of(n).next() {
                None => format!("{} is never impaired", n.name()),
                Some(first) => format!(
                    "{} is impaired from {}; the goal is healthy all along",
                    n.name(),
                    s.clock(first.from)
                ),
            },
            CheckedGoal::HealthyFrom(n, at) => {
                let goal = s.clock(at);
                match of(n).next_back() {
                    None => format!(
                        "{} is never impaired (the goal: healthy from {goal})",
                        n.name()
                    ),
                    Some(w) => match w.to {
                        None => format!(
                            "{} is still impaired at the end; the goal is healthy from {goal}",
                            n.name()
                        ),
                        Some(to) => format!(
                            "{} is healthy again from {}; the goal is {goal}",
                            n.name(),
                            s.clock(to)
                        ),
                    },
                }
            }
        }
    }
}

impl CheckedChallenge {
    pub fn check(c: &Challenge, s: &Scenario) -> Result<CheckedChallenge, String> {
        let given = c
            .given
            .iter()
            .map(|g| Ok((svc(s, &g.service)?, s.at(&g.at)?, g.why.clone())))
            .collect::<Result<_, String>>()?;
        Ok(CheckedChallenge {
            goal: CheckedGoal::check(&c.goal, s)?,
            given,
        })
    }

    /// The run's verdict. `steps` are the run's interventions in order, each with its instant,
    /// its link token, its label and whether it is the incident's (not the person's).
    pub fn judge(
        &self,
        s: &Scenario,
        steps: &[(SimTime, String, String, bool)],
        impairments: &[Impairment<NodeRef>],
    ) -> Verdict {
        if let Some(trigger) = &s.file.trigger {
            let kind = |token: &str| token.split('.').next().unwrap_or_default().to_string();
            if !steps
                .iter()
                .any(|(_, token, _, _)| kind(token) == trigger.token)
            {
                return Verdict::Unjudged(format!(
                    "this run has no {}. A challenge is judged in a run where the incident begins as it did: go back to the incident as it happened (About this run) to try it.",
                    trigger.what
                ));
            }
        }
        for (n, at, why) in &self.given {
            let impaired = impairments
                .iter()
                .any(|w| w.service == *n && w.from <= *at && w.to.is_none_or(|to| to > *at));
            if !impaired {
                let why = format!("{}{}", why[..1].to_uppercase(), &why[1..]);
                return Verdict::Unjudged(format!(
                    "in this run {} is not impaired at {}, so the problem this challenge is about never arises. {why}.",
                    n.name(),
                    s.clock(*at)
                ));
            }
        }
        let standing = self.goal.standing(s, impairments);
        if !self.goal.met(impairments) {
            return Verdict::NotYet(format!("{standing}."));
        }
        let yours: Vec<String> = steps
            .iter()
            .filter(|step| !step.3)
            .map(|(at, _, label, _)| format!("{label} at {}", s.clock(*at)))
            .collect();
        Verdict::Done(if yours.is_empty() {
            format!("{standing}.")
        } else {
            format!("{standing}, with {}.", yours.join(", then "))
        })
    }
}
