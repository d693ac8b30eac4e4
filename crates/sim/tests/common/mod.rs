//! Helpers for every test binary: each model of the registry reached with its own types, what
//! any model's run is asked in tests, and the mechanism views read as the app reads them.
//! A binary at the top of `tests/` says `mod common;`; one in a folder says
//! `#[path = "../common/mod.rs"] mod common;`.
#![allow(dead_code)]

use outage_sim::log::{EntryKind, LogEntry};
use outage_sim::mechanism::{Mechanism, Tone, Track};
use outage_sim::model::{Intervene, Model, Timed};
use outage_sim::models::{aws_2011_04_us_east_1, aws_2020_11_us_east_1, aws_2025_10_us_east_1};
use outage_sim::recording::{Recording, RunInputs};
use outage_sim::scenario::BUILTIN;
use outage_sim::{Run, Scenario, SimTime};
use std::marker::PhantomData;
use std::sync::Arc;

/// A check written once for any model: `for_every_model` runs it for each with its own types.
pub trait EveryModel {
    fn check<M: Model>(&mut self, s: &Scenario);
}

/// Runs `c` for every built-in scenario, in the registry's order, with the types of its model.
/// A scenario the registry carries and this does not dispatch fails: a new outage is never
/// left out of the checks written for all of them.
pub fn for_every_model(c: &mut impl EveryModel) {
    for (id, _) in BUILTIN {
        let s = Scenario::builtin(id).expect("a built-in scenario");
        match *id {
            aws_2025_10_us_east_1::ID => c.check::<aws_2025_10_us_east_1::Region>(&s),
            aws_2020_11_us_east_1::ID => c.check::<aws_2020_11_us_east_1::Region>(&s),
            aws_2011_04_us_east_1::ID => c.check::<aws_2011_04_us_east_1::Region>(&s),
            other => panic!(
                "the registry carries {other}, which tests/common/mod.rs does not dispatch: add its model to for_every_model"
            ),
        }
    }
}

/// A check written once for any model's default ("as it happened") run:
/// `for_every_default_run` makes the run and hands it over.
pub trait EveryRun {
    fn check<M: Model>(&mut self, s: &Scenario, rec: &Recording<M>);
}

/// Runs `c` on the default run of every built-in scenario, as `for_every_model` does.
pub fn for_every_default_run(c: &mut impl EveryRun) {
    struct DefaultRun<'a, C>(&'a mut C);
    impl<C: EveryRun> EveryModel for DefaultRun<'_, C> {
        fn check<M: Model>(&mut self, s: &Scenario) {
            self.0.check(s, &default_run::<M>(s));
        }
    }
    for_every_model(&mut DefaultRun(c));
}

/// The test `$test`: the block checks every built-in scenario `$s` on its default run `$rec`,
/// with the types of its model `$M` (`for_every_default_run`, written once).
#[allow(unused_macros)]
macro_rules! test_every_default_run {
    ($test:ident, $M:ident, |$s:ident, $rec:ident| $check:block) => {
        #[test]
        fn $test() {
            struct Check;
            impl $crate::common::EveryRun for Check {
                fn check<$M: outage_sim::model::Model>(
                    &mut self,
                    $s: &outage_sim::Scenario,
                    $rec: &outage_sim::recording::Recording<$M>,
                ) $check
            }
            $crate::common::for_every_default_run(&mut Check);
        }
    };
}
#[allow(unused_imports)]
pub(crate) use test_every_default_run;

/// The built-in scenario of model `M` and its runs, for a test binary of that one model, which
/// names it once (`type Ebs = Outage<Region>;`) and then asks `Ebs::as_it_happened()`.
pub struct Outage<M>(PhantomData<M>);

impl<M: Model> Outage<M> {
    pub fn scenario() -> Scenario {
        Scenario::builtin(M::ID).unwrap_or_else(|e| panic!("{} is built in: {e}", M::ID))
    }

