//! Print key gauges every N simulated minutes of the default run: a calibration aid.
use outage_sim::models::aws_2025_10_us_east_1::*;
use outage_sim::Scenario;
fn main() {
    let every: usize = std::env::args()
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or(15);
    let s = Scenario::builtin(outage_sim::DEFAULT_SCENARIO).unwrap();
    let rec = Recording::run(s.window, default_inputs(&s, 1)).unwrap();
    println!(
        "time      leased  queue   good/m  backlog  delay_s  flap  nlb‰  chk_s  pending  api/m  launch/m  arrive/m  prop/m"
    );
    for v in rec.samples.iter().step_by(every) {
        let g = &v.gauges;
        println!(
            "{:>8}  {:>6}  {:>6}  {:>6}  {:>7}  {:>7}  {:>4}  {:>4}  {:>5}  {:>7}  {:>5}  {:>8}  {:>8}  {:>6}",
            s.clock(v.at),
            g.leased,
            g.dwfm_queue,
            g.goodput_per_min,
            g.propagation_backlog,
            g.propagation_delay_s,
            g.flapping_targets,
            g.nlb_capacity_permille,
            g.check_delay_s,
            g.pending_launches,
            g.api_limit_per_min,
            g.launches_per_min,
            g.propagation_arrivals_per_min,
            g.propagations_per_min
        );
    }
}
