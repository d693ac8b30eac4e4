//! Health per node: the error share each mechanism reports, turned into a colour, with the
//! event that explains every change of colour.

use crate::engine::log::{EntryKind, EventId};
use crate::engine::model::{Health, Listed, Model, Node, ParamSet};
use crate::engine::queue::Ctx;

/// The one among several causes with the largest share (the first on a tie).
#[inline(always)]
pub fn worst(xs: &[(f64, Option<EventId>)]) -> (f64, Option<EventId>) {
    xs.iter()
        .copied()
        .fold((0.0, None), |a, b| if b.0 > a.0 { b } else { a })
}

#[derive(Clone, Debug)]
pub struct Board {
    /// Per node (in the model's node order): error rate in basis points.
    pub error_bp: Vec<u16>,
    pub health: Vec<Health>,
    /// The health change each node last showed: what a dependent's failure points back to.
    changed_by: Vec<Option<EventId>>,
    /// The share each node was last shown for (its bits): most events change few shares, and
    /// an unchanged share cannot change the colour.
    shown_share: Vec<u64>,
}

impl Board {
    pub fn new(nodes: usize) -> Board {
        Board {
            error_bp: vec![0; nodes],
            health: vec![Health::Healthy; nodes],
            changed_by: vec![None; nodes],
            shown_share: vec![0.0f64.to_bits(); nodes],
        }
    }

    /// The event behind the health `node` shows.
    pub fn event(&self, node: impl Node) -> Option<EventId> {
        self.changed_by[node.index()]
    }

    pub fn update<M: Model>(&mut self, errors: &[(f64, Option<EventId>)], cx: &mut Ctx<M>) {
        let (deg, down) = cx.params.health_thresholds();
        let n = M::Node::ALL.len();
        // Slices of one length, so the loop below needs no bounds checks.
        let errors = &errors[..n];
        let shown_share = &mut self.shown_share[..n];
        for (i, node) in M::Node::ALL.iter().enumerate() {
            let (share, cause) = errors[i];
            if share.to_bits() == shown_share[i] {
                continue;
            }
            shown_share[i] = share.to_bits();
            let bp = (share.clamp(0.0, 1.0) * 10_000.0).round() as u16;
            let health = if bp as u64 >= down {
                Health::Down
            } else if bp as u64 >= deg {
                Health::Degraded
            } else {
                Health::Healthy
            };
            self.error_bp[i] = bp;
            let from = self.health[i];
            if health != from {
                self.health[i] = health;
                let kind = EntryKind::HealthChanged {
                    from,
                    to: health,
                    error_bp: bp as u32,
                };
                let id = cx.log_engine(*node, kind, cause);
                self.changed_by[i] = Some(id);
            }
        }
    }
}
