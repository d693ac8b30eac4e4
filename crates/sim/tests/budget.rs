//! Whatever parameters a link asks for, each within its stated range, the run either finishes
//! within the work budget or is refused with a message: never a run past the budget, never a
//! panic. Parameter corners are where runs get large: every parameter at its minimum, its
//! maximum or its default, at random.

use outage_sim::model::ParamSet;
use outage_sim::models::aws_2025_10_us_east_1::*;
use outage_sim::recording::WORK_BUDGET;
use outage_sim::rng::Stream;

/// The stream these tests draw their random inputs from.
const INPUTS: u64 = 5;
use outage_sim::Scenario;

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

#[test]
fn every_parameter_corner_finishes_within_the_budget_or_is_refused() {
    let s = Scenario::builtin(ID).unwrap();
    let mut r = Stream::new(2020, INPUTS);
    let (mut finished, mut refused_before, mut refused_during, mut invalid) = (0, 0, 0, 0);
    let mut most = 0;
    for _ in 0..300 {
        let params: Params = corner(&mut r);
        if params.validate().is_err() {
            invalid += 1;
            continue;
        }
        let inputs = RunInputs {
            params,
            ..default_inputs(&s, 1)
        };
        let estimate_refuses =
            outage_sim::recording::check_cost::<Region>(&inputs.params, s.window).is_err();
        match Recording::run(s.window, inputs) {
            Ok(rec) => {
                assert!(
                    rec.end.work <= WORK_BUDGET,
                    "finished past the budget: {}",
                    rec.end.work
                );
                most = most.max(rec.end.work);
                finished += 1;
            }
            Err(e) => {
                assert!(e.contains("too large"), "{e}");
                if estimate_refuses {
                    // It names what to change, and that is a parameter of the model.
                    let named = Params::default()
                        .describe()
                        .into_iter()
                        .any(|i| e.contains(&format!("from {} (", i.key)));
                    assert!(named, "the message names the parameter to change: {e}");
                    refused_before += 1;
                } else {
                    refused_during += 1;
                }
            }
        }
    }
    println!(
        "{finished} finished (most work {most}), {refused_before} refused by the estimate, {refused_during} stopped at the budget, {invalid} invalid combinations"
    );
    assert!(
        finished > 0 && refused_before > 0,
        "the corners exercise both outcomes"
    );
}

#[test]
fn the_estimate_is_near_what_the_default_run_does() {
    let s = Scenario::builtin(ID).unwrap();
    let rec = Recording::run(s.window, default_inputs(&s, 1)).unwrap();
    let estimate: u64 = <Region as outage_sim::model::Model>::cost(&Params::default(), s.window)
        .iter()
        .map(|c| c.work)
        .sum();
    let actual = rec.end.work;
    println!("default run: estimated {estimate} work, did {actual}");
    assert!(
        estimate * 2 >= actual && estimate <= actual * 2,
        "estimate {estimate}, actual {actual}"
    );
}

#[test]
fn every_kinesis_parameter_corner_finishes_within_the_budget_or_is_refused() {
    use outage_sim::models::aws_2020_11_us_east_1 as kinesis;
    let s = Scenario::builtin(kinesis::ID).unwrap();
    let mut r = Stream::new(2011, INPUTS);
    let (mut finished, mut refused) = (0, 0);
    for _ in 0..300 {
        let params: kinesis::Params = corner(&mut r);
        if params.validate().is_err() {
            continue;
        }
        let inputs = kinesis::RunInputs {
            params,
            ..kinesis::default_inputs(&s, 1)
        };
        match kinesis::Recording::run(s.window, inputs) {
            Ok(rec) => {
                assert!(rec.end.work <= WORK_BUDGET, "{}", rec.end.work);
                finished += 1;
            }
            Err(e) => {
                assert!(e.contains("too large"), "{e}");
                refused += 1;
            }
        }
    }
    println!("Kinesis corners: {finished} finished, {refused} refused");
    assert!(finished > 0);
}

#[test]
fn every_ebs_parameter_corner_finishes_within_the_budget() {
    use outage_sim::models::aws_2011_04_us_east_1 as ebs;
    let s = Scenario::builtin(ebs::ID).unwrap();
    let mut r = Stream::new(2011, INPUTS);
    let mut finished = 0;
    for _ in 0..300 {
        let params: ebs::Params = corner(&mut r);
        if params.validate().is_err() {
            continue;
        }
        let inputs = ebs::RunInputs {
            params,
            ..ebs::default_inputs(&s, 1)
        };
        let rec = ebs::Recording::run(s.window, inputs).expect("a fluid model's run is small");
        assert!(rec.end.work <= WORK_BUDGET, "{}", rec.end.work);
        finished += 1;
    }
    println!("EBS corners: {finished} finished");
    assert!(finished > 200);
}
