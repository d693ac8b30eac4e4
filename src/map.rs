//! The dependency map: nodes and groups placed as the scenario lays them out, each node showing
//! its health by colour, by outline style and by a glyph, with its error rate as text.

use leptos::prelude::*;
use outage_sim::{Health, Scenario, Service, View};

const NODE_W: i32 = 164;
const NODE_H: i32 = 60;

fn glyph(h: Health) -> &'static str {
    match h {
        Health::Healthy => "✓",
        Health::Degraded => "!",
        Health::Down => "✕",
        Health::Unknown => "?",
    }
}

#[component]
pub fn Map(scenario: StoredValue<Scenario>, view: Memo<View>) -> impl IntoView {
    let (w, h, groups, edges, nodes) = scenario.with_value(|s| {
        let pos = |id: &str| {
            s.file
                .nodes
                .iter()
                .find(|n| n.id == id)
                .map(|n| (n.x, n.y))
                .unwrap_or((0, 0))
        };
        let edges: Vec<(i32, i32, i32, i32)> = s
            .file
            .edges
            .iter()
            .map(|e| {
                let (a, b) = (pos(&e.from), pos(&e.to));
                (a.0, a.1, b.0, b.1)
            })
            .collect();
        let nodes: Vec<(Service, i32, i32, String)> = s
            .file
            .nodes
            .iter()
            .filter_map(|n| Some((Service::parse(&n.id)?, n.x, n.y, n.about.clone())))
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
                    <text x=g.x + 10 y=g.y + 22>{g.label}</text>
                </g>
            }
        })
        .collect_view();
    let edges = edges
        .into_iter()
        .map(|(x1, y1, x2, y2)| view! { <line class="edge" x1=x1 y1=y1 x2=x2 y2=y2></line> })
        .collect_view();
    let nodes = nodes
        .into_iter()
        .map(|(svc, x, y, about)| {
            let health = move || view.with(|v| v.health[svc.index()]);
            let bp = move || view.with(|v| v.error_bp[svc.index()]);
            let label = move || {
                let b = bp();
                format!("{}: {}, {}.{:02}% errors. {}", svc.name(), health().id(), b / 100, b % 100, about)
            };
            view! {
                <g class="node" tabindex="0" role="img" data-service=svc.id() data-health=move || health().id() aria-label=label>
                    <rect x=x - NODE_W / 2 y=y - NODE_H / 2 width=NODE_W height=NODE_H rx="8"></rect>
                    <text class="glyph" x=x - NODE_W / 2 + 10 y=y - 6>{move || glyph(health())}</text>
                    <text x=x - NODE_W / 2 + 32 y=y - 6>{svc.name()}</text>
                    <text x=x - NODE_W / 2 + 32 y=y + 18>{move || { let b = bp(); format!("{}.{:02}% errors", b / 100, b % 100) }}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg viewBox=format!("0 0 {w} {h}") role="group" aria-label="Services and their dependencies">
            {groups}
            {edges}
            {nodes}
        </svg>
    }
}
