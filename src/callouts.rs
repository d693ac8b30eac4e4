//! Callouts: the numbers that carry a chapter's lesson, drawn large on the map beside their
//! nodes ("Most threads on a server 5199 / limit 5100"), read from the run at the playhead. The
//! scenario file names them per chapter; they follow the chapter the clock is in.

use crate::lecture::Story;
use crate::presentation::Presentation;
use crate::runs::Runs;
use leptos::prelude::*;
use outage_sim::layout::{text_width, MapLayout, Rect};
use outage_sim::scenario::Callout;

/// Space kept between a callout and the nodes, in map units.
const GAP: i32 = 10;

/// How large a callout's value is drawn on screen, in CSS px: on stage a share of the screen's
/// height (the back row reads it), elsewhere a little larger than body text.
fn value_css_px(stage: bool) -> f64 {
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(720.0);
    if stage {
        (height * 0.034).clamp(22.0, 48.0)
    } else {
        22.0
    }
}

/// A callout's type sizes in map units, for a map drawn at `scale` CSS px per unit.
#[derive(Clone, Copy, PartialEq)]
struct Sizes {
    label: i32,
    value: i32,
    pad: i32,
}

impl Sizes {
    fn at(scale: f64, stage: bool) -> Sizes {
        let value = (value_css_px(stage) / scale.max(0.05)).round() as i32;
        Sizes {
            label: value * 3 / 5,
            value,
            pad: value / 3,
        }
    }
    fn height(&self) -> i32 {
        self.pad + self.label + self.pad / 2 + self.value + self.pad
    }
}

/// The leading number of a value as the model writes it ("5199", "4.6%", "40000 of 40000"), in
/// thousandths. Read digit by digit: a float parser would add kilobytes to the page for a
/// comparison.
fn number(v: &str) -> Option<u64> {
    let (mut milli, mut scale, mut any) = (0u64, None::<u64>, false);
    for c in v.chars() {
        match (c, scale) {
            ('0'..='9', None) => {
                milli = milli
                    .saturating_mul(10)
                    .saturating_add(u64::from(c as u8 - b'0'))
            }
            ('0'..='9', Some(s)) if s > 0 => {
                milli = milli.saturating_add(u64::from(c as u8 - b'0') * s / 10);
                scale = Some(s / 10);
            }
            ('0'..='9', Some(_)) => {}
            ('.', None) if any => {
                milli = milli.saturating_mul(1000);
                scale = Some(1000);
            }
            _ => break,
        }
        any = true;
    }
    any.then(|| match scale {
        Some(_) => milli,
        None => milli * 1000,
    })
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

/// Where a callout of `w` × `h` goes near `node`, inside `room` (what of the plane is on
/// screen): the place clear of every node and of the callouts already placed that is closest to
/// the node, searched on a grid around it (a little cover weighs as much as a long way off).
/// Where the best place still covers something (a phone's narrow map), none: a number over a
/// node would hide the node's own words.
fn place(
    layout: &MapLayout,
    room: Rect,
    node: Rect,
    w: i32,
    h: i32,
    placed: &[Rect],
) -> Option<Rect> {
    let overlap = |a: &Rect, b: &Rect| {
        let x = (a.right().min(b.right()) - a.x.max(b.x)).max(0) as i64;
        let y = (a.bottom().min(b.bottom()) - a.y.max(b.y)).max(0) as i64;
        x * y
    };
    let (cx, cy) = (node.x + node.w / 2, node.y + node.h / 2);
    let step = (h / 3).max(8);
    let mut best: Option<(i64, i64, Rect)> = None;
    for iy in -16..=16 {
        for ix in -24..=24 {
            let r = Rect {
                x: (cx - w / 2 + ix * step).clamp(room.x, (room.right() - w).max(room.x)),
                y: (cy - h / 2 + iy * step).clamp(room.y, (room.bottom() - h).max(room.y)),
                w,
                h,
            };
            let covered: i64 = layout
                .nodes
                .iter()
                .map(|n| overlap(&n.rect.grow(GAP), &r))
                .chain(placed.iter().map(|p| overlap(&p.grow(GAP), &r)))
                .sum();
            let (dx, dy) = ((r.x + w / 2 - cx) as i64, (r.y + h / 2 - cy) as i64);
            let score = covered * 1000 + dx * dx + dy * dy;
            if best.is_none_or(|(s, _, _)| score < s) {
                best = Some((score, covered, r));
            }
        }
    }
    best.filter(|(_, covered, _)| *covered == 0)
        .map(|(_, _, r)| r)
}

/// The point of `r`'s outline closest to `(x, y)`: where a leader line meets a box.
fn nearest(r: &Rect, (x, y): (i32, i32)) -> (i32, i32) {
    (x.clamp(r.x, r.right()), y.clamp(r.y, r.bottom()))
}

pub(crate) use outage_sim::presentation::markup::escape;

/// One callout as drawn: its card, its texts and, when apart from its node, a leader line.
fn markup(out: &mut String, p: &Placed, value: &str, z: Sizes) {
    use std::fmt::Write;
    let at = p.at;
    let room = at.w - 2 * z.pad;
    let squeeze = if text_width(value, z.value, true) > room {
        format!(r#" textLength="{room}" lengthAdjust="spacingAndGlyphs""#)
    } else {
        String::new()
    };
    let label_y = at.y + z.pad + z.label;
    let value_y = label_y + z.pad / 2 + z.value;
    let (name, label, value, node_id) = (
        escape(&p.name),
        escape(&p.label),
        escape(value),
        escape(&p.callout.node),
    );
    let _ = write!(
        out,
        r#"<g class="callout" role="note" aria-label="{name}: {label} {value}" data-node="{node_id}">"#
    );
    if let Some(((x1, y1), (x2, y2))) = p.leader {
        let _ = write!(
            out,
            r#"<line class="leader" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"></line>"#
        );
    }
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}"></rect><text class="callout-label" x="{}" y="{label_y}" font-size="{}">{label} </text><text class="callout-value" x="{}" y="{value_y}" font-size="{}"{squeeze}>{value}</text></g>"#,
        at.x,
        at.y,
        at.w,
        at.h,
        z.pad / 2,
        at.x + z.pad,
        z.label,
        at.x + z.pad,
        z.value
    );
}

