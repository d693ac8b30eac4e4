//! Benchmark (prints figures; nothing is asserted): the whole 16-hour window at default scale,
//! seeks to instants across it, a fork, a 60-instant sweep, and the cost as the fleet grows to
//! 1,000,000 droplets.
//! `./dev bench` or `cargo run --release -p outage-sim --example bench`.
// The benchmark times the simulation from outside it: the one place a clock is allowed.
#![allow(clippy::disallowed_methods)]
use outage_sim::model::Model;
use outage_sim::models::aws_2025_10_us_east_1::*;
use outage_sim::models::{aws_2011_04_us_east_1 as ebs, aws_2020_11_us_east_1 as kinesis};
use outage_sim::recording::{Recording, RunInputs};
use outage_sim::{Scenario, SimTime};
use std::time::Instant;

fn best_of<T>(n: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..n {
        let t0 = Instant::now();
        let r = f();
        best = best.min(t0.elapsed().as_secs_f64() * 1000.0);
        last = Some(r);
    }
    (best, last.expect("n > 0"))
}

fn main() {
    let s = Scenario::builtin(outage_sim::DEFAULT_SCENARIO).expect("scenario");
    let inputs = default_inputs(&s, 1);
    let (ms, rec) = best_of(5, || Recording::run(s.window, inputs.clone()).expect("run"));
    println!(
        "whole window (16 h simulated), default scale: {ms:.1} ms (target 50 ms)  ({} log entries, {} samples)",
        rec.log.entries.len(),
        rec.samples.len()
    );
    let mut worst = 0.0f64;
    let mut total = 0.0;
    let n = 200;
    for i in 0..n {
        // Instants spread over the window, each just before a checkpoint: the worst case.
        let at = SimTime((rec.window.ms() / n) * i + 599_000);
        let (ms, _) = best_of(1, || rec.view_at(at));
        worst = worst.max(ms);
        total += ms;
    }
    println!(
        "seek to an instant: mean {:.2} ms, worst {:.2} ms (target 1 ms) over {n} instants",
        total / n as f64,
        worst
    );
    // Playing or dragging forward: each step continues from the last instant shown.
    let mut cursor = None;
    let (steps, step_ms) = (960u64, 60_000u64);
    let t0 = Instant::now();
    for k in 0..steps {
        std::hint::black_box(rec.view_with(&mut cursor, SimTime(k * step_ms)));
    }
    println!(
        "play forward a minute at a time with a cursor: mean {:.3} ms per step",
        t0.elapsed().as_secs_f64() * 1000.0 / steps as f64
    );
    println!("events in the default run: {}", rec.end.events_scheduled());
    println!(
        "work in the default run: {} steps (budget {}; estimated before running: {})",
        rec.end.work,
        outage_sim::recording::WORK_BUDGET,
        <Region as outage_sim::model::Model>::cost(&inputs.params, s.window)
            .iter()
            .map(|c| c.work)
            .sum::<u64>()
    );
    let at = s.at("2025-10-19T23:40:00-07:00").expect("in window");
    let (ms, _) = best_of(3, || {
        rec.fork(at, Intervention::PauseEnactor { enactor: 0 })
            .expect("fork")
    });
    println!("fork at 11:40 PM (re-simulates the rest of the window): {ms:.1} ms (in the browser, with the redraw: target 120 ms)");
    // The window of opportunity: "Enactor re-checks plan freshness" at every minute for an hour.
    let base = outage_sim::run(&s, &s.default_inputs(1)).expect("run");
    let (from, to) = (
        s.at("2025-10-19T23:30:00-07:00").expect("in window"),
        s.at("2025-10-20T00:29:00-07:00").expect("in window"),
    );
    let (ms, _) = best_of(1, || {
        outage_sim::sweep::Sweeping::new(base.clone(), "enable.recheck-freshness", from, to, 1)
            .expect("sweep")
            .run()
            .expect("sweep")
    });
    println!("sweep of 60 instants (a fork each): {ms:.0} ms");
    println!("fleet scale:");
    for droplets in [10_000u64, 40_000, 100_000, 1_000_000] {
        let mut i = inputs.clone();
        i.params.droplets = droplets;
        let (ms, rec) = best_of(2, || Recording::run(s.window, i.clone()).expect("run"));
        println!(
            "  {droplets:>9} droplets: whole window {ms:>7.1} ms, DWFM impaired until {}",
            rec.impairments_of(Service::Dwfm)
                .last()
                .and_then(|w| w.to)
                .map(|t| s.clock(t))
                .unwrap_or_else(|| "the end".into())
        );
    }
    // The second outage: Kinesis, 25 November 2020 (21 hours simulated).
    other::<kinesis::Region>(
        "Kinesis 2020",
        1,
        "2020-11-25T09:45:00-08:00",
        "9:45 AM",
        kinesis::Intervention::RestartServers {
            per_hour: Some(1_000),
        },
    );
    // The third outage: EBS, 21–24 April 2011 (three and a half days simulated).
    other::<ebs::Region>(
        "EBS 2011",
        5,
        "2011-04-21T02:00:00-07:00",
        "2:00 AM on day 1",
        ebs::Intervention::FixRace,
    );
}

/// Another outage's whole window, its worst seek over 200 instants and a fork, timed.
fn other<M: Model>(
    name: &str,
    seek_target_ms: u32,
    fork_at: &str,
    fork: &str,
    what: M::Intervention,
) {
    let s = Scenario::builtin(M::ID).expect("scenario");
    let inputs = RunInputs::<M>::of(&s, &s.default_inputs(1)).expect("the scenario's inputs");
    let (ms, rec) = best_of(5, || Recording::run(s.window, inputs.clone()).expect("run"));
    println!(
        "{name}: whole window ({} h simulated): {ms:.1} ms (target 50 ms), work {} steps",
        rec.window.ms() as f64 / 3_600_000.0,
        rec.end.work
    );
    let mut worst = 0.0f64;
    for i in 0..200 {
        let at = SimTime((rec.window.ms() / 200) * i + 599_000);
        worst = worst.max(best_of(1, || rec.view_at(at)).0);
    }
    println!("{name}: seek worst {worst:.2} ms (target {seek_target_ms} ms) over 200 instants");
    let at = s.at(fork_at).expect("in window");
    let (ms, _) = best_of(3, || rec.fork(at, what.clone()).expect("fork"));
    println!("{name}: fork at {fork}: {ms:.1} ms");
}
