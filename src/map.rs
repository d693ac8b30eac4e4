//! The dependency map, drawn as a diagram: boxes sized to their names, edges routed around the
//! boxes with an arrowhead at the dependent, each node showing its health by colour, by outline
//! style and by a glyph, with its error rate and the gauge that explains it. Nodes are buttons:
//! click, or Tab and Enter, to inspect one. Where the geometry comes from: `Scenario::map_layout`.

use crate::playback::Playback;
use crate::presentation::{Presentation, Settled};
use crate::runs::Runs;
use crate::selection::Selection;
use leptos::prelude::*;
use outage_sim::layout::{text_width, Rect, GAUGE_PX, RATE_LINE, STATUS_PX};
use outage_sim::{observe, Health, NodeRef, SimTime};

/// The compared run's health on a node's top edge, in words and its colour: "A: down".
fn vs_badge(r: outage_sim::layout::Rect, a: Health) -> impl IntoView {
    let text = format!("A: {}", a.id());
    let w = text_width(&text, STATUS_PX, true) + 16;
    // Above the box, clear of the name inside it.
    let (x, y) = (r.x + r.w - w - 8, r.y - 27);
    view! {
        <g class="vs-badge" data-health=a.id() aria-hidden="true">
            <rect x=x y=y width=w height="30" rx="15"></rect>
            <text x=x + 8 y=y + 22>{text}</text>
        </g>
    }
}

/// At most this many requests drawn in flight on one edge, and the time one takes to cross it.
const MAX_PARTICLES_PER_EDGE: u64 = 8;
const PARTICLE_MS: u64 = 2400;
/// Corners of routed edges are rounded by this much (map units).
const CORNER: i32 = 10;
/// The least share of the map, each way, that a chapter's frame shows (in thousandths): its
/// nodes are drawn at most about twice as large as on the whole map.
const FRAMED_PERMILLE: i32 = 450;

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

pub fn percent(bp: u16) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

/// An error share as a room reads it: "100%", "41.5%", "0%".
fn short_percent(bp: u16) -> String {
    match bp % 100 {
        0 => format!("{}%", bp / 100),
        r => format!("{}.{}%", bp / 100, r / 10),
    }
}

/// A `textLength` that squeezes `text` into `room` only when it would not fit at its size.
fn squeeze(text: &str, px: i32, bold: bool, room: i32) -> Option<String> {
    (text_width(text, px, bold) > room).then(|| room.to_string())
}

/// An orthogonal polyline as an SVG path with rounded corners.
fn rounded_path(points: &[(i32, i32)]) -> String {
    let mut d = String::new();
    for (i, &(x, y)) in points.iter().enumerate() {
        if i == 0 {
            d.push_str(&format!("M{x} {y}"));
            continue;
        }
        if i + 1 == points.len() {
            d.push_str(&format!(" L{x} {y}"));
            continue;
        }
        let (px, py) = points[i - 1];
        let (nx, ny) = points[i + 1];
        let r_in = CORNER.min(((x - px).abs() + (y - py).abs()) / 2);
        let r_out = CORNER.min(((nx - x).abs() + (ny - y).abs()) / 2);
        let (ax, ay) = (x - (x - px).signum() * r_in, y - (y - py).signum() * r_in);
        let (bx, by) = (x + (nx - x).signum() * r_out, y + (ny - y).signum() * r_out);
        d.push_str(&format!(" L{ax} {ay} Q{x} {y} {bx} {by}"));
    }
    d
}

/// The services in the chain of causes "why is this red?" shows for the selected node (or, with
/// none selected, the chapter's), and the node itself: what the map lights while the rest dims.
/// Empty when there is nothing to explain.
fn traced(runs: Runs, playback: Playback, selection: Selection) -> Vec<NodeRef> {
    let Some(svc) = selection.selected().or_else(|| selection.focus()) else {
        return Vec::new();
    };
    runs.log_len().track();
    let t = SimTime(playback.ms_untracked());
    let mut chain: Vec<NodeRef> =
        runs.with(|r| r.why_unhealthy(svc, t).iter().map(|e| e.node).collect());
    if chain.is_empty() {
        return chain;
    }
    chain.push(svc);
    chain.sort();
    chain.dedup();
    chain
}

