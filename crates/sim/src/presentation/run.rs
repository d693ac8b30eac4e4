//! The engine seen from outside, without naming a model: a front end (the app, the CLI) holds a
//! scenario and a `Run`, and everything it asks of them is data (nodes by id, parameters by key,
//! interventions by their link tokens, views as error rates plus words). Each model is reached
//! through [`ModelOf`], so dispatch is one virtual call per question and nothing outside a
//! model's folder names its types.

use crate::engine::log::LogEntry;
use crate::engine::mechanism::{self, LaneState, Mechanism, MechanismInfo, Track};
pub use crate::engine::model::NodeRef;
use crate::engine::model::{check_script, Event, Intervene, Listed, Model, Node, ParamSet, Timed};
use crate::engine::observe::{Flow, Measure, View};
use crate::engine::params::{ChoiceInfo, ParamInfo};
use crate::engine::recording::{Building, Cursor, Impairment, Recording, RunInputs};
use crate::engine::time::SimTime;
use crate::presentation::challenge::Verdict;
use crate::presentation::contrast::Divergence;
use crate::presentation::observed::Presented;
use crate::presentation::reality::{compare, departures, Comparison};
use crate::presentation::scenario::Scenario;
use std::any::Any;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

/// An intervention at an instant, by its link token: how a front end names one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub at: SimTime,
    pub token: String,
}

/// Everything that determines a run, as data: parameters that differ from the model's
/// defaults (key, value as text) and the script as tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inputs {
    pub scenario: String,
    pub seed: u64,
    pub params: Vec<(String, String)>,
    pub script: Vec<Step>,
}

impl Inputs {
    /// These inputs with one parameter set (or, given its default, dropped).
    pub fn with_param(&self, key: &str, value: Option<String>) -> Inputs {
        let mut next = self.clone();
        next.params.retain(|(k, _)| k != key);
        if let Some(v) = value {
            next.params.push((key.to_string(), v));
        }
        next
    }
}

impl<M: Model> RunInputs<M> {
    /// These inputs as data.
    pub fn erase(&self) -> Inputs {
        let p = &self.params;
        let mut params: Vec<(String, String)> = p
            .overrides()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        params.extend(
            p.choice_overrides()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string())),
        );
        Inputs {
            scenario: self.scenario.clone(),
            seed: self.seed,
            params,
            script: self
                .script
                .iter()
                .map(|t| Step {
                    at: t.at,
                    token: t.what.token(),
                })
                .collect(),
        }
    }

    /// Inputs read back from data; every problem is a message.
    pub fn from_data(inputs: &Inputs, window: SimTime) -> Result<RunInputs<M>, String> {
        let mut params = M::Params::default();
        for (k, v) in &inputs.params {
            params.set_text(k, v)?;
        }
        params.validate()?;
        let script = inputs
            .script
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let what = M::Intervention::parse_token(&s.token).ok_or_else(|| {
                    format!(
                        "intervention {} ({:?}) is not one this scenario knows",
                        i + 1,
                        s.token
                    )
                })?;
                Ok(Timed::new(s.at, what))
            })
            .collect::<Result<Vec<_>, String>>()?;
        check_script::<M>(&script, window, &params)?;
        Ok(RunInputs {
            scenario: inputs.scenario.clone(),
            seed: inputs.seed,
            params,
            script,
        })
    }

    /// Inputs of `scenario` read back from data, the steps of its "as it happened" script
    /// marked as the incident's (a link or a script file carries no mark: a step is the
    /// incident's when the scenario's script has it, at the same instant).
    pub fn of(scenario: &Scenario, inputs: &Inputs) -> Result<RunInputs<M>, String> {
        let mut typed = Self::from_data(inputs, scenario.window)?;
        for (t, step) in typed.script.iter_mut().zip(&inputs.script) {
            t.incident = scenario.default_script.contains(step);
        }
        Ok(typed)
    }

    /// The scenario's "as it happened" inputs with this seed.
    pub fn as_it_happened(scenario: &Scenario, seed: u64) -> RunInputs<M> {
        RunInputs::of(scenario, &scenario.default_inputs(seed))
            .expect("a scenario's own script was checked when it was parsed")
    }
}

