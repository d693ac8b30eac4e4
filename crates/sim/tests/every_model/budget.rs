//! For every model: whatever parameters a link asks for, each within its stated range, the run
//! either finishes within the work budget or is refused with a message: never a run past the
//! budget, never a panic. Parameter corners are where runs get large: every parameter at its
//! minimum, its maximum or its default, at random. And the estimate made before running is
//! near what the default run does.

use crate::common::*;
use outage_sim::model::{Model, ParamSet};
use outage_sim::recording::{check_cost, Recording, RunInputs, WORK_BUDGET};
use outage_sim::rng::Stream;
use outage_sim::Scenario;

/// The stream these tests draw their random inputs from.
const INPUTS: u64 = 5;

fn corner<P: ParamSet>(r: &mut Stream) -> P {
    let mut p = P::default();
    for info in p.describe() {
        let v = match r.below(3) {
            0 => info.min,
            1 => info.max,
            _ => info.default,
        };
        p.set(info.key, v).expect("in range");
    }
    for c in p.choices() {
        let (id, _) = c.options[r.below(c.options.len() as u64) as usize];
        p.set_choice(c.key, id).expect("an option");
    }
    p
}

/// How 300 corners of one model's parameters ended.
#[derive(Debug, Default)]
struct Corners {
    finished: u32,
    refused_before: u32,
    refused_during: u32,
    invalid: u32,
}

/// Each model's corners: the seed they are drawn with, and what they must include besides the
/// property all share.
fn plan(id: &str) -> (u64, fn(&Corners) -> bool) {
    match id {
        // The corners exercise both outcomes.
        "aws-2025-10-us-east-1" => (2020, |c| c.finished > 0 && c.refused_before > 0),
        // A fluid model's run is small: every valid corner finishes.
        "aws-2011-04-us-east-1" => (2011, |c| {
            c.refused_before + c.refused_during == 0 && c.finished > 200
        }),
        _ => (2011, |c| c.finished > 0),
    }
}

struct Budget;

impl EveryModel for Budget {
    fn check<M: Model>(&mut self, s: &Scenario) {
        let id = s.id();
        let (seed, expected) = plan(id);
        let mut r = Stream::new(seed, INPUTS);
        let mut c = Corners::default();
        let mut most = 0;
        for _ in 0..300 {
            let params: M::Params = corner(&mut r);
            if params.validate().is_err() {
                c.invalid += 1;
                continue;
            }
            let estimate_refuses = check_cost::<M>(&params, s.window).is_err();
            let inputs = RunInputs {
                params,
                ..inputs::<M>(s, 1)
            };
            match Recording::run(s.window, inputs) {
                Ok(rec) => {
                    assert!(
                        rec.end.work <= WORK_BUDGET,
                        "{id} finished past the budget: {}",
                        rec.end.work
                    );
                    most = most.max(rec.end.work);
                    c.finished += 1;
                }
                Err(e) => {
                    assert!(e.contains("too large"), "{id}: {e}");
                    if estimate_refuses {
                        // It names what to change, and that is a parameter of the model.
                        let named = M::Params::default()
                            .describe()
                            .into_iter()
                            .any(|i| e.contains(&format!("from {} (", i.key)));
                        assert!(
                            named,
                            "{id}: the message names the parameter to change: {e}"
                        );
                        c.refused_before += 1;
                    } else {
                        c.refused_during += 1;
                    }
                }
            }
        }
        println!("{id}: {c:?}, most work {most}");
        assert!(expected(&c), "{id}: {c:?}");
    }
}

#[test]
fn every_parameter_corner_finishes_within_the_budget_or_is_refused() {
    for_every_model(&mut Budget);
}

struct Estimate;

impl EveryModel for Estimate {
    fn check<M: Model>(&mut self, s: &Scenario) {
        let rec = run(s, inputs::<M>(s, 1));
        let estimate: u64 = M::cost(&M::Params::default(), s.window)
            .iter()
            .map(|c| c.work)
            .sum();
        let actual = rec.end.work;
        println!("{}: estimated {estimate} work, did {actual}", s.id());
        if estimate == 0 {
            // A model that declares no cost has runs far too small to need one.
            assert!(actual * 100 < WORK_BUDGET, "{}: {actual}", s.id());
            return;
        }
        assert!(
            estimate * 2 >= actual && estimate <= actual * 2,
            "{}: estimate {estimate}, actual {actual}",
            s.id()
        );
    }
}

#[test]
fn the_estimate_is_near_what_the_default_run_does() {
    for_every_model(&mut Estimate);
}
