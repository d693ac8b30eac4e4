//! Print a scenario's mechanism view at an instant of its default run: each lane's segments
//! over the view's span, then the figures.
//! `cargo run -p outage-sim --example mechanism -- aws-2025-10-us-east-1 race 2025-10-19T23:48:00-07:00`
use outage_sim::Scenario;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [id, view, at] = &args[..] else {
        eprintln!("usage: mechanism <scenario> <view> <RFC 3339 instant>");
        std::process::exit(2);
    };
    let s = Scenario::builtin(id).expect("a built-in scenario");
    let t = s.at(at).expect("an instant in the window");
    let run = outage_sim::run(&s, &s.default_inputs(1)).expect("the default run");
    for track in run.tracks(view, t) {
        println!("{}", track.actor);
        for seg in &track.segments {
            println!(
                "  {} – {}  {:<8} {}",
                s.clock_seconds(seg.from),
                s.clock_seconds(seg.to),
                seg.tone.id(),
                seg.phase
            );
        }
    }
    let m = run
        .mechanism(view, &run.frame_at(t))
        .expect("a view the model offers");
    for lane in &m.lanes {
        println!("now  {}: {}", lane.actor, lane.now);
    }
    for f in &m.figures {
        println!("{}", f.describe());
    }
}
