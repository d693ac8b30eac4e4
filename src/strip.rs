//! The outage at a glance, along the timeline: a time axis on round local times, per service a
//! health strip computed from the whole run (and the previous run's, ghosted, after a fork),
//! markers for the run's key events, and a lane with the reference times from AWS's account
//! and their source tags.
//!
//! The strip is drawn in CSS pixels (no viewBox scaling) so its type has the size the style
//! sheet says at any width, and so its time axis can line up with the Timeline slider above it.

use crate::axis::{axis_ticks, text_w, LABEL_W, THUMB_W};
use crate::playback::{Playback, Range};
use crate::presentation::Presentation;
use crate::runs::Runs;
use crate::size::observe_width;
use leptos::prelude::*;
use outage_sim::recording::Impairment;
use outage_sim::{Health, Scenario, SimTime};

const PAD_R: f64 = THUMB_W / 2.0;
const AXIS_H: f64 = 24.0;
const ROW_H: f64 = 22.0;
const MARKER_H: f64 = 14.0;
const REF_ROW_H: f64 = 20.0;
/// Until the strip has been measured.
const DEFAULT_W: f64 = 1000.0;

/// Rows for labels laid along a line: `spans` are (left, right) in px, sorted by left; each goes
/// in the first row where it clears the previous label by `gap`. Deterministic, and as few rows
/// as a greedy pass in time order gives.
fn pack_rows(spans: &[(f64, f64)], gap: f64) -> Vec<usize> {
    let mut ends: Vec<f64> = Vec::new();
    spans
        .iter()
        .map(|&(left, right)| {
            let row = ends
                .iter()
                .position(|end| *end + gap <= left)
                .unwrap_or(ends.len());
            if row == ends.len() {
                ends.push(right);
            } else {
                ends[row] = right;
            }
            row
        })
        .collect()
}

/// Where the strip draws an instant: the plot runs from the names column to half a thumb
/// before the right edge.
fn x_of(t_ms: u64, (from, span): Range, w: f64) -> f64 {
    let t = t_ms.clamp(from, from + span) - from;
    LABEL_W + (w - PAD_R - LABEL_W).max(1.0) * t as f64 / span.max(1) as f64
}

fn visible(t_ms: u64, (from, span): Range) -> bool {
    (from..=from + span).contains(&t_ms)
}

/// `svc`'s impairments in `range` as (x, width, worst) on a row `w` wide. `all` is every
/// node's impairments (computed once per redraw, not once per row).
fn segments(
    all: &[Impairment<outage_sim::NodeRef>],
    end: u64,
    svc: outage_sim::NodeRef,
    range: Range,
    w: f64,
) -> Vec<(f64, f64, Health)> {
    all.iter()
        .filter(|iw| iw.service == svc)
        .filter(|iw| {
            iw.from.ms() <= range.0 + range.1 && iw.to.map(|t| t.ms()).unwrap_or(end) >= range.0
        })
        .map(|iw| {
            let a = x_of(iw.from.ms(), range, w);
            let b = x_of(iw.to.map(|t| t.ms()).unwrap_or(end), range, w);
            (a, (b - a).max(1.5), iw.worst)
        })
        .collect()
}

/// One reference time on the AWS lane.
#[derive(Clone, PartialEq)]
struct RefLabel {
    at: SimTime,
    x: f64,
    row: usize,
    tag: String,
    title: String,
}

fn ref_label_w(tag: &str) -> f64 {
    // Bold, a little wider than regular.
    text_w(tag) * 1.15 + 2.0
}

/// The reference times in `range`, each with the row its tag goes in so no two tags collide.
fn ref_labels(s: &Scenario, range: Range, w: f64) -> Vec<RefLabel> {
    let mut labels: Vec<RefLabel> = s
        .file
        .reference
        .iter()
        .filter_map(|r| {
            let t = s.at(&r.at).ok()?;
            visible(t.ms(), range).then(|| RefLabel {
                at: t,
                x: x_of(t.ms(), range, w),
                row: 0,
                tag: r.tag.clone(),
                title: format!("{} {} [{}] {}", s.clock(t), s.file.timezone, r.tag, r.what),
            })
        })
        .collect();
    // Stable: equal instants keep the scenario's order.
    labels.sort_by(|a, b| a.x.total_cmp(&b.x));
    let spans: Vec<(f64, f64)> = labels
        .iter()
        .map(|l| (l.x - 1.0, l.x + 3.0 + ref_label_w(&l.tag)))
        .collect();
    for (l, row) in labels.iter_mut().zip(pack_rows(&spans, 4.0)) {
        l.row = row;
    }
    labels
}

/// What the source tags mean (as docs/FIDELITY.md explains them).
const TAGS: &[(&str, &str)] = &[
    ("P", "read in AWS's post-event summary"),
    ("Q", "AWS's words quoted by a third party"),
    ("S2", "two or more write-ups following AWS's summary"),
    ("S1", "one secondary source: treat as unverified"),
    (
        "SHD",
        "AWS's Service Health Dashboard, posted during the event",
    ),
    ("U", "unverified: not confirmed, or the sources disagree"),
];

