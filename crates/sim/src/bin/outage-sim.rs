//! `outage-sim run <scenario> [--seed N] [--script FILE] [--param KEY=VALUE]... [--json]`
//! `outage-sim sweep <scenario> --token TOKEN --from TIME --to TIME --every MINUTES [--json | --csv]`
//!
//! `run` prints each service's impairment windows beside the reference times, and the run's
//! digest. `sweep` applies one intervention at each instant of a range, each a fork of the
//! incident's run, and prints per service the last instant that still changes its outcome
//! (with `--csv`, the table the page's window of opportunity downloads: a row per instant).
//! A script file is written as a scenario file's `script`: `[{"at": RFC 3339, "do": token}]`.
//! Exit status 2, with a one-line message, for bad arguments, files or scripts.

use outage_sim::reality::{Boundary, Comparison, Tally};
use outage_sim::scenario::BoundaryClass;
use outage_sim::sweep::Sweeping;
use outage_sim::{Inputs, Scenario, SimTime};
use std::process::ExitCode;

const USAGE: &str =
    "usage: outage-sim run <scenario> [--seed N] [--script FILE] [--param KEY=VALUE]... [--json] [--log]\n       outage-sim run --link '#v=1&...' [--json] [--log]\n       outage-sim sweep <scenario> --token TOKEN --from RFC3339 --to RFC3339 --every MINUTES [--seed N] [--param KEY=VALUE]... [--json | --csv]";

struct Args {
    /// `run` or `sweep`.
    command: String,
    scenario: String,
    seed: u64,
    script: Option<String>,
    params: Vec<(String, String)>,
    json: bool,
    csv: bool,
    log: bool,
    link: Option<String>,
    sweep: SweepArgs,
}

/// What a sweep applies, and when.
#[derive(Default)]
struct SweepArgs {
    token: Option<String>,
    from: Option<String>,
    to: Option<String>,
    every: Option<u64>,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    let command = match it.next().as_deref() {
        Some(c @ ("run" | "sweep")) => c.to_string(),
        Some(other) => return Err(format!("unknown command {other:?}; {USAGE}")),
        None => return Err(USAGE.into()),
    };
    let mut a = Args {
        command,
        sweep: SweepArgs::default(),
        scenario: String::new(),
        seed: outage_sim::DEFAULT_SEED,
        script: None,
        params: Vec::new(),
        json: false,
        csv: false,
        log: false,
        link: None,
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--seed" => {
                let v = it.next().ok_or("--seed needs a number")?;
                a.seed = v
                    .parse()
                    .map_err(|_| format!("--seed needs a whole number, not {v:?}"))?;
            }
            "--script" => a.script = Some(it.next().ok_or("--script needs a file")?),
            "--param" => {
                let v = it.next().ok_or("--param needs KEY=VALUE")?;
                let (k, val) = v
                    .split_once('=')
                    .ok_or_else(|| format!("--param needs KEY=VALUE, not {v:?}"))?;
                a.params.push((k.to_string(), val.to_string()));
            }
            "--link" => a.link = Some(it.next().ok_or("--link needs a link or its #fragment")?),
            "--token" => a.sweep.token = Some(it.next().ok_or("--token needs an intervention")?),
            "--from" => a.sweep.from = Some(it.next().ok_or("--from needs an RFC 3339 time")?),
            "--to" => a.sweep.to = Some(it.next().ok_or("--to needs an RFC 3339 time")?),
            "--every" => {
                let v = it.next().ok_or("--every needs a number of minutes")?;
                a.sweep.every =
                    Some(v.parse().map_err(|_| {
                        format!("--every needs a whole number of minutes, not {v:?}")
                    })?);
            }
            "--json" => a.json = true,
            "--csv" => a.csv = true,
            "--log" => a.log = true,
            s if s.starts_with('-') => return Err(format!("unknown option {s:?}; {USAGE}")),
            s if a.scenario.is_empty() => a.scenario = s.to_string(),
            s => return Err(format!("unexpected argument {s:?}; {USAGE}")),
        }
    }
    if a.scenario.is_empty() && a.link.is_none() {
        return Err(format!("which scenario? {USAGE}"));
    }
    Ok(a)
}

fn run(mut a: Args) -> Result<String, String> {
    if let Some(link) = &a.link {
        // The same run a browser shows for this link: its scenario, seed, parameters and script.
        let fragment = link.split_once('#').map(|(_, f)| f).unwrap_or(link);
        let (decoded, scenario) =
            outage_sim::link::Link::decode(fragment, |id| Scenario::builtin(id).ok())?;
        if let Some(p) = decoded.problems.first() {
            return Err(format!("the link has a problem: {p}"));
        }
        let l = decoded.link;
        a.scenario = scenario.id().to_string();
        a.seed = l.seed;
        return report(&a, &scenario, l.inputs(&scenario));
    }
    let scenario = Scenario::builtin(&a.scenario)?;
    let mut inputs = scenario.default_inputs(a.seed);
    for (k, v) in &a.params {
        inputs = inputs.with_param(k, Some(v.clone()));
    }
    if let Some(path) = &a.script {
        inputs.script = script_file(&scenario, path)?;
    }
    if a.command == "sweep" {
        return sweep(&a, &scenario, inputs);
    }
    report(&a, &scenario, inputs)
}

