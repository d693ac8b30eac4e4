//! Challenges: goals a student tries to reach by intervening, checked against the run the model
//! computes (never against a list of accepted answers), so any intervention that works counts.

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

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    pub title: String,
    pub task: String,
    /// Where to start looking: the playhead and the node a "Try it" button selects.
    pub at: String,
    pub node: String,
    pub goal: Goal,
    /// What the real event did, to compare with (source tag included).
    pub reality: String,
}

/// A goal with its service and instant resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckedGoal {
    NeverImpaired(NodeRef),
    HealthyFrom(NodeRef, SimTime),
}

impl CheckedGoal {
    pub fn check(goal: &Goal, s: &Scenario) -> Result<CheckedGoal, String> {
        let svc = |id: &str| {
            s.node(id)
                .ok_or_else(|| format!("challenge names unknown service {id:?}"))
        };
        Ok(match goal {
            Goal::NeverImpaired { service } => CheckedGoal::NeverImpaired(svc(service)?),
            Goal::HealthyFrom { service, at } => CheckedGoal::HealthyFrom(svc(service)?, s.at(at)?),
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
}
