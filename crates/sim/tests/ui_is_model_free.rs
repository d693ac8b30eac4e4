//! The app under `src/` draws whatever model the core runs: it names no service, intervention or
//! parameter of a particular outage. Everything outage-specific reaches it as data (the scenario
//! file) or through the core's generic calls, so adding an outage touches no UI code.

use outage_sim::intervention::for_node;
use outage_sim::{link, Params, Service};
use std::path::Path;

/// Every name of the model that UI code could be tempted to spell out.
fn model_names() -> Vec<String> {
    let mut names = Vec::new();
    for s in Service::ALL {
        names.push(s.id().to_string());
        names.push(format!("Service::{s:?}"));
        names.push(s.name().to_string());
    }
    let p = Params::default();
    names.extend(p.describe().into_iter().map(|i| i.key.to_string()));
    names.extend(p.choices().into_iter().map(|c| c.key.to_string()));
    for s in Service::ALL {
        for what in for_node(*s, 3) {
            let token = link::token(&what);
            let head: String = token
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                .collect();
            names.push(head);
            names.push(what.label());
        }
    }
    names.sort();
    names.dedup();
    names.retain(|n| n.len() > 2);
    names
}

/// `name` appears in `line` as a whole word (not inside a longer identifier or id).
fn names_it(line: &str, name: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    line.match_indices(name).any(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + name.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

#[test]
fn the_app_names_nothing_of_a_particular_outage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src");
    let names = model_names();
    assert!(
        names.iter().any(|n| n == "dynamodb"),
        "the list of names is built"
    );
    let mut found = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&src)
        .expect("src/ is there")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    assert!(files.len() > 5, "the app's sources were not found");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            // Comments may explain with an example; code and strings may not name the model.
            let code = line.split("//").next().unwrap_or("");
            for name in &names {
                if names_it(code, name) {
                    found.push(format!("{}:{}: {name}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "outage-specific names in the app:\n{}",
        found.join("\n")
    );
}