#[component]
pub fn Map() -> impl IntoView {
    let (runs, selection) = (Runs::here(), Selection::here());
    let (playback, presentation) = (Playback::here(), Presentation::here());
    let layout = runs.with_scenario(crate::layouts::of);
    let about = |id: &str| {
        runs.with_scenario(|s| {
            s.file
                .nodes
                .iter()
                .find(|n| n.id == id)
                .map(|n| n.about.clone())
                .unwrap_or_default()
        })
    };
    let chain = Memo::new(move |_| traced(runs, playback, selection));
    let in_chain = move |svc: NodeRef| chain.with(|c| c.binary_search(&svc).is_ok());
    let groups = layout
        .groups
        .iter()
        .map(|g| {
            let r = g.rect;
            view! {
                <g class="group">
                    <rect x=r.x y=r.y width=r.w height=r.h rx="12"></rect>
                    <text x=r.x + 12 y=r.y + 22>{g.label.clone()}</text>
                </g>
            }
        })
        .collect_view();
    let edges = layout
        .edges
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let node = |id: &str| runs.with_scenario(|s| s.node(id));
            Some((i, e, node(&e.from)?, node(&e.to)?))
        })
        .map(|(i, e, from, to)| {
            // An edge carries its source's health: failure spreads along it.
            let health = move || runs.view().with(|v| v.health[from.index()]).id();
            let failing = Memo::new(move |_| runs.view().with(|v| v.error_bp[from.index()]));
            let flow = Memo::new(move |_| {
                runs.with(|r| runs.view().with(|v| r.flow(from, to, v)))
            });
            let count = Memo::new(move |_| observe::particles(flow.get(), MAX_PARTICLES_PER_EDGE));
            let path = rounded_path(&e.points);
            // Requests in flight: as many as the simulated rate calls for (capped, evenly spaced,
            // no randomness); the failing share drawn as crosses instead of dots. The particles
            // are fixed slots along the edge, shown or hidden, so a new rate changes classes
            // rather than rebuilding animations.
            // Each particle follows the edge's own path by reference, not a copy of it.
            let edge_id = format!("edge-{i}");
            let along = format!("#{edge_id}");
            let particles = move || (0..MAX_PARTICLES_PER_EDGE)
                .map(|k| {
                    let along = along.clone();
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
                            <path d=move || if failed() { "M-8 -8 L8 8 M-8 8 L8 -8" } else { "M-7 0 a7 7 0 1 0 14 0 a7 7 0 1 0 -14 0" }></path>
                            <animateMotion dur=format!("{PARTICLE_MS}ms") repeatCount="indefinite" begin=begin><mpath href=along></mpath></animateMotion>
                        </g>
                    }
                })
                .collect_view();
            // The numbers that replace particles under reduced motion: only where the flow is
            // not its normal self (a surge, a trickle, failures), so the map stays calm. Their
            // place was chosen clear of every box and every other edge's numbers.
            // One memo: the class and the text both read it, and the text is formatted once.
            let rate = Memo::new(move |_| {
                let normal = count.get() == observe::NORMAL_PARTICLES;
                (failing.get() != 0 || !normal).then(|| flow.get().describe())
            });
            let fail = move || match failing.get() {
                0 => String::new(),
                f => format!("{}% fail", f / 100),
            };
            let l = e.label;
            let (cx, cy) = (l.x + l.w / 2, l.y + l.h / 2);
            let (ax, ay) = e.anchor;
            let leader = (!l.contains(e.anchor)).then(|| {
                // From the path to the nearest point of the numbers' box.
                let (lx, ly) = (ax.clamp(l.x, l.x + l.w), ay.clamp(l.y, l.y + l.h));
                view! { <line class="leader" x1=ax y1=ay x2=lx y2=ly></line> }
            });
            let marker = move || format!("url(#arrow-{})", health());
            view! {
                <g
                    class="link"
                    class:traced=move || in_chain(from) && in_chain(to)
                    data-from=from.id()
                    data-to=to.id()
                    data-particles=move || count.get().to_string()
                >
                    <path class="edge" id=edge_id d=path.clone() data-health=health marker-end=marker></path>
                    // Failure travelling along the edge: a bright band that runs from cause to
                    // effect, thick enough to see from the back of a room.
                    <path class="pulse" d=path.clone() pathLength="100" data-health=health aria-hidden="true"></path>
                    // Not part of the first screen (nothing flows before the run is known): drawn
                    // once all that is due is (on a phone, what is on its screen), and not under
                    // the title card, where no one sees them flow.
                    <g class="particles" aria-hidden="true">{move || (presentation.drawn_all_due() && !presentation.title_card().is_on()).then(&particles)}</g>
                    <g class="rate" class:shown=move || rate.with(Option::is_some) aria-hidden="true">
                        {leader}
                        <text x=cx y=cy - RATE_LINE / 2 + 6>
                            <tspan x=cx>{move || rate.get().unwrap_or_default()}</tspan>
                            <tspan x=cx dy=RATE_LINE>{fail}</tspan>
                        </text>
                    </g>
                </g>
            }
        })
        .collect_view();
    let nodes = layout
        .nodes
        .iter()
        .filter_map(|n| Some((n.clone(), runs.with_scenario(|s| s.node(&n.id))?)))
        .map(|(n, svc)| {
            let health = move || runs.view().with(|v| v.health[svc.index()]);
            let bp = move || runs.view().with(|v| v.error_bp[svc.index()]);
            // While two runs are compared: the compared run's health here, where it differs.
            let in_a = move || {
                let a = runs.against_view().with(|v| v.as_ref().map(|v| v.health[svc.index()]))?;
                (a != health() && a != Health::Unknown && health() != Health::Unknown).then_some(a)
            };
            // Before the run is computed the health is not known, and the node says so.
            let status = move || match health() {
                Health::Unknown => "computing…".to_string(),
                _ => format!("{} errors", short_percent(bp())),
            };
            let gauge_text = Memo::new(move |_| runs.with(|r| runs.view().with(|v| r.summary(svc, v))));
            let about = about(&n.id);
            let shown_name = n.lines.join(" ");
            let label = {
                let shown_name = shown_name.clone();
                let az = n.az.clone().map(|a| format!(" {a}")).unwrap_or_default();
                move || {
                    let g = gauge_text.get();
                    let g = if g.is_empty() { String::new() } else { format!(" {g}") };
                    // It starts with the text the node shows, in the order shown (WCAG 2.5.3,
                    // label in name), then says the health in a word and what the service does.
                    let full = if shown_name == svc.name() { String::new() } else { format!(" ({})", svc.name()) };
                    let vs = in_a().map(|h| format!(" In run A: {}.", h.id())).unwrap_or_default();
                    format!("{shown_name}{az} {}{g}: {}{full}.{vs} {}", status(), health().id(), about)
                }
            };
            let selected = move || selection.selected() == Some(svc);
            let select = move || selection.select(Some(svc));
            let r = n.rect;
            // Each text ends in a space: a screen reader's reading of the visible text then
            // has words apart, and matches the start of the button's name.
            let left = r.x + outage_sim::layout::PAD_X;
            let room = n.inner_width();
            let names = n
                .lines
                .iter()
                .enumerate()
                .map(|(i, line)| view! { <text class="name" x=left y=n.name_baseline(i)>{line.clone()}" "</text> })
                .collect_view();
            let az = n.az.clone().map(|a| view! { <text class="az" x=left y=n.az_baseline()>{a}" "</text> });
            let glyph_w = text_width("✕ ", STATUS_PX, true);
            let status_room = room - glyph_w;
            view! {
                <g
                    class="node"
                    class:selected=selected
                    class:focus=move || selection.focus() == Some(svc)
                    class:traced=move || in_chain(svc)
                    tabindex="0"
                    role="button"
                    aria-pressed=move || selected().to_string()
                    aria-current=move || (selection.focus() == Some(svc)).then_some("true")
                    data-service=svc.id()
                    data-health=move || health().id()
                    aria-label=label
                    on:click=move |ev| {
                        select();
                        // On a phone the inspector is a sheet over the screen's lower part: the
                        // node tapped goes to the top, above it.
                        if crate::size::narrow_untracked() {
                            use wasm_bindgen::JsCast;
                            if let Some(node) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                                node.scroll_into_view_with_bool(true);
                            }
                        }
                    }
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" || ev.key() == " " {
                            ev.prevent_default();
                            select();
                        }
                    }
                >
                    <rect class="box" x=r.x y=r.y width=r.w height=r.h rx="10"></rect>
                    {names}
                    {az}
                    <text class="glyph" aria-hidden="true" x=left y=n.status_baseline()>{move || glyph(health())}</text>
                    <text class="err" x=left + glyph_w y=n.status_baseline() textLength=move || squeeze(&status(), STATUS_PX, false, status_room) lengthAdjust="spacingAndGlyphs">{status}" "</text>
                    <text class="gauge" x=left y=n.gauge_baseline() textLength=move || gauge_text.with(|g| squeeze(g, GAUGE_PX, false, room)) lengthAdjust="spacingAndGlyphs">{gauge_text}" "</text>
                    {move || in_a().map(|a| vs_badge(r, a))}
                </g>
            }
        })
        .collect_view();
    let markers = ["healthy", "degraded", "down", "unknown"]
        .into_iter()
        .map(|h| {
            view! {
                <marker id=format!("arrow-{h}") class=format!("arrow {h}") viewBox="0 0 10 10" refX="10" refY="5" markerWidth="18" markerHeight="18" markerUnits="userSpaceOnUse" orient="auto">
                    <path d="M0 0 L10 5 L0 10 z"></path>
                </marker>
            }
        })
        .collect_view();
    let (w, h) = (layout.width, layout.height);
    let whole = Rect { x: 0, y: 0, w, h };
    // On stage a chapter's view stands beside the map, which then has half the width: the map
    // frames the nodes the chapter is about, large enough for the room, with what surrounds
    // them at its edges (`MapLayout::frame`).
    let frames: Vec<Option<Rect>> = runs.with_scenario(|s| {
        s.file
            .chapters
            .iter()
            .map(|c| layout.frame(c.nodes(), FRAMED_PERMILLE))
            .collect()
    });
    let story = crate::lecture::Story::here();
    let framed = Memo::new(move |_| {
        crate::mechanism::beside_map(story, runs, presentation)
            .then(|| story.chapter_in_force())
            .flatten()
            .and_then(|i| frames.get(i).copied().flatten())
            .unwrap_or(whole)
    });
    // CSS px per map unit, as the map is drawn now (the part framed fits its box, keeping its
    // proportions).
    let drawn = leptos::prelude::NodeRef::<leptos::html::Div>::new();
    let size = RwSignal::new((0.0f64, 0.0f64));
    crate::size::watch_size(drawn, move |bw, bh| size.set((bw, bh)));
    let scale = Memo::new(move |_| {
        let (bw, bh) = size.get();
        let f = framed.get();
        if bw <= 0.0 || bh <= 0.0 {
            return 0.5;
        }
        (bw / f64::from(f.w)).min(bh / f64::from(f.h))
    });
    // What of the plane is on screen, in map units: the part framed centred in its box, with
    // the margins either side (or above and below) where callouts may go too.
    let visible = Memo::new(move |_| {
        let (bw, bh) = size.get();
        let (k, f) = (scale.get(), framed.get());
        let (vw, vh) = ((bw / k) as i32, (bh / k) as i32);
        if bw <= 0.0 || vw < f.w || vh < f.h {
            return f;
        }
        Rect {
            x: f.x - (vw - f.w) / 2,
            y: f.y - (vh - f.h) / 2,
            w: vw,
            h: vh,
        }
    });
    // On a phone the map is its portrait layout at the screen's width (`layouts::of`).
    // The map's box is the page's first screen; what is on it comes in the page's next task,
    // so neither task holds the page for long. Drawn once: the memo changes once.
    let content = StoredValue::new_local(Some(
        view! {
            <defs>{markers}</defs>
            {groups}
            <g class="edges">{edges}</g>
            {nodes}
            <crate::callouts::Callouts scale=scale visible=visible />
        }
        .into_any(),
    ));
    let on_map = Memo::new(move |_| presentation.settled_through(Settled::Map));
    view! {
        <div class="graph-scroll" node_ref=drawn>
        <svg
            class="graph"
            class:tracing=move || chain.with(|c| !c.is_empty())
            viewBox=move || framed.with(|f| format!("{} {} {} {}", f.x, f.y, f.w, f.h))
            role="group"
            aria-label="Services and their dependencies"
        >
            {move || on_map.get().then(|| content.try_update_value(Option::take).flatten())}
        </svg>
        </div>
    }
}