    /// The scenario's "as it happened" inputs with the default seed.
    pub fn inputs(s: &Scenario) -> RunInputs<M> {
        inputs(s, outage_sim::DEFAULT_SEED)
    }

    pub fn default_run(s: &Scenario) -> Recording<M> {
        default_run(s)
    }

    /// The scenario and its default ("as it happened") run.
    pub fn as_it_happened() -> (Scenario, Recording<M>) {
        let s = Self::scenario();
        let rec = default_run(&s);
        (s, rec)
    }

    /// The default inputs with the script filtered.
    pub fn without(s: &Scenario, drop: impl Fn(&M::Intervention) -> bool) -> RunInputs<M> {
        without(s, drop)
    }

    /// The run of the default inputs with the script filtered.
    pub fn run_without(s: &Scenario, drop: impl Fn(&M::Intervention) -> bool) -> Recording<M> {
        run(s, without(s, drop))
    }
}

/// An instant of the scenario, written as in its file.
pub fn t(s: &Scenario, rfc3339: &str) -> SimTime {
    s.at(rfc3339).expect("time in window")
}

/// The scenario's "as it happened" inputs, typed.
pub fn inputs<M: Model>(s: &Scenario, seed: u64) -> RunInputs<M> {
    RunInputs::of(s, &s.default_inputs(seed)).expect("the scenario's own inputs")
}

pub fn run<M: Model>(s: &Scenario, inputs: RunInputs<M>) -> Recording<M> {
    Recording::run(s.window, inputs).expect("valid run")
}

pub fn default_run<M: Model>(s: &Scenario) -> Recording<M> {
    run(s, inputs(s, outage_sim::DEFAULT_SEED))
}

/// The default inputs with the script filtered.
pub fn without<M: Model>(s: &Scenario, drop: impl Fn(&M::Intervention) -> bool) -> RunInputs<M> {
    let mut i = inputs(s, outage_sim::DEFAULT_SEED);
    i.script.retain(|t| !drop(&t.what));
    i
}

/// The inputs with a person's intervention at `at`, after any at the same instant.
pub fn with_step<M: Model>(
    mut inputs: RunInputs<M>,
    at: SimTime,
    what: M::Intervention,
) -> RunInputs<M> {
    let pos = inputs.script.partition_point(|x| x.at <= at);
    inputs.script.insert(pos, Timed::new(at, what));
    inputs
}

/// An intervention of model `M` by its link token.
pub fn intervention<M: Model>(token: &str) -> M::Intervention {
    M::Intervention::parse_token(token)
        .unwrap_or_else(|| panic!("{token:?} is no intervention of {}", M::ID))
}

/// First start and last end of a service's impairments (`None` end: still impaired at the end).
pub fn span<M: Model>(rec: &Recording<M>, svc: M::Node) -> Option<(SimTime, Option<SimTime>)> {
    let ws = rec.impairments_of(svc);
    let first = ws.first()?;
    Some((first.from, ws.last().and_then(|w| w.to)))
}

/// When the first entry of the log of this kind was made.
pub fn first_event<M: Model>(rec: &Recording<M>, f: impl Fn(&M::Event) -> bool) -> Option<SimTime> {
    first_entry(rec, f).map(|e| e.at)
}

/// The model's own events in the log, each with when it was made, in order.
pub fn events<M: Model>(rec: &Recording<M>) -> impl Iterator<Item = (SimTime, &M::Event)> {
    rec.log
        .entries
        .iter()
        .filter_map(|e| e.kind.event().map(|k| (e.at, k)))
}

/// The entries of the log about one node, in order.
pub fn entries_of<M: Model>(
    rec: &Recording<M>,
    node: M::Node,
) -> impl Iterator<Item = &LogEntry<M::Node, M::Event>> {
    rec.log.entries.iter().filter(move |e| e.node == node)
}

/// Whether `a` is within `minutes` of `b`, to the millisecond (5 min 24 s is not within 5).
pub fn within_minutes(a: SimTime, b: SimTime, minutes: u64) -> bool {
    a.ms().abs_diff(b.ms()) <= minutes * 60_000
}

