//! The native CLI, as a person runs it.
use std::process::Command;

/// The first entry of a JSON list about `service`.
fn of_service<'a>(list: &'a serde_json::Value, service: &str) -> &'a serde_json::Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|w| w["service"] == service)
        .unwrap_or_else(|| panic!("{service} missing"))
}

/// The JSON a successful command prints.
fn json_of(args: &[&str]) -> serde_json::Value {
    let out = cli(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_outage-sim"))
        .args(args)
        .output()
        .expect("run outage-sim")
}

#[test]
fn json_output_names_the_scenario_seed_digest_and_impairments() {
    let out = cli(&["run", "aws-2025-10-us-east-1", "--seed", "1", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["scenario"], "aws-2025-10-us-east-1");
    assert_eq!(v["seed"], 1);
    assert_eq!(v["digest"].as_str().unwrap().len(), 16);
    let ids: Vec<&str> = v["impairments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["service"].as_str().unwrap())
        .collect();
    for id in [
        "dynamodb",
        "ec2-launch",
        "dwfm",
        "network-manager",
        "nlb",
        "lambda",
        "sts",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let ddb = of_service(&v["impairments"], "dynamodb");
    assert!(ddb["from"].as_str().unwrap().starts_with("2025-10-19T23:4"));
}

#[test]
fn json_output_compares_every_reference_window_boundary_by_boundary_with_its_class() {
    for id in [
        "aws-2025-10-us-east-1",
        "aws-2020-11-us-east-1",
        "aws-2011-04-us-east-1",
    ] {
        let out = cli(&["run", id, "--json"]);
        assert!(out.status.success());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let file: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(format!("scenarios/{id}.json")),
            )
            .unwrap(),
        )
        .unwrap();
        let windows = v["reference"]["windows"].as_array().unwrap();
        let expected = file["windows"].as_array().unwrap();
        assert_eq!(windows.len(), expected.len(), "{id}: every window");
        let mut predicted = 0;
        for (w, e) in windows.iter().zip(expected) {
            assert_eq!(w["service"], e["service"]);
            for (side, at, basis, level) in [
                ("start", "from", "from_basis", "from_health"),
                ("end", "to", "to_basis", "to_health"),
            ] {
                let b = &w[side];
                // The health the boundary is read at, as the file says (null: any impairment).
                assert_eq!(b["read_at"], e[level], "{id} {side}");
                // Both instants as RFC 3339 in the outage's zone; the difference is theirs.
                assert_eq!(b["reference"], e[at], "{id} {side}");
                let ms = |k: &str| {
                    chrono_free_ms(b[k].as_str().unwrap_or_else(|| panic!("{id} {side} {k}")))
                };
                if b["simulated"].is_null() {
                    // The run has no such boundary (still impaired at the end): no difference,
                    // and not within any tolerance.
                    assert!(b["difference_ms"].is_null(), "{id} {side}");
                    assert_eq!(b["within_tolerance"], false, "{id} {side}");
                } else {
                    // The instants are written to the second, the difference to the millisecond.
                    let shown = ms("simulated") - ms("reference");
                    let exact = b["difference_ms"].as_i64().unwrap();
                    assert!(
                        (0..1000).contains(&(exact - shown)),
                        "{id} {side}: {exact} ms against {shown}"
                    );
                }
                let class = b["class"].as_str().unwrap();
                assert!(["fitted", "scripted", "predicted"].contains(&class));
                assert_eq!(b["class"], e[basis]["class"]);
                predicted += usize::from(class == "predicted");
                assert!(["P", "Q", "S2", "S1", "SHD", "U"].contains(&b["tag"].as_str().unwrap()));
            }
        }
        assert_eq!(v["reference"]["predicted"]["boundaries"], predicted);
    }
}

/// Milliseconds of an RFC 3339 instant of these scenarios (`2025-10-20T05:27:50-07:00`) from a
/// fixed origin: enough to subtract two of one scenario.
fn chrono_free_ms(t: &str) -> i64 {
    let n = |a: usize, b: usize| t[a..b].parse::<i64>().unwrap();
    let (day, h, m, s) = (n(8, 10), n(11, 13), n(14, 16), n(17, 19));
    ((day * 24 + h) * 60 + m) * 60_000 + s * 1000
}

#[test]
fn a_sweep_lists_each_instants_impairments_and_per_service_the_last_instant_that_still_helps() {
    let v = json_of(&[
        "sweep",
        "aws-2025-10-us-east-1",
        "--token",
        "enable.recheck-freshness",
        "--from",
        "2025-10-19T23:40:00-07:00",
        "--to",
        "2025-10-19T23:56:00-07:00",
        "--every",
        "4",
        "--json",
    ]);
    assert_eq!(v["token"], "enable.recheck-freshness");
    assert_eq!(v["label"], "Enactor re-checks plan freshness");
    assert_eq!(v["every_minutes"], 4);
    let instants = v["instants"].as_array().unwrap();
    assert_eq!(instants.len(), 5);
    assert_eq!(instants[0]["at"], "2025-10-19T23:40:00-07:00");
    // Early enough, DynamoDB is never impaired; from the race on, it is.
    let ddb_impaired = |i: &serde_json::Value| {
        i["impairments"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["service"] == "dynamodb" && w["from"].is_string())
    };
    assert!(!ddb_impaired(&instants[0]));
    assert!(ddb_impaired(&instants[4]));
    let ddb = of_service(&v["services"], "dynamodb");
    // The command line's point of no return is the core's.
    let s = outage_sim::Scenario::builtin("aws-2025-10-us-east-1").unwrap();
    let base = outage_sim::run(&s, &s.default_inputs(1)).unwrap();
    let (from, to) = (
        s.at("2025-10-19T23:40:00-07:00").unwrap(),
        s.at("2025-10-19T23:56:00-07:00").unwrap(),
    );
    let native = outage_sim::sweep::Sweeping::new(base, "enable.recheck-freshness", from, to, 4)
        .unwrap()
        .run()
        .unwrap();
    let last = native.last_changed(s.node("dynamodb").unwrap()).unwrap();
    assert_eq!(ddb["last_changed"], s.rfc3339(last));
    // A service no instant changes says so.
    assert!(v["services"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["last_changed"].is_null()));
    // A sweep past its bound is refused with a message, never a panic.
    let refused = cli(&[
        "sweep",
        "aws-2025-10-us-east-1",
        "--token",
        "enable.recheck-freshness",
        "--from",
        "2025-10-19T23:30:00-07:00",
        "--to",
        "2025-10-20T15:00:00-07:00",
        "--every",
        "1",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("more than"));
}

#[test]
fn the_table_shows_reference_times_beside_the_simulated_ones() {
    let out = cli(&["run", "aws-2025-10-us-east-1"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("11:48 PM–2:40 AM [P]"), "{text}");
    assert!(text.contains("digest "));
}

/// A file in a fresh temporary folder, for `--script`.
fn script_file(name: &str, body: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("outage-sim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

/// The 2025 scenario run with this script file, and these further arguments.
fn with_script(name: &str, body: &str, more: &[&str]) -> std::process::Output {
    let path = script_file(name, body);
    let script = [
        "run",
        "aws-2025-10-us-east-1",
        "--script",
        path.to_str().unwrap(),
    ];
    cli(&[&script[..], more].concat())
}

/// The digest of a successful `--json` run.
fn digest(args: &[&str]) -> String {
    let out = cli(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["digest"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_bad_script_is_one_line_and_exit_status_2() {
    for (name, body, says) in [
        ("garbage.json", "{not json", "not a JSON list"),
        (
            "kind.json",
            r#"[{"at": "2025-10-20T00:00:00-07:00", "kind": "stop-planner"}]"#,
            "not a JSON list",
        ),
        (
            "unknown.json",
            r#"[{"at": "2025-10-20T00:00:00-07:00", "do": "launch-missiles"}]"#,
            "\"launch-missiles\") is not one this scenario's model knows",
        ),
        (
            "late.json",
            r#"[{"at": "2025-10-22T00:00:00-07:00", "do": "stop-planner"}]"#,
            "outside the scenario window",
        ),
        (
            "no-such-enactor.json",
            r#"[{"at": "2025-10-20T00:00:00-07:00", "do": "pause-enactor.7"}]"#,
            "no Enactor",
        ),
    ] {
        let out = with_script(name, body, &[]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "{name}: {err}");
        assert!(err.starts_with("outage-sim: "), "{name}: {err}");
        assert!(err.contains(says), "{name}: {err}");
    }
    assert_eq!(
        cli(&["run", "aws-2025-10-us-east-1", "--script", "/no/such/file"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(cli(&["run", "no-such-scenario"]).status.code(), Some(2));
    assert_eq!(
        cli(&["run", "aws-2025-10-us-east-1", "--seed", "x"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_script_file_runs_the_same_as_its_interventions_in_a_link() {
    let path = script_file(
        "as-link.json",
        r#"[{"at": "2025-10-19T23:31:00-07:00", "do": "pause-enactor.0"},
            {"at": "2025-10-19T23:39:00-07:00", "do": "resume-enactor.0", "note": "notes are allowed"}]"#,
    );
    let file = digest(&[
        "run",
        "aws-2025-10-us-east-1",
        "--seed",
        "3",
        "--script",
        path.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        file,
        digest(&[
            "run",
            "--link",
            "#v=1&seed=3&script=23:31:00~pause-enactor.0;23:39:00~resume-enactor.0",
            "--json"
        ])
    );
    assert_ne!(
        file,
        digest(&["run", "aws-2025-10-us-east-1", "--seed", "3", "--json"])
    );
}

#[test]
fn a_scenario_files_own_script_as_a_script_file_runs_the_incident_as_it_happened() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    for id in [
        "aws-2025-10-us-east-1",
        "aws-2020-11-us-east-1",
        "aws-2011-04-us-east-1",
    ] {
        let text = std::fs::read_to_string(root.join(format!("{id}.json"))).unwrap();
        let file: serde_json::Value = serde_json::from_str(&text).unwrap();
        let script = file["script"].to_string();
        assert!(script.contains("\"do\""), "{id}: {script}");
        let path = script_file(&format!("{id}-script.json"), &script);
        assert_eq!(
            digest(&["run", id, "--script", path.to_str().unwrap(), "--json"]),
            digest(&["run", id, "--json"]),
            "{id}"
        );
    }
}

#[test]
fn a_link_runs_the_same_inputs_as_the_browser_and_a_bad_one_is_exit_status_2() {
    assert_eq!(
        digest(&[
            "run",
            "--link",
            "http://127.0.0.1:8080/#v=1&seed=4&t=01:00:00",
            "--json"
        ]),
        digest(&["run", "aws-2025-10-us-east-1", "--seed", "4", "--json"])
    );
    assert_ne!(
        digest(&[
            "run",
            "--link",
            "#v=1&script=23:40:00~pause-enactor.0",
            "--json"
        ]),
        digest(&["run", "aws-2025-10-us-east-1", "--json"])
    );
    assert_eq!(cli(&["run", "--link", "#v=9"]).status.code(), Some(2));
    assert_eq!(
        cli(&["run", "--link", "#v=1&t=99:00:00"]).status.code(),
        Some(2)
    );
}

#[test]
fn the_kinesis_scenario_prints_every_dependent_services_impairment() {
    let v = json_of(&["run", "aws-2020-11-us-east-1", "--json"]);
    assert_eq!(v["scenario"], "aws-2020-11-us-east-1");
    let ws = v["impairments"].as_array().unwrap();
    for id in [
        "kinesis",
        "cloudwatch",
        "autoscaling",
        "lambda",
        "cognito",
        "eventbridge",
        "ecs",
        "status-page",
    ] {
        assert!(ws.iter().any(|w| w["service"] == id), "{id} missing");
    }
    let kinesis = ws.iter().find(|w| w["service"] == "kinesis").unwrap();
    // Times are the scenario's own: Pacific Standard Time.
    assert!(kinesis["from"]
        .as_str()
        .unwrap()
        .starts_with("2020-11-25T05:1"));
    assert!(kinesis["from"].as_str().unwrap().ends_with("-08:00"));
}

/// The DynamoDB impairments of a run of the 2025 scenario with this script file (no trigger:
/// only what the file says happens).
fn dynamodb_impairments(name: &str, script: &str) -> Vec<serde_json::Value> {
    let out = with_script(name, script, &["--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["impairments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["service"] == "dynamodb")
        .cloned()
        .collect()
}

#[test]
fn pausing_enactor_a_and_resuming_it_eight_minutes_later_fails_dynamodb_unless_it_re_checks() {
    let pause = r#"
        {"at": "2025-10-19T23:31:00-07:00", "do": "pause-enactor.0"},
        {"at": "2025-10-19T23:39:00-07:00", "do": "resume-enactor.0"}"#;
    let raced = dynamodb_impairments("pause.json", &format!("[{pause}]"));
    let from = raced.first().expect("DynamoDB fails once A is resumed")["from"]
        .as_str()
        .unwrap()
        .to_string();
    // Paused with the regional endpoint still to write, A writes it when resumed at 11:39 PM.
    assert!(from.starts_with("2025-10-19T23:39"), "{from}");
    let checked = dynamodb_impairments(
        "pause-recheck.json",
        &format!(
            r#"[{{"at": "2025-10-19T23:30:00-07:00", "do": "enable.recheck-freshness"}},{pause}]"#
        ),
    );
    assert!(checked.is_empty(), "{checked:?}");
}

#[test]
fn a_race_made_by_hand_gets_the_operators_responses_unless_they_are_switched_off() {
    let path = script_file(
        "race.json",
        r#"[{"at": "2025-10-19T23:31:00-07:00", "do": "pause-enactor.0"},
            {"at": "2025-10-19T23:39:00-07:00", "do": "resume-enactor.0"}]"#,
    );
    let path = path.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["run", "aws-2025-10-us-east-1", "--script", path];
        args.extend_from_slice(extra);
        let out = cli(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let impairments = |text: &str| {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        v["impairments"].as_array().unwrap().clone()
    };
    let of = |ws: &[serde_json::Value], id: &str| -> Vec<serde_json::Value> {
        ws.iter().filter(|w| w["service"] == id).cloned().collect()
    };
    // The operators respond: DNS comes back, and the cascade reaches NLB.
    let on = impairments(&run(&["--json"]));
    assert!(!of(&on, "nlb").is_empty(), "{on:?}");
    assert!(of(&on, "dynamodb").iter().all(|w| !w["to"].is_null()));
    let log = run(&["--log"]);
    assert!(
        log.contains("Operators: restore DynamoDB's DNS records (response to the empty record)."),
        "{log}"
    );
    // Switched off, nobody restores the record: DynamoDB is down to the end, NLB untouched.
    let off = ["--param", "operator_responses=off"];
    let ws = impairments(&run(&[off[0], off[1], "--json"]));
    assert!(of(&ws, "nlb").is_empty(), "{ws:?}");
    assert!(of(&ws, "dynamodb").last().unwrap()["to"].is_null());
    assert!(!run(&[off[0], off[1], "--log"]).contains("Operators: "));
}