/// The sweep's table or JSON: each instant with its run's impairments, and per service the last
/// instant that still changed its outcome.
fn sweep(a: &Args, scenario: &Scenario, inputs: Inputs) -> Result<String, String> {
    let w = &a.sweep;
    let token = w.token.as_deref().ok_or("a sweep needs --token")?;
    let time = |t: &Option<String>, flag: &str| {
        scenario.at(t.as_deref().ok_or(format!("a sweep needs {flag}"))?)
    };
    let (from, to) = (time(&w.from, "--from")?, time(&w.to, "--to")?);
    let every = w.every.ok_or("a sweep needs --every")?;
    let base = outage_sim::run(scenario, &inputs)?;
    let done = Sweeping::new(base, token, from, to, every)?.run()?;
    if a.csv {
        return Ok(done.csv(scenario));
    }
    let label = scenario
        .model
        .label(token)
        .unwrap_or_else(|| token.to_string());
    let services: Vec<_> = scenario
        .nodes()
        .iter()
        .map(|n| (n, done.last_changed(*n)))
        .collect();
    if a.json {
        let instants: Vec<serde_json::Value> = done
            .instants
            .iter()
            .zip(&done.outcomes)
            .map(|(at, impairments)| {
                let list: Vec<_> = impairments
                    .iter()
                    .map(|i| {
                        serde_json::json!({
                            "service": i.service.id(),
                            "from": scenario.rfc3339(i.from),
                            "to": i.to.map(|t| scenario.rfc3339(t)),
                        })
                    })
                    .collect();
                serde_json::json!({ "at": scenario.rfc3339(*at), "impairments": list })
            })
            .collect();
        let last: Vec<_> = services
            .iter()
            .map(|(n, last)| {
                serde_json::json!({
                    "service": n.id(),
                    "last_changed": last.map(|t| scenario.rfc3339(t)),
                })
            })
            .collect();
        let out = serde_json::json!({
            "scenario": scenario.id(),
            "seed": a.seed,
            "token": token,
            "label": label,
            "from": scenario.rfc3339(from),
            "to": scenario.rfc3339(to),
            "every_minutes": every,
            "instants": instants,
            "services": last,
        });
        return serde_json::to_string_pretty(&out).map_err(|e| e.to_string());
    }
    let mut out = format!(
        "{} — {label}, applied every {every} min from {} to {}\n\nservice            still changes the outcome until\n",
        scenario.file.title,
        scenario.clock(from),
        scenario.clock(to)
    );
    for (n, last) in services {
        let last = last.map_or("never".to_string(), |t| scenario.clock(t));
        out.push_str(&format!("{:<18} {last}\n", n.id()));
    }
    Ok(out)
}

/// A script file's interventions: a JSON list in the form of a scenario file's `script`,
/// `[{"at": RFC 3339, "do": token}, ...]`, the token as a link writes it. Native only: the
/// browser's wasm carries no JSON parser.
#[cfg(not(target_arch = "wasm32"))]
fn script_file(scenario: &Scenario, path: &str) -> Result<Vec<outage_sim::Step>, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("cannot read script {path}: {e}"))?;
    scenario
        .parse_script(&text)
        .map_err(|e| format!("{path}: {e}"))
}

#[cfg(target_arch = "wasm32")]
fn script_file(_: &Scenario, _: &str) -> Result<Vec<outage_sim::Step>, String> {
    Err("script files are read by the native CLI".into())
}

