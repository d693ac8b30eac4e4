//! Same inputs, same run, bit for bit, for every model: each scenario's default run has its
//! golden digest and another seed makes another run (where the model draws random numbers);
//! seeking, following the playhead with a cursor and forking agree with straight runs.

use super::challenges::{forked, tries_of};
use crate::common::*;
use outage_sim::model::Model;
use outage_sim::observe::View;
use outage_sim::recording::Recording;
use outage_sim::{Scenario, SimTime};

/// The digest of each scenario's default run. It changes only when a model changes on purpose.
const GOLDEN: &[(&str, &str)] = &[
    (
        "aws-2025-10-us-east-1",
        include_str!("../golden-default-digest.txt"),
    ),
    (
        "aws-2020-11-us-east-1",
        include_str!("../golden-kinesis-digest.txt"),
    ),
    (
        "aws-2011-04-us-east-1",
        include_str!("../golden-ebs-digest.txt"),
    ),
];

/// Models that draw no random number (the EBS storm is a fluid model): every seed gives the
/// same run.
const SEEDLESS: &[&str] = &["aws-2011-04-us-east-1"];

struct Golden;

impl EveryModel for Golden {
    fn check<M: Model>(&mut self, s: &Scenario) {
        let id = s.id();
        let golden = GOLDEN
            .iter()
            .find(|(g, _)| *g == id)
            .unwrap_or_else(|| panic!("{id} has no golden digest"))
            .1;
        let a = default_run::<M>(s);
        assert_eq!(a.digest(), golden.trim(), "{id}");
        let b = default_run::<M>(s);
        assert_eq!(a.digest(), b.digest(), "{id}");
        assert_eq!(a.samples, b.samples, "{id}");
        let other = run(s, inputs::<M>(s, 99)).digest();
        if SEEDLESS.contains(&id) {
            assert_eq!(a.digest(), other, "{id} draws no random number");
        } else {
            assert_ne!(a.digest(), other, "{id}: another seed");
        }
    }
}

#[test]
fn every_default_run_has_its_golden_digest_and_depends_on_the_seed_only_if_it_draws() {
    for_every_model(&mut Golden);
}

/// What a run that stops at `at`, with only the script up to then, shows at its end.
fn straight_to<M: Model>(rec: &Recording<M>, at: SimTime) -> View<M::Gauges> {
    let mut cut = rec.inputs.clone();
    cut.script.retain(|x| x.at <= at);
    Recording::run(at, cut).expect("a shorter run").end.view()
}

/// Instants worth seeking to: every chapter's, every scripted step's and the second after it,
/// the first impairment's start and the second before it.
fn instants<M: Model>(s: &Scenario, rec: &Recording<M>) -> Vec<SimTime> {
    let mut at: Vec<SimTime> = s.file.chapters.iter().map(|c| t(s, &c.at)).collect();
    for step in &rec.inputs.script {
        at.extend([step.at, step.at.plus(1_000)]);
    }
    let first = rec.impairments().iter().map(|w| w.from).min();
    let first = first.expect("the incident impairs something");
    at.extend([first.minus(1_000), first]);
    at.retain(|t| *t <= rec.window);
    at.sort();
    at.dedup();
    at
}

test_every_default_run!(
    seek_equals_a_straight_run_at_every_chapter_step_and_first_impairment,
    M,
    |s, rec| {
        for at in instants(s, rec) {
            assert_eq!(
                rec.view_at(at),
                straight_to(rec, at),
                "{} at {}",
                s.id(),
                s.clock_seconds(at)
            );
        }
    }
);

test_every_default_run!(
    a_fork_equals_a_straight_run_with_the_intervention_in_its_script,
    M,
    |s, rec| {
        let id = s.id();
        for tr in tries_of(s) {
            let at = t(s, tr.at);
            let forked = forked(s, rec, tr);
            let inputs = tr.does.iter().fold(rec.inputs.clone(), |i, token| {
                with_step(i, at, intervention::<M>(token))
            });
            let straight = run(s, inputs);
            assert_eq!(forked.digest(), straight.digest(), "{id}: {:?}", tr.does);
            assert_eq!(forked.samples, straight.samples, "{id}: {:?}", tr.does);
            // Everything before the fork is kept, not recomputed differently.
            let before = at.minus(600_000);
            assert_eq!(forked.log_until(before), rec.log_until(before), "{id}");
            if tr.meets {
                assert_ne!(forked.digest(), rec.digest(), "{id}: {:?}", tr.does);
            }
        }
        // Nothing can be done after the end.
        let what = intervention::<M>(tries_of(s)[0].does[0]);
        let err = rec.fork(rec.window.plus(1), what).unwrap_err();
        assert!(err.contains("after the end"), "{id}: {err}");
    }
);

test_every_default_run!(
    a_cursor_that_follows_the_playhead_shows_what_a_fresh_seek_shows,
    M,
    |s, rec| {
        let id = s.id();
        let mut cursor = None;
        // Drag forward in small steps, jump back, play forward, across the first impairment.
        let first = rec.impairments().iter().map(|w| w.from).min().unwrap();
        let start = first.ms().saturating_sub(120_000).max(600_000);
        let mut instants: Vec<u64> = (0..40).map(|k| start + k * 7_000).collect();
        instants.extend([start - 600_000, start + 3_600_000]);
        instants.extend((1..30).map(|k| start + 3_600_000 + k * 61_000));
        instants.push(start + 900_000);
        for at in instants.into_iter().map(SimTime) {
            assert!(at <= rec.window, "{id}: {} is in the window", at.ms());
            assert_eq!(
                rec.view_with(&mut cursor, at),
                rec.view_at(at),
                "{id} at {}",
                at.ms()
            );
        }
        // A cursor from another run is not reused: the forked run's own view comes back.
        let fork = forked(s, rec, &tries_of(s)[0]);
        let differs = fork
            .samples
            .iter()
            .zip(&rec.samples)
            .find(|(a, b)| a != b)
            .map(|(a, _)| a.at)
            .expect("the fork changes the run");
        assert_eq!(fork.view_with(&mut cursor, differs), fork.view_at(differs));
        assert_ne!(fork.view_at(differs), rec.view_at(differs), "{id}");
    }
);
