//! What a model of one outage gives the engine. The engine owns time, the queue and its fixed
//! tick, the script cursor, the log, health and recordings; a model owns its mechanisms and
//! says, through these traits, what its nodes, events, parameters and interventions are, how
//! its mechanisms handle what is due, and what an observer reads from it.

use crate::engine::health::Board;
use crate::engine::log::{Encode, EventId, Milestones};
use crate::engine::observe::Measure;
use crate::engine::params::{ChoiceInfo, ParamInfo};
use crate::engine::queue::Ctx;
use crate::engine::time::SimTime;
use serde::{Deserialize, Serialize};
use std::fmt::Debug;

/// The health a node shows, by colour and by a second signal in the UI.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "kebab-case")]
pub enum Health {
    #[default]
    Healthy,
    Degraded,
    Down,
    Unknown,
}

impl Health {
    /// Its number in the digest's encoding and in packed scenarios: fixed, whatever the
    /// variants' order in the source.
    pub fn code(self) -> u8 {
        match self {
            Health::Healthy => 0,
            Health::Degraded => 1,
            Health::Down => 2,
            Health::Unknown => 3,
        }
    }

    pub fn from_code(code: u8) -> Option<Health> {
        [
            Health::Healthy,
            Health::Degraded,
            Health::Down,
            Health::Unknown,
        ]
        .into_iter()
        .find(|h| h.code() == code)
    }

    pub fn id(self) -> &'static str {
        match self {
            Health::Healthy => "healthy",
            Health::Degraded => "degraded",
            Health::Down => "down",
            Health::Unknown => "unknown",
        }
    }
}

/// A closed set of values a link, a scenario file or the CLI names by id: every value, in the
/// order they are offered, and each one's id.
pub trait Listed: Copy + PartialEq + 'static {
    const ALL: &'static [Self];
    fn id(self) -> &'static str;
    fn parse(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.id() == id)
    }
}

/// A node of a model's dependency map, listed in the order views list them. Ids are stable:
/// links, the CLI, scenario files and the UI's `data-*` attributes use them.
pub trait Node: Listed + Eq + Ord + Debug + Serialize + Send + Sync {
    fn index(self) -> usize;
    fn name(self) -> &'static str;
}

/// A node of some model, as a front end holds it: its place in views, its id and its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeRef {
    index: u16,
    id: &'static str,
    name: &'static str,
}

impl NodeRef {
    pub fn of<N: Node>(n: N) -> NodeRef {
        NodeRef {
            index: n.index() as u16,
            id: n.id(),
            name: n.name(),
        }
    }
    pub fn index(self) -> usize {
        self.index as usize
    }
    pub fn id(self) -> &'static str {
        self.id
    }
    pub fn name(self) -> &'static str {
        self.name
    }
}