fn report(a: &Args, scenario: &Scenario, inputs: Inputs) -> Result<String, String> {
    let rec = outage_sim::run(scenario, &inputs)?;
    let impairments = rec.impairments();
    let log_len = rec.log_len_until(rec.window());
    if a.json {
        let list: Vec<serde_json::Value> = impairments
            .iter()
            .map(|w| {
                serde_json::json!({
                    "service": w.service.id(),
                    "from": scenario.rfc3339(w.from),
                    "to": w.to.map(|t| scenario.rfc3339(t)),
                    "worst": w.worst.id(),
                })
            })
            .collect();
        // The highest value, and when, of every quantity the scenario's charts plot (for
        // the 2011 storm, the share of volumes stuck).
        let mut peaks = serde_json::Map::new();
        for spec in &scenario.file.charts {
            for series in &spec.series {
                let top = rec.series(&series.gauge).into_iter().fold(
                    None::<(SimTime, f64)>,
                    |best, (t, v)| match best {
                        Some((_, b)) if b >= v => best,
                        _ => Some((t, v)),
                    },
                );
                if let Some((t, v)) = top {
                    peaks.insert(
                        series.gauge.clone(),
                        serde_json::json!({ "value": v, "at": scenario.rfc3339(t) }),
                    );
                }
            }
        }
        let out = serde_json::json!({
            "scenario": scenario.id(),
            "seed": a.seed,
            "digest": rec.digest(),
            "events": log_len,
            "impairments": list,
            "peaks": peaks,
            "reference": reference_json(scenario, &rec.compare(scenario)),
        });
        return serde_json::to_string_pretty(&out).map_err(|e| e.to_string());
    }
    let mut out = String::new();
    out.push_str(&format!("{} — seed {}\n\n", scenario.file.title, a.seed));
    // Rows first, so the columns fit the longest span (a window of days says the day).
    let mut rows: Vec<(&str, String, String)> = Vec::new();
    for s in scenario.nodes() {
        let sim: Vec<String> = impairments
            .iter()
            .filter(|w| w.service == *s)
            .map(|w| scenario.span(w.from, w.to))
            .collect();
        let reference: Vec<String> = scenario
            .file
            .windows
            .iter()
            .filter(|w| w.service == s.id())
            .filter_map(|w| {
                Some(format!(
                    "{} [{}]",
                    scenario.span(scenario.at(&w.from).ok()?, Some(scenario.at(&w.to).ok()?)),
                    w.tags()
                ))
            })
            .collect();
        if sim.is_empty() && reference.is_empty() {
            continue;
        }
        for i in 0..sim.len().max(reference.len()) {
            let name = if i == 0 { s.id() } else { "" };
            let simulated = sim.get(i).cloned().unwrap_or_else(|| {
                if i == 0 {
                    "healthy".into()
                } else {
                    String::new()
                }
            });
            rows.push((
                name,
                simulated,
                reference.get(i).cloned().unwrap_or_default(),
            ));
        }
    }
    let tally = Tally::of(&rec.compare(scenario));
    let name_w = rows.iter().map(|r| r.0.len()).max().unwrap_or(0).max(18);
    let sim_w = rows
        .iter()
        .map(|r| r.1.chars().count())
        .max()
        .unwrap_or(0)
        .max(24);
    out.push_str(&format!(
        "{:<name_w$} {:<sim_w$} reference (tag)\n",
        "service", "simulated"
    ));
    for (name, simulated, reference) in rows {
        out.push_str(&format!(
            "{name:<name_w$} {simulated:<sim_w$} {reference}\n"
        ));
    }
    out.push_str(&format!("\nAgainst the record: {}.\n", tally.describe()));
    if a.log {
        out.push('\n');
        for e in rec
            .lines(log_len, false, None, usize::MAX)
            .into_iter()
            .rev()
        {
            out.push_str(&format!("{}  {}\n", scenario.clock_seconds(e.at), e.text));
        }
    }
    out.push_str(&format!(
        "\ndigest {}  ({} events)\n",
        rec.digest(),
        log_len
    ));
    Ok(out)
}

/// Each reference window with both boundaries: AWS's time and its tag, the run's, the difference
/// and what agreement there shows (`class`: fitted, scripted or predicted), and the health it is
/// read at (`read_at`).
fn reference_json(scenario: &Scenario, comparisons: &[Comparison]) -> serde_json::Value {
    let boundary = |b: Boundary, simulated: Option<SimTime>, level: Option<outage_sim::Health>| {
        serde_json::json!({
            // The health the boundary is read at ("down": the service goes down or stops being
            // down there); null: any impairment.
            "read_at": level.map(outage_sim::Health::id),
            "reference": scenario.rfc3339(b.reference),
            "tag": b.tag,
            "simulated": simulated.map(|t| scenario.rfc3339(t)),
            "difference_ms": b.offset_ms,
            "within_tolerance": b.met(),
            "class": b.class().map(BoundaryClass::word),
            "by": b.basis.and_then(|b| b.by.clone()),
        })
    };
    let windows: Vec<_> = comparisons
        .iter()
        .map(|c| {
            let [start, end] = c.boundaries();
            serde_json::json!({
                "service": c.service.id(),
                "what": c.what,
                "start": boundary(start, c.simulated.map(|s| s.0), c.health[0]),
                "end": boundary(end, c.simulated.and_then(|s| s.1), c.health[1]),
            })
        })
        .collect();
    let t = Tally::of(comparisons);
    serde_json::json!({
        "windows": windows,
        "predicted": { "boundaries": t.predicted, "within_tolerance": t.predicted_met },
        "fitted_or_scripted": { "boundaries": t.calibrated, "within_tolerance": t.calibrated_met },
        "summary": t.describe(),
    })
}

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)).and_then(run) {
        Ok(out) => {
            use std::io::Write;
            // A closed pipe (`| head`) is not an error worth a panic.
            // A table (CSV) ends its own last line.
            let end = if out.ends_with('\n') { "" } else { "\n" };
            let _ = write!(std::io::stdout(), "{out}{end}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("outage-sim: {}", e.lines().next().unwrap_or("error"));
            ExitCode::from(2)
        }
    }
}
