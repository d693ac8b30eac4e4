//! Callouts: the numbers that carry a chapter's lesson, drawn large on the map beside their
//! nodes ("Most threads on a server 5199 / limit 5100"), read from the run at the playhead. The
//! scenario file names them per chapter; they follow the chapter the clock is in.

use crate::lecture::{in_force, InForce};
use crate::Explorer;
use leptos::prelude::*;
use outage_sim::layout::{text_width, MapLayout, Rect, PAD_X, STATUS_PX};
use outage_sim::scenario::Callout;

/// Type sizes in map units: the label as large as a node's status line, the value larger than
/// a node's name, so the number is what the back row reads.
const LABEL_PX: i32 = STATUS_PX;
const VALUE_PX: i32 = 34;
const GAP: i32 = 10;
const HEIGHT: i32 = 8 + LABEL_PX + 6 + VALUE_PX + 10;

/// The leading number of a value as the model writes it ("5199", "4.6%", "40000 of 40000").
fn number(v: &str) -> Option<f64> {
    let n: String = v
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    n.parse().ok()
}

/// What the value line says: the value, its limit, and whether it is over it (in words and a
/// glyph, not colour alone).
pub fn value_text(value: &str, limit: Option<&str>) -> String {
    match limit {
        None => value.to_string(),
        Some(l) => {
            let over = matches!((number(value), number(l)), (Some(v), Some(l)) if v > l);
            format!("{value} / limit {l}{}", if over { " ▲ over" } else { "" })
        }
    }
}

/// Where a callout of `w` × `HEIGHT` goes beside `node`: below, above, right or left, the first
/// that stays on the map and clears every node and the callouts already placed.
fn place(layout: &MapLayout, node: Rect, w: i32, placed: &[Rect]) -> Rect {
    let h = HEIGHT;
    let candidates = [
        Rect {
            x: node.x,
            y: node.bottom() + GAP,
            w,
            h,
        },
        Rect {
            x: node.x,
            y: node.y - GAP - h,
            w,
            h,
        },
        Rect {
            x: node.right() + GAP,
            y: node.y,
            w,
            h,
        },
        Rect {
            x: node.x - GAP - w,
            y: node.y,
            w,
            h,
        },
        Rect {
            x: node.right() - w,
            y: node.bottom() + GAP,
            w,
            h,
        },
        Rect {
            x: node.right() - w,
            y: node.y - GAP - h,
            w,
            h,
        },
    ];
    let on_map =
        |r: &Rect| r.x >= 0 && r.y >= 0 && r.right() <= layout.width && r.bottom() <= layout.height;
    let clear = |r: &Rect| {
        !layout.nodes.iter().any(|n| n.rect.grow(4).overlaps(r))
            && !placed.iter().any(|p| p.grow(4).overlaps(r))
    };
    candidates
        .iter()
        .find(|r| on_map(r) && clear(r))
        .or_else(|| candidates.iter().find(|r| on_map(r)))
        .copied()
        .unwrap_or(candidates[0])
}

/// The callouts of the chapter the clock is in, inside the map's SVG.
#[component]
pub fn Callouts() -> impl IntoView {
    let ex = expect_context::<Explorer>();
    let layout = ex.scenario.with_value(crate::layouts::of);
    let chapter = Memo::new(move |_| match in_force(ex) {
        InForce::At(i) | InForce::After(Some(i)) => Some(i),
        _ => None,
    });
    move || {
        let i = chapter.get()?;
        let specs: Vec<(Callout, outage_sim::NodeRef)> = ex.scenario.with_value(|s| {
            s.file.chapters.get(i).map(|c| {
                c.callouts
                    .iter()
                    .filter_map(|co| Some((co.clone(), s.node(&co.node)?)))
                    .collect()
            })
        })?;
        let mut placed: Vec<Rect> = Vec::new();
        let views = specs
            .into_iter()
            .filter_map(|(co, node)| {
                let rect = layout.nodes.iter().find(|n| n.id == co.node)?.rect;
                let label = co.row.split('|').next().unwrap_or_default().trim().to_string();
                let read = {
                    let co = co.clone();
                    move || {
                        ex.view.with(|f| {
                            ex.recording
                                .with(|r| co.read(&r.details(node, f)))
                                .map(|(v, l)| value_text(&v, l.as_deref()))
                        })
                    }
                };
                // Sized for the label and the value shown now, with room for a longer one.
                let now = untrack(&read).unwrap_or_default();
                let w = (text_width(&label, LABEL_PX, false))
                    .max(text_width(&now, VALUE_PX, true) + VALUE_PX)
                    .max(160)
                    + 2 * PAD_X;
                let at = place(&layout, rect, w, &placed);
                placed.push(at);
                let room = w - 2 * PAD_X;
                let value = Memo::new(move |_| read().unwrap_or_else(|| "–".into()));
                let squeeze = move || {
                    value.with(|v| (text_width(v, VALUE_PX, true) > room).then(|| room.to_string()))
                };
                let name = format!("{}: {label}", node.name());
                let said = move || format!("{name} {}", value.get());
                Some(view! {
                    <g class="callout" role="note" aria-label=said data-node=co.node.clone()>
                        <rect x=at.x y=at.y width=at.w height=at.h rx="8"></rect>
                        <text class="callout-label" x=at.x + PAD_X y=at.y + 8 + LABEL_PX>{label.clone()}" "</text>
                        <text class="callout-value" x=at.x + PAD_X y=at.y + 8 + LABEL_PX + 6 + VALUE_PX - 4 textLength=squeeze lengthAdjust="spacingAndGlyphs">{value}</text>
                    </g>
                })
            })
            .collect_view();
        Some(view! { <g class="callouts">{views}</g> })
    }
}