pub fn minutes_apart(a: SimTime, b: SimTime) -> u64 {
    a.ms().abs_diff(b.ms()) / 60_000
}

/// A built-in scenario and its incident's run, as the app holds them.
pub fn incident(id: &str) -> (Scenario, Arc<dyn Run>) {
    let s = Scenario::builtin(id).expect("a built-in scenario");
    let run = outage_sim::run(&s, &s.default_inputs(1)).expect("the incident's run");
    (s, run)
}

/// A mechanism view of the incident's run at an instant, read as the app reads it: its lanes up
/// to then, what it shows then, and the inspector's rows beside it.
pub struct Shown {
    pub s: Scenario,
    pub run: Arc<dyn Run>,
    pub view: &'static str,
    pub at: SimTime,
    pub tracks: Vec<Track>,
}

/// The mechanism view `view` of scenario `id`'s incident at `rfc3339`.
pub fn shown(id: &str, view: &'static str, rfc3339: &str) -> Shown {
    let (s, run) = incident(id);
    let at = t(&s, rfc3339);
    let tracks = run.tracks(view, at);
    Shown {
        s,
        run,
        view,
        at,
        tracks,
    }
}

impl Shown {
    pub fn lane(&self, actor: &str) -> &Track {
        lane(&self.tracks, actor)
    }

    /// What the view shows at its instant (its figures).
    pub fn now(&self) -> Mechanism {
        let frame = self.run.frame_at(self.at);
        self.run.mechanism(self.view, &frame).expect("the view")
    }

    /// A row of the inspector's list for a node at the view's instant.
    pub fn detail(&self, node: &str, row: &str) -> String {
        detail(&self.s, &*self.run, node, row, self.at)
    }
}

pub fn lane<'a>(tracks: &'a [Track], actor: &str) -> &'a Track {
    tracks
        .iter()
        .find(|t| t.actor == actor)
        .unwrap_or_else(|| panic!("no lane {actor:?}"))
}

/// When a lane first shows `tone` with a phase containing `phase`.
pub fn first(track: &Track, tone: Tone, phase: &str) -> Option<SimTime> {
    track
        .segments
        .iter()
        .find(|s| s.tone == tone && s.phase.contains(phase))
        .map(|s| s.from)
}

/// A row of the inspector's list for a node at an instant.
pub fn detail(s: &Scenario, run: &dyn Run, node: &str, row: &str, at: SimTime) -> String {
    let n = s.node(node).expect("a node of the map");
    run.details(n, &run.frame_at(at))
        .into_iter()
        .find(|(k, _)| k == row)
        .unwrap_or_else(|| panic!("no row {row:?} on {node}"))
        .1
}

/// The number a row of the inspector's list begins with.
pub fn leading_number(text: &str) -> u64 {
    text.chars()
        .take_while(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .expect("a number")
}

/// "Why is this node red?" as a person reads it: the log's chain from the node back to its cause.
pub fn why_words<M: Model>(rec: &Recording<M>, svc: M::Node, at: SimTime) -> Vec<String> {
    rec.why_unhealthy(svc, at)
        .iter()
        .map(|e| e.describe())
        .collect()
}

/// The first entry of the log of this kind.
pub fn first_entry<M: Model>(
    rec: &Recording<M>,
    f: impl Fn(&M::Event) -> bool,
) -> Option<&LogEntry<M::Node, M::Event>> {
    first_engine_entry(rec, |k| k.event().is_some_and(&f))
}

/// The first entry the engine wrote of this kind (an intervention, the incident's own step, a
/// change of health).
pub fn first_engine_entry<M: Model>(
    rec: &Recording<M>,
    f: impl Fn(&EntryKind<M::Event>) -> bool,
) -> Option<&LogEntry<M::Node, M::Event>> {
    rec.log.entries.iter().find(|e| f(&e.kind))
}
