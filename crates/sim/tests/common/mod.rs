//! Helpers for every test binary: each model of the registry reached with its own types, what
//! any model's run is asked in tests, and the mechanism views read as the app reads them.
//! A binary at the top of `tests/` says `mod common;`; one in a folder says
//! `#[path = "../common/mod.rs"] mod common;`.
#![allow(dead_code)]

use outage_sim::log::{EntryKind, LogEntry};
use outage_sim::mechanism::{Tone, Track};
use outage_sim::model::{Intervene, Model, Timed};
use outage_sim::models::{aws_2011_04_us_east_1, aws_2020_11_us_east_1, aws_2025_10_us_east_1};
use outage_sim::recording::{Recording, RunInputs};
use outage_sim::scenario::BUILTIN;
use outage_sim::{Run, Scenario, SimTime};
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
    rec.log
        .entries
        .iter()
        .find(|e| e.kind.event().is_some_and(&f))
        .map(|e| e.at)
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

/// The lanes of a mechanism view of the incident's run up to an instant.
pub fn tracks_at(
    id: &str,
    view: &str,
    rfc3339: &str,
) -> (Scenario, Arc<dyn Run>, SimTime, Vec<Track>) {
    let (s, run) = incident(id);
    let at = t(&s, rfc3339);
    let tracks = run.tracks(view, at);
    (s, run, at, tracks)
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
    rec.log
        .entries
        .iter()
        .find(|e| e.kind.event().is_some_and(&f))
}

/// The first entry the engine wrote of this kind (an intervention, the incident's own step, a
/// change of health).
pub fn first_engine_entry<M: Model>(
    rec: &Recording<M>,
    f: impl Fn(&EntryKind<M::Event>) -> bool,
) -> Option<&LogEntry<M::Node, M::Event>> {
    rec.log.entries.iter().find(|e| f(&e.kind))
}
