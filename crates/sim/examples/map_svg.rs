//! Draws the built-in scenario's map layout as a bare SVG (boxes, routes, label places), to look
//! at the geometry without building the app: `cargo run --example map_svg > map.svg`;
//! `cargo run --example map_svg -- <scenario> portrait` draws the phone's map.

use outage_sim::{Scenario, DEFAULT_SCENARIO};

fn main() {
    let id = std::env::args()
        .nth(1)
        .unwrap_or(DEFAULT_SCENARIO.to_string());
    let s = Scenario::builtin(&id).expect("scenario");
    let m = if std::env::args().nth(2).as_deref() == Some("portrait") {
        s.portrait_layout()
            .expect("the scenario file has a portrait map")
    } else {
        s.map_layout()
    };
    println!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" style="font-family: DejaVu Sans; background: white">"#,
        m.width, m.height, m.width, m.height
    );
    for g in &m.groups {
        let r = g.rect;
        println!(
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="gray" stroke-dasharray="6 4"/><text x="{}" y="{}" font-size="19">{}</text>"#,
            r.x,
            r.y,
            r.w,
            r.h,
            r.x + 12,
            r.y + 22,
            g.label
        );
    }
    for e in &m.edges {
        let d: Vec<String> = e.points.iter().map(|(x, y)| format!("{x},{y}")).collect();
        let l = e.label;
        println!(
            r#"<polyline points="{}" fill="none" stroke="steelblue" stroke-width="3"/><rect x="{}" y="{}" width="{}" height="{}" fill="orange" opacity="0.3"/>"#,
            d.join(" "),
            l.x,
            l.y,
            l.w,
            l.h
        );
    }
    for n in &m.nodes {
        let r = n.rect;
        println!(
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="white" stroke="black" stroke-width="3" rx="8"/>"#,
            r.x, r.y, r.w, r.h
        );
        for (i, line) in n.lines.iter().enumerate() {
            println!(
                r#"<text x="{}" y="{}" font-size="28" font-weight="bold">{}</text>"#,
                r.x + 12,
                n.name_baseline(i),
                line
            );
        }
        println!(
            r#"<text x="{}" y="{}" font-size="20">✕ 100.0% errors</text><text x="{}" y="{}" font-size="18">leases 58% · queue 0</text>"#,
            r.x + 12,
            n.status_baseline(),
            r.x + 12,
            n.gauge_baseline()
        );
        if let Some(az) = &n.az {
            println!(
                r#"<text x="{}" y="{}" font-size="18">{az}</text>"#,
                r.x + 12,
                n.az_baseline()
            );
        }
    }
    println!("</svg>");
}
