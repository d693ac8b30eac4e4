//! Packs the default scenario, as the app's build does: the wasm reads it without a JSON parser.
use std::{env, fs, path::Path};

fn main() {
    let id = outage_sim::DEFAULT_SCENARIO;
    let scenario = outage_sim::Scenario::builtin(id)
        .unwrap_or_else(|e| panic!("built-in scenario {id} does not parse: {e}"));
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(
        Path::new(&out).join("default.bin"),
        outage_sim::presentation::packed::pack(&scenario.file),
    )
    .expect("OUT_DIR is writable");
}
