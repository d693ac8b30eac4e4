//! The dependency map: nodes and groups placed as the scenario lays them out, each node showing
//! its health by colour, by outline style and by a glyph, its error rate as text, and the gauge
//! that explains it. Nodes are buttons: click, or Tab and Enter, to inspect one.

use crate::Explorer;
use leptos::prelude::*;
use outage_sim::describe::summary;
use outage_sim::{observe, Health, Service};

const NODE_W: i32 = 176;
const NODE_H: i32 = 80;
/// Text wider than this many characters is squeezed to fit its node.
const NAME_FITS: usize = 8;
const GAUGE_FITS: usize = 18;
/// At most this many requests drawn in flight on one edge, and the time one takes to cross it.
const MAX_PARTICLES_PER_EDGE: u64 = 8;
const PARTICLE_MS: u64 = 2400;

pub fn glyph(h: Health) -> &'static str {
    match h {
        Health::Healthy => "✓",
        Health::Degraded => "!",
        Health::Down => "✕",
        Health::Unknown => "?",
    }
}

/// Freeze or restart the requests in flight. They are frozen while the scrubber is dragged: the
/// map then redraws instants, not traffic, and the frame budget goes to the redraw.
pub fn animate_particles(on: bool) {
    use wasm_bindgen::JsCast;
    let svg = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("svg.graph").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::SvgsvgElement>().ok());
    if let Some(svg) = svg {
        if on {
            svg.unpause_animations();
        } else {
            svg.pause_animations();
        }
    }
}

/// A `textLength` that squeezes text longer than `fits` characters into `width`; none otherwise.
fn fit(text: &str, fits: usize, width: i32) -> Option<String> {
    (text.chars().count() > fits).then(|| width.to_string())
}

pub fn percent(bp: u16) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

