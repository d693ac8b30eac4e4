//! Lays out each built-in scenario's map when the app is built, so a page draws its map without
//! routing its edges first (routing them took the first screen 50–80 ms in the browser). The
//! layout is the core's, computed natively from the same scenario file.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=crates/sim/src");
    println!("cargo:rerun-if-changed=crates/sim/scenarios");
    let mut out = String::from("pub const LAYOUTS: &[(&str, &str)] = &[\n");
    for (id, _) in outage_sim::models::BUILTIN {
        let scenario = outage_sim::Scenario::builtin(id)
            .unwrap_or_else(|e| panic!("built-in scenario {id} does not parse: {e}"));
        let json = serde_json::to_string(&scenario.map_layout()).expect("a layout serializes");
        out.push_str(&format!("    ({id:?}, {json:?}),\n"));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("layouts.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