/// Declares a model's nodes: an enum implementing [`Node`] (and [`Listed`]), with id and
/// display name each.
#[macro_export]
macro_rules! nodes {
    ($(#[$meta:meta])* $vis:vis enum $T:ident { $( $variant:ident = $id:literal, $name:literal; )* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "kebab-case")]
        $vis enum $T { $( $variant, )* }

        impl $crate::engine::model::Listed for $T {
            const ALL: &'static [$T] = $T::ALL;
            fn id(self) -> &'static str { $T::id(self) }
            fn parse(id: &str) -> Option<$T> { $T::parse(id) }
        }

        impl $crate::engine::model::Node for $T {
            fn index(self) -> usize { self as usize }
            fn name(self) -> &'static str { $T::name(self) }
        }

        // The same, without importing the trait.
        #[allow(dead_code)]
        impl $T {
            pub const ALL: &'static [$T] = &[ $( $T::$variant, )* ];
            pub fn index(self) -> usize { self as usize }
            pub fn id(self) -> &'static str { match self { $( $T::$variant => $id, )* } }
            pub fn name(self) -> &'static str { match self { $( $T::$variant => $name, )* } }
            pub fn parse(id: &str) -> Option<$T> { match id { $( $id => Some($T::$variant), )* _ => None } }
        }
    };
}

/// What a model's log records besides what the engine writes for every model (interventions,
/// the incident's script, changes of health: see `EntryKind`). Declared with `events!`, which
/// gives it its tags and encoding; what it means in words is the model's own.
pub trait Event:
    Encode + Milestones + Clone + Debug + PartialEq + Eq + Serialize + Send + Sync + 'static
{
    /// Routine entries (a plan applied as usual) are kept for the record but a person's log hides them.
    fn routine(&self) -> bool {
        false
    }
    /// The event in plain language; `who` is the name of the node it happened on.
    fn describe(&self, who: &str) -> String;
}

/// A model's parameters: each numeric one with unit, range and provenance (see `params!`),
/// plus any that are choices.
pub trait ParamSet: Clone + Debug + PartialEq + Eq + Default + Send + Sync + 'static {
    /// Every numeric parameter, in declaration order, with its documentation.
    fn describe(&self) -> Vec<ParamInfo>;
    fn get(&self, key: &str) -> Option<u64>;
    /// Set a numeric parameter by name, checking its range.
    fn set(&mut self, key: &str, value: u64) -> Result<(), String>;
    /// The parameters that are choices, with their options.
    fn choices(&self) -> Vec<ChoiceInfo> {
        Vec::new()
    }
    /// Set a choice parameter by the id of one of its options.
    fn set_choice(&mut self, key: &str, _value: &str) -> Result<(), String> {
        Err(format!("there is no choice parameter {key:?}"))
    }
    /// Cross-parameter checks a range cannot express.
    fn validate(&self) -> Result<(), String>;
    /// Error rates (basis points) at which a node counts as degraded, and as down.
    fn health_thresholds(&self) -> (u64, u64);
    /// Parameters whose value differs from the default, as (key, value): what a link carries.
    fn overrides(&self) -> Vec<(&'static str, u64)> {
        self.describe()
            .into_iter()
            .filter(|p| p.value != p.default)
            .map(|p| (p.key, p.value))
            .collect()
    }
    /// Choice parameters whose value differs from the default, as (key, option id).
    fn choice_overrides(&self) -> Vec<(&'static str, &'static str)> {
        self.choices()
            .into_iter()
            .filter(|c| c.value != c.default)
            .map(|c| (c.key, c.value))
            .collect()
    }
    /// Set a parameter of either kind from its text, as a link or a form gives it.
    fn set_text(&mut self, key: &str, value: &str) -> Result<(), String> {
        if self.choices().iter().any(|c| c.key == key) {
            self.set_choice(key, value)
        } else if self.get(key).is_some() {
            let n = value
                .parse::<u64>()
                .map_err(|_| format!("parameter {key} needs a whole number"))?;
            self.set(key, n)
        } else {
            Err(format!("no parameter named {key:?}"))
        }
    }
}

/// An intervention at a simulated instant: part of a run's script.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timed<I> {
    pub at: SimTime,
    #[serde(flatten)]
    pub what: I,
    /// One of the scenario's own events (its "as it happened" script), not the person's: the
    /// log says so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub incident: bool,
}

impl<I> Timed<I> {
    /// A person's intervention at `at`.
    pub fn new(at: SimTime, what: I) -> Timed<I> {
        Timed {
            at,
            what,
            incident: false,
        }
    }
}

/// What a person (or the "as it happened" script) can do to a model's run.
pub trait Intervene<M: Model>:
    Clone + Debug + PartialEq + Eq + Serialize + serde::de::DeserializeOwned + Send + Sync + 'static
{
    /// The node the intervention is logged on.
    fn node(&self) -> M::Node;
    /// A short name a person would use, e.g. "Pause Enactor A".
    fn label(&self) -> String;
    /// Its token in a link: the kind, then its fields.
    fn token(&self) -> String;
    fn parse_token(tok: &str) -> Option<Self>;
    /// The setting it sets, if it is one (a rate, a switch): a later step of the incident's
    /// script that sets the same one is skipped, so the person's choice stands. `None`: an
    /// action, which the script's own never replaces.
    fn sets(&self) -> Option<&'static str> {
        None
    }
    /// Whether it names only things that exist in a run with these parameters.
    fn check(&self, params: &M::Params) -> Result<(), String>;
    /// What the inspector offers on a node, given the run's parameters.
    fn offered(node: M::Node, params: &M::Params) -> Vec<Self>;
    /// Apply it; `by` is its entry in the log, the cause of whatever it changes.
    fn apply(&self, model: &mut M, by: EventId, cx: &mut Ctx<M>);
}

/// Per node (in `Node::ALL` order): the share of its requests that fail, and the event that
/// explains it.
pub type ErrorShares = [(f64, Option<EventId>)];

/// What one outage's runs are made of: its scenario, its step, and the types of its nodes,
/// events, scheduled actions, parameters and measurements. Declared by [`model_types!`] in the
/// model's folder; its behaviour is [`Model`].
pub trait ModelTypes: Clone + Debug + Send + Sync + Sized + 'static {
    /// The scenario id this model runs (scenario files carry the same id).
    const ID: &'static str;
    /// Step of the model's fleet-sized (fluid) subsystems.
    const TICK_MS: u64;
    type Node: Node;
    type Event: Event;
    /// What a model schedules on the engine's queue.
    type Action: Copy + Debug + Ord + Send + Sync + 'static;
    type Params: ParamSet;
    type Gauges: Clone + Debug + PartialEq + Eq + Serialize + Send + Sync + 'static;
    /// What a chart can plot besides error rates (`error:<node>` is the engine's).
    type Quantity: Measure<Self::Gauges>;
}