/// A view of some model: error rates and health per node (in node order), and the model's
/// whole view, which only that model reads (lent to it, never copied, for every question).
#[derive(Clone)]
pub struct Frame {
    pub at: SimTime,
    pub error_bp: Vec<u16>,
    pub health: Vec<crate::engine::model::Health>,
    view: Arc<dyn Any + Send + Sync>,
}

impl Frame {
    fn of<G: Send + Sync + 'static>(v: View<G>) -> Frame {
        Frame {
            at: v.at,
            error_bp: v.error_bp.clone(),
            health: v.health.clone(),
            view: Arc::new(v),
        }
    }

    fn view<G: 'static>(&self) -> Option<&View<G>> {
        self.view.downcast_ref::<View<G>>()
    }
}

impl fmt::Debug for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Frame")
            .field("at", &self.at)
            .field("error_bp", &self.error_bp)
            .field("health", &self.health)
            .finish_non_exhaustive()
    }
}

impl PartialEq for Frame {
    fn eq(&self, other: &Frame) -> bool {
        self.at == other.at
            && self.error_bp == other.error_bp
            && self.health == other.health
            && Arc::ptr_eq(&self.view, &other.view)
    }
}

/// Where a person last looked in a run (see `Recording::view_with`), for any model.
#[derive(Default)]
pub struct AnyCursor(Option<Box<dyn Any + Send + Sync>>);

/// A log entry as a front end shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub id: u32,
    pub at: SimTime,
    pub node: NodeRef,
    pub text: String,
    pub routine: bool,
}

impl Line {
    fn of<N: Node, E: Event>(e: &LogEntry<N, E>) -> Line {
        Line {
            id: e.id,
            at: e.at,
            node: NodeRef::of(e.node),
            text: e.describe(),
            routine: e.routine(),
        }
    }
}

/// An intervention a front end can offer: what it says and the token it is made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    pub label: String,
    pub token: String,
    /// The setting it sets, if it is one (see `Intervene::sets`).
    pub sets: Option<&'static str>,
}