#[component]
pub fn Map() -> impl IntoView {
    let ex = expect_context::<Explorer>();
    let (w, h, groups, edges, nodes) = ex.scenario.with_value(|s| {
        let pos = |id: &str| {
            s.file
                .nodes
                .iter()
                .find(|n| n.id == id)
                .map(|n| (n.x, n.y))
                .unwrap_or((0, 0))
        };
        let edges: Vec<(Service, Service, i32, i32, i32, i32)> = s
            .file
            .edges
            .iter()
            .filter_map(|e| {
                let (a, b) = (pos(&e.from), pos(&e.to));
                let (from, to) = (Service::parse(&e.from)?, Service::parse(&e.to)?);
                Some((from, to, a.0, a.1, b.0, b.1))
            })
            .collect();
        let nodes: Vec<(Service, i32, i32, String, Option<String>)> = s
            .file
            .nodes
            .iter()
            .filter_map(|n| {
                Some((
                    Service::parse(&n.id)?,
                    n.x,
                    n.y,
                    n.about.clone(),
                    n.az.clone(),
                ))
            })
            .collect();
        (
            s.file.canvas.width,
            s.file.canvas.height,
            s.file.groups.clone(),
            edges,
            nodes,
        )
    });
    let groups = groups
        .into_iter()
        .map(|g| {
            view! {
                <g class="group">
                    <rect x=g.x y=g.y width=g.w height=g.h rx="10"></rect>
                    <text x=g.x + 12 y=g.y + 24>{g.label}</text>
                </g>
            }
        })
        .collect_view();
    let edges = edges
        .into_iter()
        .enumerate()
        .map(|(i, (from, to, x1, y1, x2, y2))| {
            // An edge carries its source's health: failure spreads along it.
            let health = move || ex.view.with(|v| v.health[from.index()]).id();
            let failing = Memo::new(move |_| ex.view.with(|v| v.error_bp[from.index()]));
            let flow = Memo::new(move |_| {
                ex.recording
                    .with(|r| ex.view.with(|v| observe::flow(from, to, v, &r.inputs.params)))
            });
            let count = Memo::new(move |_| observe::particles(flow.get(), MAX_PARTICLES_PER_EDGE));
            let path = format!("M{x1} {y1} L{x2} {y2}");
            // Requests in flight: as many as the simulated rate calls for (capped, evenly spaced,
            // no randomness); the failing share drawn as crosses instead of dots. The particles
            // are fixed slots around the edge, shown or hidden, so a new rate changes classes
            // rather than rebuilding animations.
            let particles = (0..MAX_PARTICLES_PER_EDGE)
                .map(|k| {
                    let path = path.clone();
                    // Negative offsets: every particle is already in flight when drawn.
                    let begin = format!("-{}ms", (k * PARTICLE_MS / MAX_PARTICLES_PER_EDGE) + (i as u64 * 137) % PARTICLE_MS);
                    // This slot's rank among the `n` shown, if it is shown.
                    let rank = move || {
                        let n = count.get();
                        (0..n).find(|j| j * MAX_PARTICLES_PER_EDGE / n == k)
                    };
                    let failed = move || {
                        let n = count.get();
                        rank().is_some_and(|j| (failing.get() as u64 * n).div_ceil(10_000) > j)
                    };
                    view! {
                        <g class="particle" class:hidden=move || rank().is_none() class:failed=failed>
                            <path d=move || if failed() { "M-5 -5 L5 5 M-5 5 L5 -5" } else { "M-4 0 a4 4 0 1 0 8 0 a4 4 0 1 0 -8 0" }></path>
                            <animateMotion dur=format!("{PARTICLE_MS}ms") repeatCount="indefinite" begin=begin path=path></animateMotion>
                        </g>
                    }
                })
                .collect_view();
            // Where the edge's numbers go: its middle, above or below it by turns, so edges that
            // cross mid-way do not print over each other.
            let (mx, my) = ((x1 + x2) / 2, (y1 + y2) / 2 + [-6, 16][i % 2]);
            view! {
                <g class="link" data-from=from.id() data-to=to.id() data-particles=move || count.get().to_string()>
                    <line class="edge" data-health=health x1=x1 y1=y1 x2=x2 y2=y2></line>
                    <g class="particles" aria-hidden="true">{particles}</g>
                    // The numbers that replace particles under reduced motion: only where the flow
                    // is not its normal self (a surge, a trickle, failures), so the map stays calm.
                    <text class="rate" x=mx y=my aria-hidden="true">{move || {
                        let f = failing.get();
                        let normal = count.get() == observe::NORMAL_PARTICLES;
                        let rate = flow.get().describe();
                        match (f, normal) {
                            (0, true) => String::new(),
                            (0, false) => rate,
                            _ => format!("{rate} · {}% fail", f / 100),
                        }
                    }}</text>
                </g>
            }
        })
        .collect_view();
    let nodes = nodes
        .into_iter()
        .map(|(svc, x, y, about, az)| {
            let health = move || ex.view.with(|v| v.health[svc.index()]);
            let bp = move || ex.view.with(|v| v.error_bp[svc.index()]);
            let gauge_text = Memo::new(move |_| ex.view.with(|v| summary(svc, v)));
            let label = move || {
                let g = gauge_text.get();
                let g = if g.is_empty() { String::new() } else { format!(" {g}") };
                // It starts with the text the node shows, in the order shown (WCAG 2.5.3, label
                // in name), then says the health in a word and what the service does.
                format!("{}{g} {} errors: {}. {}", svc.name(), percent(bp()), health().id(), about)
            };
            let selected = move || ex.selected.get() == Some(svc);
            let select = move || ex.selected.set(Some(svc));
            // The AZ a node runs in labels its place on the map, outside the node's own name.
            let az = az.map(|az| view! { <text class="az" x=x - NODE_W / 2 y=y - NODE_H / 2 - 6>{format!("AZ {az}")}</text> });
            view! {
                {az}
                <g
                    class="node"
                    class:selected=selected
                    tabindex="0"
                    role="button"
                    aria-pressed=move || selected().to_string()
                    data-service=svc.id()
                    data-health=move || health().id()
                    aria-label=label
                    on:click=move |_| select()
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" || ev.key() == " " {
                            ev.prevent_default();
                            select();
                        }
                    }
                >
                    <rect x=x - NODE_W / 2 y=y - NODE_H / 2 width=NODE_W height=NODE_H rx="8"></rect>
                    <text class="glyph" aria-hidden="true" x=x - NODE_W / 2 + 10 y=y - 12>{move || glyph(health())}</text>
                    <text class="name" x=x - NODE_W / 2 + 34 y=y - 12 textLength=fit(svc.name(), NAME_FITS, NODE_W - 42) lengthAdjust="spacingAndGlyphs">{svc.name()}" "</text>
                    <text class="gauge" x=x - NODE_W / 2 + 10 y=y + 13 textLength=move || gauge_text.with(|g| fit(g, GAUGE_FITS, NODE_W - 18)) lengthAdjust="spacingAndGlyphs">{gauge_text}" "</text>
                    <text class="err" x=x - NODE_W / 2 + 10 y=y + 33>{move || format!("{} errors", percent(bp()))}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="graph" viewBox=format!("0 0 {w} {h}") role="group" aria-label="Services and their dependencies">
            {groups}
            <g class="edges">{edges}</g>
            {nodes}
        </svg>
    }
}