/// One outage's model: how its state starts, steps, answers what is due and fails.
pub trait Model: ModelTypes {
    type Intervention: Intervene<Self>;

    /// The model at time zero; `cx` lets it schedule its first events.
    fn new(params: &Self::Params, seed: u64, cx: &mut Ctx<Self>) -> Self;
    /// Handle what is due; `false` promises that no node's error share changed (so the engine
    /// need not recompute them), `true` that some may have.
    fn handle(&mut self, action: Self::Action, cx: &mut Ctx<Self>) -> bool;
    /// One step of the fleet-sized subsystems, every `TICK_MS`.
    fn tick(&mut self, cx: &mut Ctx<Self>);
    /// Per node (in `Node::ALL` order): the share of its requests that fail, and the event that
    /// explains it. `board` holds what each node showed last.
    fn errors(&self, board: &Board, params: &Self::Params, out: &mut ErrorShares);
    fn gauges(&self, now: SimTime, params: &Self::Params) -> Self::Gauges;

    /// The work (see `World::work`) one fleet tick takes: what grows with fleet-sized
    /// parameters rather than with events.
    fn tick_work(&self) -> u64 {
        1
    }
    /// Roughly how many bytes the model's state holds now: every checkpoint keeps a copy, so
    /// a run's memory is bounded by bounding the sum (see `recording::MEMORY_BUDGET`).
    fn footprint(&self) -> u64 {
        std::mem::size_of::<Self>() as u64
    }
    /// An estimate, before running, of the work a run over `window` takes, by the parameter
    /// that drives each part: what lets a run that would be too large be refused with a message
    /// that names what to change.
    fn cost(params: &Self::Params, window: SimTime) -> Vec<Cost> {
        let _ = (params, window);
        Vec::new()
    }
}

/// Check a script before running it: ordered in time, inside the window, naming things that
/// exist. An impossible intervention is an error with a message, never a panic.
pub fn check_script<M: Model>(
    script: &[Timed<M::Intervention>],
    window: SimTime,
    params: &M::Params,
) -> Result<(), String> {
    let mut last = SimTime::ZERO;
    for (i, t) in script.iter().enumerate() {
        let n = i + 1;
        if t.at < last {
            return Err(format!("intervention {n} ({}) is earlier than the one before it: scripts are ordered in time", t.what.label()));
        }
        if t.at > window {
            return Err(format!(
                "intervention {n} ({}) is after the end of the scenario window",
                t.what.label()
            ));
        }
        last = t.at;
        t.what
            .check(params)
            .map_err(|e| format!("intervention {n}: {e}"))?;
    }
    Ok(())
}

/// Part of a run's estimated work, and the parameter that drives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cost {
    pub param: &'static str,
    pub work: u64,
    /// Raising the parameter makes the work smaller (an interval, say); else lowering does.
    pub raise: bool,
}

/// What every model's module names alike: the model's [`ModelTypes`], the engine's types for
/// this model, and its "as it happened" inputs, for its mechanisms, tests and tools. A model
/// that schedules nothing besides its tick says `action: NoAction`.
#[macro_export]
macro_rules! model_types {
    ($M:ty { id: $id:literal, tick_ms: $tick:expr, node: $N:ty, event: $E:ty, action: $A:ty,
        params: $P:ty, gauges: $G:ty, quantity: $Q:ty $(,)? }) => {
        /// The scenario this model runs.
        pub const ID: &str = $id;

        impl $crate::engine::model::ModelTypes for $M {
            const ID: &'static str = $id;
            const TICK_MS: u64 = $tick;
            type Node = $N;
            type Event = $E;
            type Action = $A;
            type Params = $P;
            type Gauges = $G;
            type Quantity = $Q;
        }

        pub type Ctx<'a> = $crate::engine::queue::Ctx<'a, $M>;
        pub type Recording = $crate::engine::recording::Recording<$M>;
        pub type RunInputs = $crate::engine::recording::RunInputs<$M>;
        pub type Cursor = $crate::engine::recording::Cursor<$M>;
        pub type World = $crate::engine::world::World<$M>;
        pub type Log = $crate::engine::world::ModelLog<$M>;
        pub type LogEntry = $crate::engine::log::LogEntry<$N, $E>;
        pub type View = $crate::engine::observe::View<$G>;
        pub type Timed =
            $crate::engine::model::Timed<<$M as $crate::engine::model::Model>::Intervention>;
        pub type Impairment = $crate::engine::recording::Impairment<$N>;

        /// The "as it happened" inputs of a scenario of this model, typed.
        pub fn default_inputs(scenario: &$crate::Scenario, seed: u64) -> RunInputs {
            RunInputs::as_it_happened(scenario, seed)
        }
    };
}