/// A recorded run of any model.
pub trait Run: Send + Sync {
    /// A stand-in while the run is computed (see `ModelDyn::pending`): no outcome yet.
    fn is_pending(&self) -> bool {
        false
    }
    fn inputs(&self) -> &Inputs;
    fn window(&self) -> SimTime;
    fn digest(&self) -> String;
    /// The view at `t`, continuing from `cursor` where that is cheaper.
    fn frame_with(&self, cursor: &mut AnyCursor, t: SimTime) -> Frame;
    fn frame_at(&self, t: SimTime) -> Frame;
    /// Log entries at or before `t`.
    fn log_len_until(&self, t: SimTime) -> usize;
    /// Of the first `n` log entries, the last `newest` (newest first), without routine ones
    /// unless asked, of one node or all.
    fn lines(&self, n: usize, routine: bool, node: Option<NodeRef>, newest: usize) -> Vec<Line>;
    /// When each entry a person would read about happened (routine ones left out), in order.
    fn notable_times(&self) -> Vec<SimTime>;
    /// Turning points for the timeline: the entry and its short name.
    fn milestones(&self) -> Vec<(Line, &'static str)>;
    /// "Why is this red?": the chain behind `node`'s last turn for the worse at or before `t`.
    fn why_unhealthy(&self, node: NodeRef, t: SimTime) -> Vec<Line>;
    fn impairments(&self) -> Vec<Impairment<NodeRef>>;
    /// A chart quantity at every sample: (instant, value).
    fn series(&self, quantity: &str) -> Vec<(SimTime, f64)>;
    /// A chart quantity at one instant.
    fn quantity(&self, name: &str, frame: &Frame) -> Option<f64>;
    fn flow(&self, from: NodeRef, to: NodeRef, frame: &Frame) -> Flow;
    fn summary(&self, node: NodeRef, frame: &Frame) -> String;
    fn details(&self, node: NodeRef, frame: &Frame) -> Vec<(String, String)>;
    /// The mechanism views the run's model offers.
    fn mechanisms(&self) -> &'static [MechanismInfo];
    /// The view `id` at the frame's instant.
    fn mechanism(&self, id: &str, frame: &Frame) -> Option<Mechanism>;
    /// The view `id`'s lanes over its span, ending at `until`.
    fn tracks(&self, id: &str, until: SimTime) -> Vec<Track>;
    fn offered(&self, node: NodeRef) -> Vec<Offer>;
    /// Where a setting stands at `t`: the instant and token of the step in force (the
    /// person's latest, which the script's later ones never override; else the script's).
    fn setting_at(&self, sets: &str, t: SimTime) -> Option<(SimTime, String)>;
    fn param_infos(&self) -> Vec<ParamInfo>;
    fn choices(&self) -> Vec<ChoiceInfo>;
    /// A new run with the intervention `token` at `t` (see `Recording::fork`), to compute a
    /// slice at a time.
    fn start_fork(&self, t: SimTime, token: &str) -> Result<Box<dyn Build>, String>;
    /// How the run fares on each of the scenario's challenges.
    fn judge_challenges(&self, scenario: &Scenario) -> Vec<Verdict>;
    fn challenges_met(&self, scenario: &Scenario) -> Vec<bool> {
        self.judge_challenges(scenario)
            .iter()
            .map(Verdict::met)
            .collect()
    }
    fn compare(&self, scenario: &Scenario) -> Vec<Comparison>;
    /// Where the run departs from the record, in words (see `reality::departures`), given its
    /// comparison with the record (`compare`).
    fn departures(&self, scenario: &Scenario, rows: &[Comparison]) -> Vec<String>;
    /// The run as `Any`, so a run can meet another of its own model (see `first_divergence`).
    fn as_any(&self) -> &dyn Any;
    /// The first log entry at which `other` differs from this run (this run is "A"); `None`
    /// when the logs are the same, or the runs are of different models.
    fn first_divergence(&self, other: &dyn Run) -> Option<Divergence>;
}

/// A model as the registry lists it (see `models`).
pub trait ModelDyn: Send + Sync {
    fn id(&self) -> &'static str;
    fn nodes(&self) -> Vec<NodeRef>;
    fn has_quantity(&self, name: &str) -> bool;
    /// The mechanism views the model offers.
    fn mechanisms(&self) -> &'static [MechanismInfo];
    /// What each edge `from` → `to` counts ("launches"), or "" for a nominal flow.
    fn counts(&self, edges: &[(NodeRef, NodeRef)]) -> Vec<&'static str>;
    /// A token as the model reads it, with its label; `None`: no such intervention.
    fn label(&self, token: &str) -> Option<String>;
    /// Inputs that are well-formed and within the window, or why not.
    fn check(&self, inputs: &Inputs, window: SimTime) -> Result<(), String>;
    /// A run of `inputs`, to compute a slice at a time (`crate::run` runs it all at once).
    fn start(&self, scenario: &Scenario, inputs: &Inputs) -> Result<Box<dyn Build>, String>;
    /// What a front end shows while the run of `inputs` is computed: its inputs, window,
    /// parameters and the interventions it offers, but no outcome yet (see [`Pending`]). `Err`
    /// where `start` would refuse the run, but without building anything.
    fn pending(&self, scenario: &Scenario, inputs: &Inputs) -> Result<Arc<dyn Run>, String>;
}

/// A run being computed (see `recording::Building`): a front end steps it a slice at a time,
/// shows how far it has got, and drops it to cancel.
pub trait Build: Send + Sync {
    /// Compute at most `steps` more steps (`recording::STEP` each); `Ok(true)` once complete.
    fn step(&mut self, steps: usize) -> Result<bool, String>;
    /// The simulated instant reached, and the window's end.
    fn progress(&self) -> (SimTime, SimTime);
    /// The finished run; `None` if it is not complete.
    fn finish(self: Box<Self>) -> Option<Arc<dyn Run>>;
}

impl<M: Presented> Build for Building<M> {
    fn step(&mut self, steps: usize) -> Result<bool, String> {
        Building::step(self, steps)
    }
    fn progress(&self) -> (SimTime, SimTime) {
        Building::progress(self)
    }
    fn finish(self: Box<Self>) -> Option<Arc<dyn Run>> {
        let rec = Building::finish(*self)?;
        Some(Arc::new(Session::new(rec)))
    }
}

fn offer_of<M: Model>(i: &M::Intervention) -> Offer {
    Offer {
        label: i.label(),
        token: i.token(),
        sets: i.sets(),
    }
}

/// What a front end shows while the run of `inputs` is computed (see [`Pending`]).
fn pending_of<M: Presented>(inputs: &RunInputs<M>, window: SimTime) -> Arc<dyn Run> {
    let params = &inputs.params;
    let offers = M::Node::ALL
        .iter()
        .map(|n| {
            M::Intervention::offered(*n, params)
                .into_iter()
                .map(|i| offer_of::<M>(&i))
                .collect()
        })
        .collect();
    Arc::new(Pending {
        inputs: inputs.erase(),
        window,
        nodes: M::Node::ALL.len(),
        mechanisms: M::VIEWS,
        offers,
        params: params.describe(),
        choices: params.choices(),
        unknown: Arc::new(()),
    })
}

/// The registry's handle on model `M`.
pub struct ModelOf<M>(PhantomData<fn() -> M>);

impl<M> ModelOf<M> {
    pub const NEW: ModelOf<M> = ModelOf(PhantomData);
}

fn node_of<M: Model>(n: NodeRef) -> Option<M::Node> {
    M::Node::ALL.get(n.index()).copied()
}

impl<M: Presented> ModelDyn for ModelOf<M> {
    fn id(&self) -> &'static str {
        M::ID
    }
    fn nodes(&self) -> Vec<NodeRef> {
        M::Node::ALL.iter().map(|n| NodeRef::of(*n)).collect()
    }
    fn mechanisms(&self) -> &'static [MechanismInfo] {
        M::VIEWS
    }
    fn has_quantity(&self, name: &str) -> bool {
        match name.strip_prefix("error:") {
            Some(id) => M::Node::parse(id).is_some(),
            None => M::Quantity::parse(name).is_some(),
        }
    }
    fn counts(&self, edges: &[(NodeRef, NodeRef)]) -> Vec<&'static str> {
        // What an edge counts does not depend on the instant: any view will do, made once.
        let params = M::Params::default();
        let view = crate::engine::world::World::<M>::new(params.clone(), 0).view();
        edges
            .iter()
            .map(
                |(from, to)| match (node_of::<M>(*from), node_of::<M>(*to)) {
                    (Some(a), Some(b)) => M::flow(a, b, &view, &params).what,
                    _ => "",
                },
            )
            .collect()
    }
    fn label(&self, token: &str) -> Option<String> {
        M::Intervention::parse_token(token).map(|i| i.label())
    }
    fn check(&self, inputs: &Inputs, window: SimTime) -> Result<(), String> {
        RunInputs::<M>::from_data(inputs, window).map(|_| ())
    }
    fn start(&self, scenario: &Scenario, inputs: &Inputs) -> Result<Box<dyn Build>, String> {
        let typed = RunInputs::<M>::of(scenario, inputs)?;
        Ok(Box::new(Recording::start(scenario.window, typed)?))
    }
    fn pending(&self, scenario: &Scenario, inputs: &Inputs) -> Result<Arc<dyn Run>, String> {
        let typed = RunInputs::<M>::of(scenario, inputs)?;
        Recording::may_start(scenario.window, &typed)?;
        Ok(pending_of(&typed, scenario.window))
    }
}

