//! What a run shows: per node a health and an error rate, plus the model's gauges that explain
//! them. A `View` is the state at one instant; the per-minute samples of a run are views too.

use crate::engine::model::Health;
use crate::engine::time::SimTime;
use serde::Serialize;
use std::fmt::Debug;

/// The state at one instant: per node (in the model's node order) its error rate in basis
/// points and its health, and the model's gauges `G`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct View<G> {
    pub at: SimTime,
    pub error_bp: Vec<u16>,
    pub health: Vec<Health>,
    pub gauges: G,
}

impl<G> View<G> {
    /// A node's error rate as a share (0 to 1).
    pub fn error_share(&self, node: usize) -> f64 {
        f64::from(self.error_bp.get(node).copied().unwrap_or(0)) / 10_000.0
    }

    /// The nominal flow out of a node whose volume no source gives: what its errors let through.
    pub fn nominal_flow_from(&self, node: usize) -> Flow {
        let through = 1.0 - self.error_share(node);
        Flow::nominal((through * 1000.0).round() as u64)
    }
}

/// What a chart can plot of a model besides error rates, measured in a view of its gauges `G`.
pub trait Measure<G>: Copy + Debug + 'static {
    /// Every quantity, with the name a scenario file gives it.
    const ALL: &'static [(Self, &'static str)];
    fn of(self, view: &View<G>) -> f64;
    /// The quantity a scenario file names: resolved once, then measured in each view.
    fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(q, _)| *q)
    }
}

/// Declares what a model's charts can plot besides error rates: an enum of quantities, each with
/// the name scenario files give it and how it is read from the gauges (`|g| ...`, an `f64`), and
/// its [`Measure`].
#[macro_export]
macro_rules! quantities {
    (
        $(#[$meta:meta])* $vis:vis enum $Q:ident of $G:ty {
            $( $variant:ident = $name:literal, |$g:ident| $value:expr; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $Q { $( $variant, )* }

        impl $crate::engine::observe::Measure<$G> for $Q {
            const ALL: &'static [($Q, &'static str)] = &[ $( ($Q::$variant, $name), )* ];

            fn of(self, v: &$crate::engine::observe::View<$G>) -> f64 {
                match self { $( $Q::$variant => { let $g = &v.gauges; $value } )* }
            }
        }
    };
}

/// The requests one dependency edge of the map carries right now, with the rate it carries in
/// normal operation, so a drawing can scale particle density to what the model computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Flow {
    pub per_min: u64,
    pub normal_per_min: u64,
    /// What is counted, for a text alternative ("launches"); empty for a nominal flow, whose
    /// `per_min` is in thousandths of its normal rate.
    pub what: &'static str,
}

impl Flow {
    /// A flow no source gives a volume for, in thousandths of its normal rate.
    pub fn nominal(per_mille: u64) -> Flow {
        Flow {
            per_min: per_mille,
            normal_per_min: 1000,
            what: "",
        }
    }

    /// The rate as a person reads it: "540 launches/min" or "62% of normal".
    pub fn describe(&self) -> String {
        if self.what.is_empty() {
            format!("{}% of normal", self.per_min / 10)
        } else {
            format!("{} {}/min", self.per_min, self.what)
        }
    }
}

/// A row of a node's details (what the inspector lists): its label and its value.
pub fn row(label: &str, value: String) -> (String, String) {
    (label.to_string(), value)
}

/// A gauge that holds or not, as the inspector says it.
pub fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

/// An amount in tenths of a percent (per mille), as a person reads it: "13.0%".
pub fn percent(per_mille: u64) -> String {
    format!("{}.{}%", per_mille / 10, per_mille % 10)
}

/// Requests drawn in flight on an edge carrying its normal rate.
pub const NORMAL_PARTICLES: u64 = 3;

/// Requests drawn in flight on an edge: three at the normal rate, more under a surge, fewer
/// as it dries up, none when it stops; capped so a storm cannot flood the page.
pub fn particles(flow: Flow, cap: u64) -> u64 {
    if flow.per_min == 0 {
        return 0;
    }
    let n = flow
        .per_min
        .saturating_mul(NORMAL_PARTICLES)
        .saturating_add(flow.normal_per_min / 2)
        / flow.normal_per_min;
    n.clamp(1, cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow_of(per_min: u64, normal_per_min: u64) -> Flow {
        Flow {
            per_min,
            normal_per_min,
            what: "",
        }
    }

    #[test]
    fn particles_follow_the_rate_within_the_cap() {
        assert_eq!(particles(flow_of(0, 600), 8), 0);
        assert_eq!(particles(flow_of(1, 600), 8), 1);
        assert_eq!(particles(flow_of(600, 600), 8), 3);
        assert_eq!(particles(flow_of(1200, 600), 8), 6);
        assert_eq!(particles(flow_of(u64::MAX, 600), 8), 8);
        assert_eq!(Flow::nominal(620).describe(), "62% of normal");
    }
}
