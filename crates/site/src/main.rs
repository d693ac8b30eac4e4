//! Finishes the site Trunk has built, in its staging folder (`TRUNK_STAGING_DIR`, or the folder
//! given): run as Trunk's post-build hook, so every build of the app is a whole site.
//!
//! - The outages the wasm does not carry, as packed files it fetches (`scenarios/`).
//! - The first screen in the page the server sends: each outage's title card as HTML, painted
//!   before the wasm has arrived (`first_screen`).
//! - The page asks for the wasm after its first paint (`loader`).
//! - The offline copy: a web app manifest and a service worker that keeps this build's files
//!   (`offline`).
//! - A `.gz` and a `.br` beside each file, for static hosts that serve them (`compress`).

mod compress;
mod first_screen;
mod loader;
mod offline;

use outage_sim::presentation::packed;
use outage_sim::Scenario;
use std::path::{Path, PathBuf};
use std::{env, fs};

/// Run in two steps, with the page's Content-Security-Policy written between them (see
/// `scripts/post_build.sh`): `page` finishes the page itself, `files` what is written from it.
fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let usage = "usage: outage-site page|files <built site folder>";
    let (Some(step), Some(dir)) = (args.first(), args.get(1).map(PathBuf::from)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let done = match step.as_str() {
        "page" => finish_page(&dir),
        "files" => finish(&dir),
        _ => Err(usage.to_string()),
    };
    if let Err(e) = done {
        eprintln!("outage-site: {e}");
        std::process::exit(1);
    }
}

fn builtin() -> Result<Vec<Scenario>, String> {
    outage_sim::models::BUILTIN
        .iter()
        .map(|(id, _)| Scenario::builtin(id))
        .collect()
}

/// The page: the first screen in it, and when it asks for the wasm.
fn finish_page(dir: &Path) -> Result<(), String> {
    first_screen::write(dir, &builtin()?)?;
    loader::write(dir)
}

/// The files beside the page: the fetched outages, the offline copy, the compressed files.
fn finish(dir: &Path) -> Result<(), String> {
    let scenarios = builtin()?;
    write_fetched_scenarios(dir, &scenarios)?;
    offline::write(dir, &scenarios)?;
    compress::beside_each_file(dir)
}

/// Each outage but the one a bare address opens, packed as `build.rs` packs it for the wasm and
/// named by its fingerprint, which the wasm checks.
fn write_fetched_scenarios(dir: &Path, scenarios: &[Scenario]) -> Result<(), String> {
    for s in scenarios
        .iter()
        .filter(|s| s.id() != outage_sim::DEFAULT_SCENARIO)
    {
        let blob = packed::pack(&s.file);
        let path = dir.join(packed::fetched_path(s.id(), &packed::fingerprint(&blob)));
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        }
        fs::write(&path, blob).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// Every file under `dir`, as paths relative to it with '/' between parts, sorted.
pub fn files(dir: &Path) -> Result<Vec<String>, String> {
    fn walk(root: &Path, here: &Path, out: &mut Vec<String>) -> Result<(), String> {
        let entries = fs::read_dir(here).map_err(|e| format!("{}: {e}", here.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else if let Ok(rel) = path.strip_prefix(root) {
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}
