//! Which reference boundaries each parameter moves: every parameter of a scenario's model set
//! 10% below and above its default (within its range), the run compared with AWS's windows, and
//! every boundary that moves 3 minutes or more listed with how far. Fitting a parameter to a
//! reference time starts here; its provenance then names that time.
//!
//! `cargo run --release -p outage-sim --example sensitivity [scenario]`

use outage_sim::reality::Comparison;
use outage_sim::Scenario;

/// Signed minutes from the reference of (start, end); `None` where the run has no such boundary.
fn offsets(c: &Comparison) -> (Option<i64>, Option<i64>) {
    match c.offsets_min() {
        Some((s, e)) => (Some(s), e),
        None => (None, None),
    }
}

fn main() -> Result<(), String> {
    let id = std::env::args()
        .nth(1)
        .unwrap_or_else(|| outage_sim::DEFAULT_SCENARIO.to_string());
    let s = Scenario::builtin(&id)?;
    let inputs = s.default_inputs(outage_sim::DEFAULT_SEED);
    let base = outage_sim::run(&s, &inputs)?;
    let reference = base.compare(&s);
    for (i, c) in reference.iter().enumerate() {
        let (a, b) = offsets(c);
        println!(
            "W{i} {} [{}]: start {a:?}, end {b:?} min from AWS's",
            c.service.id(),
            c.tag
        );
    }
    for p in base.param_infos() {
        let mut moves = Vec::new();
        for percent in [90, 110] {
            let v = (p.default * percent / 100).clamp(p.min, p.max);
            if v == p.default {
                continue;
            }
            let run = match outage_sim::run(&s, &inputs.with_param(p.key, Some(v.to_string()))) {
                Ok(r) => r,
                Err(e) => {
                    moves.push(format!("{v}: not run ({e})"));
                    continue;
                }
            };
            for (i, (was, now)) in reference.iter().zip(run.compare(&s)).enumerate() {
                let (was, now) = (offsets(was), offsets(&now));
                for (name, a, b) in [("start", was.0, now.0), ("end", was.1, now.1)] {
                    match (a, b) {
                        (Some(a), Some(b)) if (b - a).abs() >= 3 => {
                            moves.push(format!("{v}: W{i} {name} {:+}", b - a))
                        }
                        (Some(_), None) | (None, Some(_)) => {
                            moves.push(format!("{v}: W{i} {name} appears or goes"))
                        }
                        _ => {}
                    }
                }
            }
        }
        println!("{} = {}: {}", p.key, p.default, moves.join(", "));
    }
    Ok(())
}
