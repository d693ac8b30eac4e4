//! Print the log (routine entries included) between two offsets in minutes: a debugging aid.
use outage_sim::models::aws_2025_10_us_east_1::*;
use outage_sim::{Scenario, SimTime};
fn main() {
    let a: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    let (from, to) = (
        a.first().copied().unwrap_or(0),
        a.get(1).copied().unwrap_or(60),
    );
    let s = Scenario::builtin(outage_sim::DEFAULT_SCENARIO).unwrap();
    let rec = Recording::run(s.window, default_inputs(&s, a.get(2).copied().unwrap_or(1))).unwrap();
    for e in &rec.log.entries {
        if e.at >= SimTime(from * 60_000) && e.at <= SimTime(to * 60_000) {
            println!(
                "{} {:>4} <- {:?}  {}",
                s.epoch.add(e.at).clock_seconds(),
                e.id,
                e.cause,
                e.describe()
            );
        }
    }
}
