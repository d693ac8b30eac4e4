//! Lays out each built-in scenario's map when the app is built, so a page draws its map without
//! routing its edges first (routing them took the first screen 50–80 ms in the browser). The
//! layout is the core's, computed natively from the same scenario file, and written as static
//! data (`src/layouts.rs` turns it into a `MapLayout`): no parser and no router in the wasm.
//! Each map is laid out twice where its file says how: for a screen, and for a phone held
//! upright (`portrait`).
//! The scenario files go in packed (`src/builtin.rs` reads them), so no JSON parser either.
//! So does how long each incident's default run is impaired, for the comparison that closes a
//! lecture across outages: the model's own number, without running three outages in the page.

use outage_sim::layout::MapLayout;
use std::fmt::Write;
use std::{env, fs, path::Path};

fn rect(r: &outage_sim::layout::Rect) -> String {
    format!("[{}, {}, {}, {}]", r.x, r.y, r.w, r.h)
}

fn layout(id: &str, l: &MapLayout) -> String {
    let mut s = format!("    ({id:?}, {}, {}, &[\n", l.width, l.height);
    for n in &l.nodes {
        let lines: Vec<&str> = n.lines.iter().map(String::as_str).collect();
        let az = n.az.as_deref();
        let _ = writeln!(
            s,
            "        ({:?}, {}, &{lines:?}, {az:?}),",
            n.id,
            rect(&n.rect)
        );
    }
    s.push_str("    ], &[\n");
    for e in &l.edges {
        let _ = writeln!(
            s,
            "        ({:?}, {:?}, &{:?}, {}, {:?}),",
            e.from,
            e.to,
            e.points,
            rect(&e.label),
            e.anchor
        );
    }
    s.push_str("    ], &[\n");
    for g in &l.groups {
        let _ = writeln!(s, "        ({:?}, {}),", g.label, rect(&g.rect));
    }
    s.push_str("    ]),\n");
    s
}

fn main() {
    println!("cargo:rerun-if-changed=crates/sim/src");
    println!("cargo:rerun-if-changed=crates/sim/scenarios");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out_dir = Path::new(&out_dir);
    let mut layouts = String::from("pub const LAYOUTS: &[Layout] = &[\n");
    // The same maps for a phone held upright, where a scenario file has them.
    let mut portraits = String::from("pub const PORTRAITS: &[Layout] = &[\n");
    // The scenario files themselves, packed: the browser reads them without a JSON parser. The
    // outage a bare address opens is in the wasm; the others are files beside it
    // (`scenarios/<id>-<fingerprint>.bin`, written by `outage-site`), fetched when a link names
    // them, and checked against the fingerprint named here.
    let mut packed = String::from("pub const BUILTIN: &[Builtin] = &[\n");
    let mut impaired = String::from("pub const IMPAIRED: &[Impaired] = &[\n");
    for (id, _) in outage_sim::models::BUILTIN {
        let scenario = outage_sim::Scenario::builtin(id)
            .unwrap_or_else(|e| panic!("built-in scenario {id} does not parse: {e}"));
        layouts.push_str(&layout(id, &scenario.map_layout()));
        if let Some(portrait) = scenario.portrait_layout() {
            portraits.push_str(&layout(id, &portrait));
        }
        let file = &scenario.file;
        let blob = outage_sim::presentation::packed::pack(file);
        let data = if *id == outage_sim::DEFAULT_SCENARIO {
            fs::write(out_dir.join(format!("{id}.bin")), &blob).expect("OUT_DIR is writable");
            format!("Packed::Carried(include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{id}.bin\")))")
        } else {
            let fp = outage_sim::presentation::packed::fingerprint(&blob);
            format!("Packed::Fetched({fp:?})")
        };
        let _ = writeln!(
            packed,
            "    ({id:?}, {:?}, {:?}, {data}),",
            file.title, file.subtitle
        );
        let run = outage_sim::run(
            &scenario,
            &scenario.default_inputs(outage_sim::DEFAULT_SEED),
        )
        .unwrap_or_else(|e| panic!("built-in scenario {id} does not run: {e}"));
        if let Some((from, to)) = outage_sim::lesson::impaired_span(run.as_ref()) {
            let to = to.map(|t| t.ms());
            let _ = writeln!(impaired, "    ({id:?}, {}, {to:?}),", from.ms());
        }
    }
    layouts.push_str("];\n");
    portraits.push_str("];\n");
    layouts.push_str(&portraits);
    packed.push_str("];\n");
    impaired.push_str("];\n");
    packed.push_str(&impaired);
    fs::write(out_dir.join("layouts.rs"), layouts).expect("OUT_DIR is writable");
    fs::write(out_dir.join("scenarios.rs"), packed).expect("OUT_DIR is writable");
}