/// Where a chapter's callouts go, with what each reads: computed when the chapter, the map's
/// size or the run changes, not at every instant.
#[derive(Clone, PartialEq)]
struct Placed {
    callout: Callout,
    node: outage_sim::NodeRef,
    name: String,
    label: String,
    at: Rect,
    leader: Option<((i32, i32), (i32, i32))>,
}

/// The callouts of the chapter the clock is in, inside the map's SVG; `scale` is the map's
/// CSS px per map unit, so the numbers keep their size on screen whatever the map's, and
/// `visible` the part of the plane on screen. Written as one piece of markup per change: a few
/// texts that change together need no reactive graph of their own.
#[component]
pub fn Callouts(scale: Memo<f64>, visible: Memo<Rect>) -> impl IntoView {
    let (runs, presentation) = (Runs::here(), Presentation::here());
    let story = Story::here();
    let layout = runs.with_scenario(crate::layouts::of);
    let chapter = Memo::new(move |_| story.chapter_in_force());
    let stage = Memo::new(move |_| presentation.on_stage());
    let sizes = Memo::new(move |_| Sizes::at(scale.get(), stage.get()));
    let read = move |p: &Placed, f: &outage_sim::run::Frame| {
        runs.with(|r| p.callout.read(&r.details(p.node, f)))
            .map(|(v, l)| value_text(&v, l.as_deref()))
            .unwrap_or_else(|| "–".into())
    };
    let placed = Memo::new(move |_| {
        let Some(i) = chapter.get() else {
            return Vec::new();
        };
        // On stage a chapter's mechanism view beside the map carries its numbers, and the
        // narrower map has no room for both.
        if crate::mechanism::beside_map(story, runs, presentation) {
            return Vec::new();
        }
        let (z, room) = (sizes.get(), visible.get());
        // Sized for the value at the chapter's moment, with room for a longer one.
        let at_moment =
            runs.with_scenario(|s| s.file.chapters.get(i).and_then(|c| s.at(&c.at).ok()));
        let frame = at_moment.map(|t| runs.with(|r| r.frame_at(t)));
        let specs: Vec<(Callout, outage_sim::NodeRef)> = runs.with_scenario(|s| {
            s.file
                .chapters
                .get(i)
                .map(|c| {
                    c.callouts
                        .iter()
                        .filter_map(|co| Some((co.clone(), s.node(&co.node)?)))
                        .collect()
                })
                .unwrap_or_default()
        });
        let mut rects: Vec<Rect> = Vec::new();
        specs
            .into_iter()
            .filter_map(|(callout, node)| {
                let rect = layout.nodes.iter().find(|n| n.id == callout.node)?.rect;
                let label = callout
                    .row
                    .split('|')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                let mut p = Placed {
                    callout,
                    node,
                    name: node.name().to_string(),
                    label,
                    at: rect,
                    leader: None,
                };
                let now = frame.as_ref().map(|f| read(&p, f)).unwrap_or_default();
                let w = text_width(&p.label, z.label, false)
                    .max(text_width(&now, z.value, true) + z.value * 2)
                    + 2 * z.pad;
                p.at = place(&layout, room, rect, w, z.height(), &rects)?;
                rects.push(p.at);
                let centre = (rect.x + rect.w / 2, rect.y + rect.h / 2);
                let from = nearest(&p.at, centre);
                let to = nearest(&rect, from);
                p.leader =
                    ((from.0 - to.0).abs() + (from.1 - to.1).abs() > 2 * GAP).then_some((from, to));
                Some(p)
            })
            .collect::<Vec<_>>()
    });
    let svg = move || {
        let z = sizes.get();
        placed.with(|placed| {
            let mut out = String::new();
            runs.view().with(|f| {
                for p in placed {
                    let value = read(p, f);
                    markup(&mut out, p, &value, z);
                }
            });
            out
        })
    };
    view! { <g class="callouts" inner_html=svg></g> }
}

#[cfg(test)]
mod tests {
    use super::{number, value_text};

    #[test]
    fn values_are_read_as_the_model_writes_them() {
        assert_eq!(number("5199"), Some(5_199_000));
        assert_eq!(number("4.6%"), Some(4_600));
        assert_eq!(number("12.35 min"), Some(12_350));
        assert_eq!(number("40000 of 40000 (100%)"), Some(40_000_000));
        assert_eq!(number("EMPTY (plan 84)"), None);
    }

    #[test]
    fn a_value_over_its_limit_says_so_in_words() {
        assert_eq!(value_text("5199", Some("5100")), "5199 / limit 5100 ▲ over");
        assert_eq!(value_text("4999", Some("5100")), "4999 / limit 5100");
        assert_eq!(value_text("EMPTY (plan 84)", None), "EMPTY (plan 84)");
    }
}
