//! How a front end reads a model besides its health: what flows on each edge of the map, a
//! node's gauges in words, and the mechanism views. A model implements these where that logic
//! lives (its gauges, its descriptions, its views); the event loop never calls them.

use crate::engine::mechanism::{Mechanism, MechanismInfo};
use crate::engine::model::{Model, Node};
use crate::engine::observe::{Flow, View};

/// A model's gauges as the map and the inspector show them.
pub trait Observed: Model {
    /// What flows on the edge `from` → `to` (`to` depends on `from`). Unless the model computes
    /// volumes, where its sources give none, each edge carries a nominal flow and the share that
    /// gets through is what the upstream node's errors leave.
    fn flow(
        from: Self::Node,
        to: Self::Node,
        view: &View<Self::Gauges>,
        params: &Self::Params,
    ) -> Flow {
        let _ = (to, params);
        view.nominal_flow_from(from.index())
    }
    /// The one gauge that explains a node, in a few words (drawn on the map).
    fn summary(node: Self::Node, view: &View<Self::Gauges>) -> String;
    /// Every gauge the model keeps for a node, as label/value rows (the inspector).
    fn details(node: Self::Node, view: &View<Self::Gauges>) -> Vec<(String, String)>;
}

/// How the outage works, as mechanism views (see `engine::mechanism`).
pub trait Explained: Model {
    /// The mechanism views the model offers.
    const VIEWS: &'static [MechanismInfo] = &[];
    /// What the view `id` shows at the view's instant; `None` for an unknown id.
    fn mechanism(id: &str, view: &View<Self::Gauges>, params: &Self::Params) -> Option<Mechanism> {
        let _ = (id, view, params);
        None
    }
}

/// A model a front end can show: the registry hands the presentation only such models.
pub trait Presented: Observed + Explained {}

impl<M: Observed + Explained> Presented for M {}