/// A recording with its inputs as data, kept beside it.
struct Session<M: Presented> {
    rec: Recording<M>,
    inputs: Inputs,
}

impl<M: Presented> Session<M> {
    fn new(rec: Recording<M>) -> Session<M> {
        let inputs = rec.inputs.erase();
        Session { rec, inputs }
    }
    fn node(&self, n: NodeRef) -> Option<M::Node> {
        node_of::<M>(n)
    }
}

impl<M: Presented> Run for Session<M> {
    fn inputs(&self) -> &Inputs {
        &self.inputs
    }
    fn window(&self) -> SimTime {
        self.rec.window
    }
    fn digest(&self) -> String {
        self.rec.digest()
    }
    fn frame_with(&self, cursor: &mut AnyCursor, t: SimTime) -> Frame {
        let mut typed: Option<Cursor<M>> = cursor
            .0
            .take()
            .and_then(|b| b.downcast::<Cursor<M>>().ok())
            .map(|b| *b);
        let view = self.rec.view_with(&mut typed, t);
        cursor.0 = typed.map(|c| Box::new(c) as Box<dyn Any + Send + Sync>);
        Frame::of(view)
    }
    fn frame_at(&self, t: SimTime) -> Frame {
        Frame::of(self.rec.view_at(t))
    }
    fn log_len_until(&self, t: SimTime) -> usize {
        self.rec.log_until(t).len()
    }
    fn lines(&self, n: usize, routine: bool, node: Option<NodeRef>, newest: usize) -> Vec<Line> {
        let entries = &self.rec.log.entries;
        entries[..n.min(entries.len())]
            .iter()
            .rev()
            .filter(|e| routine || !e.routine())
            .filter(|e| node.is_none_or(|want| NodeRef::of(e.node) == want))
            .take(newest)
            .map(Line::of)
            .collect()
    }
    fn notable_times(&self) -> Vec<SimTime> {
        self.rec
            .log
            .entries
            .iter()
            .filter(|e| !e.routine())
            .map(|e| e.at)
            .collect()
    }
    fn milestones(&self) -> Vec<(Line, &'static str)> {
        self.rec
            .log
            .entries
            .iter()
            // Only milestones are written out as text.
            .filter_map(|e| {
                let what = e.milestone()?;
                Some((Line::of(e), what))
            })
            .collect()
    }
    fn why_unhealthy(&self, node: NodeRef, t: SimTime) -> Vec<Line> {
        let Some(n) = self.node(node) else {
            return Vec::new();
        };
        self.rec
            .why_unhealthy(n, t)
            .into_iter()
            .map(Line::of)
            .collect()
    }
    fn impairments(&self) -> Vec<Impairment<NodeRef>> {
        self.rec.impairments_by_ref()
    }
    fn series(&self, quantity: &str) -> Vec<(SimTime, f64)> {
        // The name is resolved once, not matched on every sample.
        let error_of = quantity
            .strip_prefix("error:")
            .and_then(M::Node::parse)
            .map(|n| n.index());
        let q = M::Quantity::parse(quantity);
        self.rec
            .samples
            .iter()
            .map(|v| {
                let x = match (error_of, q) {
                    (Some(i), _) => v.error_share(i),
                    (None, Some(q)) => q.of(v),
                    (None, None) => 0.0,
                };
                (v.at, x)
            })
            .collect()
    }
    fn quantity(&self, name: &str, frame: &Frame) -> Option<f64> {
        let v = frame.view::<M::Gauges>()?;
        if let Some(id) = name.strip_prefix("error:") {
            return Some(v.error_share(M::Node::parse(id)?.index()));
        }
        Some(M::Quantity::parse(name)?.of(v))
    }
    fn flow(&self, from: NodeRef, to: NodeRef, frame: &Frame) -> Flow {
        match (self.node(from), self.node(to), frame.view::<M::Gauges>()) {
            (Some(a), Some(b), Some(v)) => M::flow(a, b, v, &self.rec.inputs.params),
            _ => Flow::nominal(1000),
        }
    }
    fn summary(&self, node: NodeRef, frame: &Frame) -> String {
        match (self.node(node), frame.view::<M::Gauges>()) {
            (Some(n), Some(v)) => M::summary(n, v),
            _ => String::new(),
        }
    }
    fn details(&self, node: NodeRef, frame: &Frame) -> Vec<(String, String)> {
        match (self.node(node), frame.view::<M::Gauges>()) {
            (Some(n), Some(v)) => M::details(n, v),
            _ => Vec::new(),
        }
    }
    fn mechanisms(&self) -> &'static [MechanismInfo] {
        M::VIEWS
    }
    fn mechanism(&self, id: &str, frame: &Frame) -> Option<Mechanism> {
        M::mechanism(id, frame.view::<M::Gauges>()?, &self.rec.inputs.params)
    }
    fn tracks(&self, id: &str, until: SimTime) -> Vec<Track> {
        let Some(info) = M::VIEWS.iter().find(|m| m.id == id) else {
            return Vec::new();
        };
        let params = &self.rec.inputs.params;
        let mut cursor = None;
        let samples: Vec<(SimTime, Vec<LaneState>)> = mechanism::instants(info, until)
            .into_iter()
            .filter_map(|t| {
                let v = self.rec.view_with(&mut cursor, t);
                Some((t, M::mechanism(id, &v, params)?.lanes))
            })
            .collect();
        mechanism::tracks(&samples)
    }
    fn offered(&self, node: NodeRef) -> Vec<Offer> {
        let Some(n) = self.node(node) else {
            return Vec::new();
        };
        M::Intervention::offered(n, &self.rec.inputs.params)
            .into_iter()
            .map(|i| offer_of::<M>(&i))
            .collect()
    }
    fn setting_at(&self, sets: &str, t: SimTime) -> Option<(SimTime, String)> {
        let steps = || {
            self.rec
                .inputs
                .script
                .iter()
                .filter(move |s| s.at <= t && s.what.sets() == Some(sets))
        };
        let person = steps().filter(|s| !s.incident).last();
        person
            .or_else(|| steps().last())
            .map(|s| (s.at, s.what.token()))
    }
    fn param_infos(&self) -> Vec<ParamInfo> {
        self.rec.inputs.params.describe()
    }
    fn choices(&self) -> Vec<ChoiceInfo> {
        self.rec.inputs.params.choices()
    }
    fn start_fork(&self, t: SimTime, token: &str) -> Result<Box<dyn Build>, String> {
        let what = M::Intervention::parse_token(token)
            .ok_or_else(|| format!("{token:?} is not an intervention this scenario knows"))?;
        Ok(Box::new(self.rec.start_fork(t, what)?))
    }
    fn judge_challenges(&self, scenario: &Scenario) -> Vec<Verdict> {
        scenario.judge_challenges(&self.rec)
    }
    fn compare(&self, scenario: &Scenario) -> Vec<Comparison> {
        compare(scenario, &self.impairments())
    }
    fn departures(&self, scenario: &Scenario, rows: &[Comparison]) -> Vec<String> {
        departures(scenario, &self.impairments(), rows)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn first_divergence(&self, other: &dyn Run) -> Option<Divergence> {
        let other = other.as_any().downcast_ref::<Session<M>>()?;
        let (a, b) = (&self.rec.log.entries, &other.rec.log.entries);
        // Entry ids and causes are positions in each log: they shift once the logs part.
        let same = |x: &LogEntry<M::Node, M::Event>, y: &LogEntry<M::Node, M::Event>| {
            x.at == y.at && x.node == y.node && x.kind == y.kind
        };
        let i = a.iter().zip(b).position(|(x, y)| !same(x, y));
        let i = i.unwrap_or(a.len().min(b.len()));
        let (x, y) = (a.get(i), b.get(i));
        let at = match (x, y) {
            (Some(x), Some(y)) => x.at.min(y.at),
            (Some(e), None) | (None, Some(e)) => e.at,
            (None, None) => return None,
        };
        Some(Divergence {
            at,
            a: x.map(Line::of),
            b: y.map(Line::of),
        })
    }
}

