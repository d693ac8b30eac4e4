//! Print each edge's flow and particle count every N simulated minutes: a calibration aid for
//! the map's particle density.
use outage_sim::models::aws_2025_10_us_east_1::gauges::flow;
use outage_sim::models::aws_2025_10_us_east_1::*;
use outage_sim::observe::particles;
use outage_sim::Scenario;
fn main() {
    let every: usize = std::env::args()
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or(60);
    let s = Scenario::builtin(outage_sim::DEFAULT_SCENARIO).unwrap();
    let rec = Recording::run(s.window, default_inputs(&s, 1)).unwrap();
    let p = &rec.inputs.params;
    let edges: Vec<(Service, Service)> = s
        .file
        .edges
        .iter()
        .filter_map(|e| Some((Service::parse(&e.from)?, Service::parse(&e.to)?)))
        .collect();
    for v in rec.samples.iter().step_by(every) {
        print!("{:>8} ", s.clock(v.at));
        for (a, b) in &edges {
            let f = flow(*a, *b, v, p);
            print!(" {}", particles(f, 8));
        }
        println!();
    }
    for (a, b) in &edges {
        let f = flow(*a, *b, &rec.samples[20], p);
        println!(
            "{} → {}: {} of {} {}/min",
            a.id(),
            b.id(),
            f.per_min,
            f.normal_per_min,
            f.what
        );
    }
}
