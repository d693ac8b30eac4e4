//! Small charts synchronized with the playhead, as the scenario lists them (for the 2025 event:
//! error rates, DWFM queue and goodput, leases held, NLB capacity), from the run's per-minute
//! samples over the span the timeline shows, on a time axis with round local times.

use crate::strip::{axis_ticks, observe_width};
use crate::Explorer;
use leptos::prelude::*;

const W: f64 = 300.0;
const H: f64 = 80.0;

#[component]
pub fn Charts() -> impl IntoView {
    let ex = expect_context::<Explorer>();
    let specs = ex.scenario.with_value(|s| s.file.charts.clone());
    let charts = specs
        .into_iter()
        .map(|c| {
            let c = StoredValue::new(c);
            let lines = move || {
                let (from, span) = ex.range();
                ex.recording.with(|r| {
                    c.with_value(|c| c.series
                        .iter()
                        .enumerate()
                        .map(|(i, series)| {
                            let class = format!("s{}", i + 1);
                            let all = r.series(&series.gauge);
                            // Each series on its own scale over the whole run, so shapes compare.
                            let max = all.iter().map(|p| p.1).fold(0.0f64, f64::max).max(1e-9);
                            let mut points = String::new();
                            for (at, value) in all
                                .iter()
                                .filter(|(at, _)| at.ms() + 60_000 >= from && at.ms() <= from + span + 60_000)
                            {
                                let x = (at.ms().saturating_sub(from)) as f64 / span.max(1) as f64 * W;
                                let y = H - value / max * (H - 4.0) - 2.0;
                                if !points.is_empty() {
                                    points.push(' ');
                                }
                                push_tenths(&mut points, x.clamp(0.0, W));
                                points.push(',');
                                push_tenths(&mut points, y);
                            }
                            view! { <polyline class=format!("series {class}") points=points></polyline> }
                        })
                        .collect_view())
                })
            };
            let playhead = move || {
                let (from, span) = ex.range();
                (ex.playhead.get().saturating_sub(from)) as f64 / span.max(1) as f64 * W
            };
            // The plot stretches to its box (shapes, not type): its axis labels are HTML so
            // they keep their size, placed by the measured width so they never overlap.
            let node = NodeRef::<leptos::html::Div>::new();
            let width = RwSignal::new(W);
            observe_width(node, width);
            let ticks = move || {
                let w = width.get();
                ex.scenario.with_value(|s| axis_ticks(s, ex.range(), w, 0.0))
            };
            let grid = move || {
                ticks()
                    .into_iter()
                    .map(|(_, f, _)| view! { <line class="grid" x1=f * W y1="0" x2=f * W y2=H></line> })
                    .collect_view()
            };
            let labels = move || {
                ticks()
                    .into_iter()
                    .map(|(_, f, label)| view! { <span class="tick" style=format!("left: {:.3}%", f * 100.0)>{label}</span> })
                    .collect_view()
            };
            let legend = c.with_value(|c| {
                c.series
                    .iter()
                    .enumerate()
                    .map(|(i, s)| view! { <span class=format!("key s{}", i + 1)>{s.label.clone()}</span> })
                    .collect_view()
            });
            // The text alternative reads the values at the playhead.
            let label = move || {
                ex.view.with(|v| ex.recording.with(|r| c.with_value(|c| {
                    let values = c
                        .series
                        .iter()
                        .map(|s| {
                            let (name, x) = (&s.label, r.quantity(&s.gauge, v).unwrap_or(0.0));
                            if c.shares { format!("{name} {:.0}%", x * 100.0) } else { format!("{name} {x:.0}") }
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    format!("{} at {}: {values}", c.title, ex.clock(v.at))
                })))
            };
            view! {
                <figure class="chart">
                    <figcaption>{c.with_value(|c| c.title.clone())}" "{legend}</figcaption>
                    <div class="plot" node_ref=node>
                        <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=label preserveAspectRatio="none">
                            <rect class="frame" x="0" y="0" width=W height=H></rect>
                            {grid}
                            {lines}
                            <line class="playhead" x1=playhead y1="0" x2=playhead y2=H></line>
                        </svg>
                        <div class="axis" aria-hidden="true">{labels}</div>
                    </div>
                </figure>
            }
        })
        .collect_view();
    view! { <div class="charts" aria-label="Charts">{charts}</div> }
}

/// `v` to one decimal, written as integers: a chart has a point a minute for each series, and
/// formatting floats exactly (what `{:.1}` does) took several milliseconds of every new run's redraw.
fn push_tenths(s: &mut String, v: f64) {
    use std::fmt::Write;
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let a = tenths.unsigned_abs();
    let _ = write!(s, "{sign}{}.{}", a / 10, a % 10);
}