/// A run not computed yet, standing in for it so a page can be drawn first: every node's health
/// is unknown, nothing has happened, and everything that does not depend on the outcome (the
/// inputs, the window, the parameters, the interventions offered) is already there. Plain data:
/// one type for every model.
struct Pending {
    inputs: Inputs,
    window: SimTime,
    nodes: usize,
    mechanisms: &'static [MechanismInfo],
    offers: Vec<Vec<Offer>>,
    params: Vec<ParamInfo>,
    choices: Vec<ChoiceInfo>,
    /// Every frame shares this view, so an unknown frame equals the last one shown.
    unknown: Arc<()>,
}

impl Run for Pending {
    fn is_pending(&self) -> bool {
        true
    }
    fn inputs(&self) -> &Inputs {
        &self.inputs
    }
    fn window(&self) -> SimTime {
        self.window
    }
    fn digest(&self) -> String {
        String::new()
    }
    fn frame_with(&self, _: &mut AnyCursor, t: SimTime) -> Frame {
        self.frame_at(t)
    }
    fn frame_at(&self, _: SimTime) -> Frame {
        use crate::engine::model::Health;
        Frame {
            at: SimTime::ZERO,
            error_bp: vec![0; self.nodes],
            health: vec![Health::Unknown; self.nodes],
            view: self.unknown.clone(),
        }
    }
    fn log_len_until(&self, _: SimTime) -> usize {
        0
    }
    fn lines(&self, _: usize, _: bool, _: Option<NodeRef>, _: usize) -> Vec<Line> {
        Vec::new()
    }
    fn notable_times(&self) -> Vec<SimTime> {
        Vec::new()
    }
    fn milestones(&self) -> Vec<(Line, &'static str)> {
        Vec::new()
    }
    fn why_unhealthy(&self, _: NodeRef, _: SimTime) -> Vec<Line> {
        Vec::new()
    }
    fn impairments(&self) -> Vec<Impairment<NodeRef>> {
        Vec::new()
    }
    fn series(&self, _: &str) -> Vec<(SimTime, f64)> {
        Vec::new()
    }
    fn quantity(&self, _: &str, _: &Frame) -> Option<f64> {
        None
    }
    fn flow(&self, _: NodeRef, _: NodeRef, _: &Frame) -> Flow {
        // Nothing drawn in flight until the run says what flows.
        Flow::nominal(0)
    }
    fn summary(&self, _: NodeRef, _: &Frame) -> String {
        String::new()
    }
    fn details(&self, _: NodeRef, _: &Frame) -> Vec<(String, String)> {
        Vec::new()
    }
    fn mechanisms(&self) -> &'static [MechanismInfo] {
        self.mechanisms
    }
    fn mechanism(&self, _: &str, _: &Frame) -> Option<Mechanism> {
        None
    }
    fn tracks(&self, _: &str, _: SimTime) -> Vec<Track> {
        Vec::new()
    }
    fn offered(&self, node: NodeRef) -> Vec<Offer> {
        self.offers.get(node.index()).cloned().unwrap_or_default()
    }
    fn setting_at(&self, _: &str, _: SimTime) -> Option<(SimTime, String)> {
        None
    }
    fn param_infos(&self) -> Vec<ParamInfo> {
        self.params.clone()
    }
    fn choices(&self) -> Vec<ChoiceInfo> {
        self.choices.clone()
    }
    fn start_fork(&self, _: SimTime, _: &str) -> Result<Box<dyn Build>, String> {
        Err("the run is still being computed".into())
    }
    fn judge_challenges(&self, scenario: &Scenario) -> Vec<Verdict> {
        let computing = Verdict::NotYet("the run is still being computed".into());
        vec![computing; scenario.file.challenges.len()]
    }
    fn compare(&self, _: &Scenario) -> Vec<Comparison> {
        Vec::new()
    }
    fn departures(&self, scenario: &Scenario, _: &[Comparison]) -> Vec<String> {
        scenario.file.departures.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn first_divergence(&self, _: &dyn Run) -> Option<Divergence> {
        None
    }
}
