//! Calibration aids, printed from the default run of the 2025 outage every N simulated minutes:
//! `gauges [N]` the key gauges (every 15 minutes unless N is given), `flows [N]` each edge's
//! flow and particle count (every 60), for the map's particle density.
//! `cargo run --release -p outage-sim --example calibrate -- gauges 15`.
use outage_sim::models::aws_2025_10_us_east_1::gauges::flow;
use outage_sim::models::aws_2025_10_us_east_1::*;
use outage_sim::observe::particles;
use outage_sim::Scenario;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let what = args.first().map(String::as_str).unwrap_or("gauges");
    let every =
        |default: usize| -> usize { args.get(1).and_then(|x| x.parse().ok()).unwrap_or(default) };
    let s = Scenario::builtin(ID).unwrap();
    let rec = Recording::run(s.window, default_inputs(&s, 1)).unwrap();
    match what {
        "gauges" => gauges(&s, &rec, every(15)),
        "flows" => flows(&s, &rec, every(60)),
        other => {
            eprintln!("calibrate: {other:?} is neither gauges nor flows");
            std::process::exit(2);
        }
    }
}

fn gauges(s: &Scenario, rec: &Recording, every: usize) {
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

fn flows(s: &Scenario, rec: &Recording, every: usize) {
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
