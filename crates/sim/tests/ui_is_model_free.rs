//! The app under `src/` draws whatever model the core runs: it names no service, intervention or
//! parameter of a particular outage. Everything outage-specific reaches it as data (the scenario
//! file) or through the core's generic calls, so adding an outage touches no UI code.

use outage_sim::scenario::BUILTIN;
use outage_sim::Scenario;
use std::path::Path;

/// Every name of every model that UI or engine code could be tempted to spell out, found
/// through the registry, so a new model is covered without touching this test.
fn model_names() -> Vec<String> {
    let mut names = Vec::new();
    for (id, _) in BUILTIN {
        let s = Scenario::builtin(id).expect("builtin scenario");
        names.push(id.to_string());
        let run = outage_sim::run(&s, &s.default_inputs(1)).expect("default run");
        for n in s.nodes() {
            names.push(n.id().to_string());
            names.push(n.name().to_string());
            for offer in run.offered(*n) {
                let head: String = offer
                    .token
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                    .collect();
                names.push(head);
                names.push(offer.label);
            }
        }
        names.extend(run.param_infos().into_iter().map(|i| i.key.to_string()));
        names.extend(run.choices().into_iter().map(|c| c.key.to_string()));
    }
    names.sort();
    names.dedup();
    // The parameters `params!` gives every model are the engine's, not an outage's: they are
    // what a model that declares none of its own has.
    outage_sim::params! { pub struct Bare; numbers {} choices {} }
    impl Bare {
        fn check(&self) -> Result<(), String> {
            Ok(())
        }
    }
    let engine_keys = outage_sim::model::ParamSet::describe(&Bare::default());
    names.retain(|n| n.len() > 2 && !engine_keys.iter().any(|i| i.key == n));
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

/// The `.rs` files directly in `dir`, sorted.
fn sources(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("source directory is there")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    files
}

/// Lines of code (comments and `#[cfg(test)]` modules left out) that name one of `names`.
fn naming(files: &[std::path::PathBuf], names: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with("#[cfg(test)]") {
                break;
            }
            // Comments may explain with an example; code and strings may not name a model.
            let code = line.split("//").next().unwrap_or("");
            for name in names {
                if names_it(code, name) {
                    found.push(format!("{}:{}: {name}", file.display(), n + 1));
                }
            }
        }
    }
    found
}

#[test]
fn the_app_names_nothing_of_a_particular_outage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src");
    let names = model_names();
    assert!(
        names.iter().any(|n| n == "dynamodb"),
        "the list of names is built"
    );
    let files = sources(&src);
    assert!(files.len() > 5, "the app's sources were not found");
    let found = naming(&files, &names);
    assert!(
        found.is_empty(),
        "outage-specific names in the app:\n{}",
        found.join("\n")
    );
}

/// The engine knows no outage: its code, and the presentation's beside it, names no model's
/// nodes, parameters or interventions, and never imports the models, not even their registry:
/// the registry (`models`) finds the model a scenario names and hands it to the engine
/// (`Scenario::checked`), so the imports run one way, models to engine. The event loop reads
/// nothing of the presentation (scenario files, links, layout, reality), which reads the engine.
#[test]
fn the_engine_names_nothing_of_a_particular_outage() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let engine = sources(&root.join("engine"));
    let presentation = sources(&root.join("presentation"));
    assert!(
        engine.len() > 10 && presentation.len() > 5,
        "the engine's sources were not found"
    );
    let files: Vec<_> = engine.iter().chain(&presentation).cloned().collect();
    let names: Vec<String> = model_names()
        .into_iter()
        .filter(|n| !BUILTIN.iter().any(|(id, _)| id == n))
        .collect();
    let found = naming(&files, &names);
    assert!(
        found.is_empty(),
        "outage-specific names in the engine:\n{}",
        found.join("\n")
    );
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let in_engine = engine.contains(file);
        for (n, line) in text.lines().enumerate() {
            if line.starts_with("#[cfg(test)]") {
                break;
            }
            let code = line.split("//").next().unwrap_or("");
            assert!(
                !code.contains("models::"),
                "{}:{}: the engine reaches into a model: {line}",
                file.display(),
                n + 1
            );
            assert!(
                !(in_engine && code.contains("presentation::")),
                "{}:{}: the event loop reaches into the presentation: {line}",
                file.display(),
                n + 1
            );
        }
    }
}