#[component]
pub fn Strip() -> impl IntoView {
    let (runs, playback) = (Runs::here(), Playback::here());
    let presentation = Presentation::here();
    let range = move || playback.range();
    let node = NodeRef::<leptos::html::Div>::new();
    let width = RwSignal::new(DEFAULT_W);
    observe_width(node, width);
    // One row per phase of the cascade, as the scenario lists them.
    let rows_of = StoredValue::new(runs.with_scenario(|s| {
        s.file
            .strip
            .iter()
            .filter_map(|id| s.node(id))
            .collect::<Vec<_>>()
    }));
    // On stage the strip is the timeline's axis, its turning points and AWS's times: the map
    // above it shows the services, and the strip's rows would leave the map no room.
    // So is an embed's: its frame leaves the map little room.
    let compact = Memo::new(move |_| presentation.on_stage() || presentation.embed());
    let rows_end = move || {
        let rows = if compact.get() {
            0
        } else {
            rows_of.with_value(Vec::len)
        };
        AXIS_H + ROW_H * rows as f64
    };
    let lane_y = move || rows_end() + MARKER_H + 4.0;
    let refs = Memo::new(move |_| {
        let w = width.get();
        runs.with_scenario(|s| ref_labels(s, range(), w))
    });
    // The lane keeps the height it needs for the whole window, so zooming does not make the
    // page below it jump.
    let ref_rows = Memo::new(move |_| {
        let w = width.get();
        let whole = (0, runs.with(|r| r.window().ms()));
        let most = |l: &[RefLabel]| l.iter().map(|l| l.row + 1).max().unwrap_or(1);
        let now = refs.with(|l| most(l));
        runs.with_scenario(|s| most(&ref_labels(s, whole, w)))
            .max(now)
    });
    // On stage AWS's times are left to "Model and reality": the docked timeline stays low.
    let lanes = move || if compact.get() { 0 } else { ref_rows.get() };
    let height = move || lane_y() + REF_ROW_H * lanes() as f64 + 4.0;
    let axis = move || {
        let (w, range) = (width.get(), range());
        let plot = (w - PAD_R - LABEL_W).max(1.0);
        let bottom = height();
        runs.with_scenario(|s| {
            axis_ticks(s, range, plot, 8.0)
                .into_iter()
                .map(|(_, f, label)| {
                    let x = LABEL_W + f * plot;
                    view! {
                        <g class="tick">
                            <line class="grid" x1=x y1=AXIS_H - 5.0 x2=x y2=bottom></line>
                            <text x=x y=AXIS_H - 8.0 text-anchor="middle">{label}</text>
                        </g>
                    }
                })
                .collect_view()
        })
    };
    let zone = runs.with_scenario(|s| s.file.timezone.clone());
    let rows = move || {
        if compact.get() {
            return None;
        }
        let w = width.get();
        let ghost = runs.with_ghost(|p| {
            p.map(|r| {
                let (all, end) = (r.impairments(), r.window().ms());
                rows_of.with_value(|rows| {
                    rows.iter()
                        .map(|s| segments(&all, end, *s, range(), w))
                        .collect::<Vec<_>>()
                })
            })
        });
        let rows = rows_of.get_value();
        Some(runs.with(|r| {
            let (all, end) = (r.impairments(), r.window().ms());
            rows.iter()
                .enumerate()
                .map(|(i, svc)| {
                    let y = AXIS_H + i as f64 * ROW_H;
                    let ghosts = ghost
                        .as_ref()
                        .map(|g| {
                            g[i].iter()
                                .map(|(x, gw, _)| view! { <rect class="ghost" x=*x y=y + 3.0 width=*gw height=ROW_H - 6.0></rect> })
                                .collect_view()
                        });
                    let segs = segments(&all, end, *svc, range(), w)
                        .into_iter()
                        .map(|(x, sw, h)| view! { <rect class="seg" data-health=h.id() x=x y=y + 6.0 width=sw height=ROW_H - 12.0></rect> })
                        .collect_view();
                    view! {
                        <g class="row" data-row=svc.id()>
                            <text class="name" x="4" y=y + ROW_H - 6.0>{svc.name()}</text>
                            <line class="base" x1=LABEL_W y1=y + ROW_H / 2.0 x2=w - PAD_R y2=y + ROW_H / 2.0></line>
                            {ghosts}
                            {segs}
                        </g>
                    }
                })
                .collect_view()
        }))
    };
    let markers = move || {
        let w = width.get();
        runs.with(|r| {
            r.milestones()
                .into_iter()
                .filter(|(e, _)| visible(e.at.ms(), range()))
                .map(|(e, what)| {
                    let x = x_of(e.at.ms(), range(), w);
                    let title = format!("{} {}", playback.clock(e.at), e.text);
                    let at = e.at.ms() + 1;
                    view! {
                        <g class="marker" data-kind=what on:click=move |_| playback.seek(at)>
                            <title>{title}</title>
                            <path d=format!("M{x} {} l-6 {MARKER_H} l12 0 z", rows_end())></path>
                        </g>
                    }
                })
                .collect_view()
        })
    };
    let reference = move || {
        if compact.get() {
            return None;
        }
        let lane_y = lane_y();
        Some(refs.with(|labels| {
            labels
                .iter()
                .map(|l| {
                    let (t, x) = (l.at.ms(), l.x);
                    let bottom = lane_y + (l.row + 1) as f64 * REF_ROW_H;
                    view! {
                        <g class="ref" data-tag=l.tag.clone() on:click=move |_| playback.seek(t)>
                            <title>{l.title.clone()}</title>
                            <line x1=x y1=lane_y x2=x y2=bottom - 2.0></line>
                            <text x=x + 3.0 y=bottom - 5.0>{l.tag.clone()}</text>
                        </g>
                    }
                })
                .collect_view()
        }))
    };
    // Where two compared runs part: a line across the rows, named on the axis.
    let parted = move || {
        let d = runs.parted().get()?;
        let at = d.at.ms();
        if !visible(at, range()) {
            return None;
        }
        let x = x_of(at, range(), width.get());
        let title = format!("Runs A and B part at {}", playback.clock(d.at));
        Some(view! {
            <g class="parted" on:click=move |_| playback.seek(at)>
                <title>{title}</title>
                <line x1=x y1=AXIS_H - 5.0 x2=x y2=rows_end() + MARKER_H></line>
                <text x=x + 4.0 y=rows_end() + MARKER_H - 2.0>"A|B part"</text>
            </g>
        })
    };
    let playhead_x = move || x_of(playback.ms(), range(), width.get());
    let seek = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = ev.current_target() else {
            return;
        };
        use wasm_bindgen::JsCast;
        let Ok(el) = target.dyn_into::<web_sys::Element>() else {
            return;
        };
        let rect = el.get_bounding_client_rect();
        let fx = ev.client_x() as f64 - rect.left();
        if fx >= LABEL_W {
            let (from, span) = playback.range();
            let plot = (rect.width() - PAD_R - LABEL_W).max(1.0);
            let t = from + ((fx - LABEL_W) / plot * span as f64) as u64;
            playback.seek(t.min(from + span));
        }
    };
    // The tags this outage's reference times carry, each said once.
    let legend = TAGS
        .iter()
        .filter(|(tag, _)| runs.with_scenario(|s| s.file.reference.iter().any(|r| r.tag == *tag)))
        .map(|(tag, meaning)| view! { <li><b class="tag">{*tag}</b>" "{*meaning}</li> })
        .collect_view();
    view! {
        // The outer box may be padded by a theme; the plot is measured inside it.
        <div class="strip">
            <div node_ref=node>
                <svg height=height role="img"
                    aria-label=move || {
                        let parted = runs.parted().get().map(|d| format!("; runs A and B part at {}", playback.clock_minutes(d.at))).unwrap_or_default();
                        format!("Health of each service over the span shown, key events, and AWS's reference times{parted}")
                    }
                    on:click=seek>
                    <g class="axis">
                        <text class="zone" x="4" y=AXIS_H - 8.0>{zone}</text>
                        {axis}
                    </g>
                    {rows}
                    <g class="markers">{markers}</g>
                    {parted}
                    <Show when=move || !compact.get()>
                        <text class="lane" x="4" y=move || lane_y() + REF_ROW_H - 5.0>"AWS account"</text>
                    </Show>
                    <g class="refs">{reference}</g>
                    <line class="playhead" x1=playhead_x y1=AXIS_H - 5.0 x2=playhead_x y2=height></line>
                </svg>
            </div>
            <ul class="tag-legend" aria-label="What the reference tags mean"
                style=format!("padding-left: {LABEL_W}px")>
                <li class="muted">"Source tags:"</li>
                {legend}
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{pack_rows, TAGS};

    #[test]
    fn every_tag_a_builtin_outage_s_reference_times_carry_is_explained() {
        for (id, _) in outage_sim::models::BUILTIN {
            let s = outage_sim::Scenario::builtin(id).expect("a built-in scenario parses");
            for r in &s.file.reference {
                assert!(
                    TAGS.iter().any(|(tag, _)| *tag == r.tag),
                    "{id}: the legend does not say what [{}] means",
                    r.tag
                );
            }
        }
    }

    #[test]
    fn labels_that_would_touch_go_to_the_next_free_row() {
        let spans = [
            (0.0, 20.0),
            (0.0, 20.0),
            (10.0, 30.0),
            (30.0, 50.0),
            (100.0, 120.0),
        ];
        assert_eq!(pack_rows(&spans, 4.0), [0, 1, 2, 0, 0]);
    }
}
