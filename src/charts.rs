//! Small charts synchronized with the playhead, as the scenario lists them (for the 2025 event:
//! error rates, DWFM queue and goodput, leases held, NLB capacity), from the run's per-minute
//! samples over the span the timeline shows, on a time axis with round local times.

use crate::axis::axis_ticks;
use crate::playback::Playback;
use crate::runs::Runs;
use crate::size::observe_width;
use leptos::prelude::*;

const W: f64 = 300.0;
const H: f64 = 80.0;

#[component]
pub fn Charts() -> impl IntoView {
    let (runs, playback) = (Runs::here(), Playback::here());
    let specs = runs.with_scenario(|s| s.file.charts.clone());
    let charts = specs
        .into_iter()
        .map(|c| {
            let c = StoredValue::new(c);
            // One scale for every series of a chart, over the whole run, so a value and its
            // limit compare (and the axis does not jump when the timeline zooms): shares from 0%
            // up to the largest; counts from zero, or from near the smallest value when the chart
            // zooms.
            let scale = Memo::new(move |_| {
                // The compared run's lines share the axes.
                let against = runs.with_against(|a| a.cloned());
                runs.with(|r| {
                    c.with_value(|c| {
                        let values = || {
                            c.series
                                .iter()
                                .flat_map(|s| {
                                    let mut v = r.series(&s.gauge);
                                    if let Some(a) = &against {
                                        v.extend(a.series(&s.gauge));
                                    }
                                    v
                                })
                                .map(|p| p.1)
                        };
                        let max = values().fold(f64::MIN, f64::max);
                        let min = values().fold(f64::MAX, f64::min);
                        if max < min {
                            return (0.0, 1.0);
                        }
                        if c.shares {
                            // Up to the largest share, in whole tenths of a percent above it.
                            return (0.0, (max * 1.05).clamp(0.01, 1.0));
                        }
                        let lo = if c.zoom { (min - (max - min) * 0.1).max(0.0) } else { 0.0 };
                        let hi = (max + (max - lo) * 0.05).max(lo + 1.0);
                        (lo, hi)
                    })
                })
            });
            let lines = move || {
                let (from, span) = playback.range();
                let (lo, hi) = scale.get();
                let y_of = |v: f64| (H - (v - lo) / (hi - lo) * (H - 4.0) - 2.0).clamp(0.0, H);
                let draw = |r: &crate::runs::SharedRun, extra: &str| {
                    c.with_value(|c| c.series
                        .iter()
                        .enumerate()
                        .map(|(i, series)| {
                            let class = if series.limit { "limit".to_string() } else { format!("s{}", i + 1) };
                            let all = r.series(&series.gauge);
                            let mut points = String::new();
                            for (at, value) in all
                                .iter()
                                .filter(|(at, _)| at.ms() + 60_000 >= from && at.ms() <= from + span + 60_000)
                            {
                                let x = (at.ms().saturating_sub(from)) as f64 / span.max(1) as f64 * W;
                                if !points.is_empty() {
                                    points.push(' ');
                                }
                                push_tenths(&mut points, x.clamp(0.0, W));
                                points.push(',');
                                push_tenths(&mut points, y_of(*value));
                            }
                            view! { <polyline class=format!("series {class}{extra}") points=points></polyline> }
                        })
                        .collect::<Vec<_>>())
                };
                // The compared run's lines (dashed) under the run on screen's.
                let mut all = runs.with_against(|a| a.map(|a| draw(a, " vs"))).unwrap_or_default();
                all.extend(runs.with(|r| draw(r, "")));
                all.collect_view()
            };
            // The axis's two ends, with the unit: a chart that explains says what it counts.
            let y_labels = move || {
                let (lo, hi) = scale.get();
                c.with_value(|c| {
                    let say = |v: f64| {
                        if c.shares {
                            format!("{:.0}%", v * 100.0)
                        } else {
                            let unit = c.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
                            format!("{}{unit}", v.round() as i64)
                        }
                    };
                    view! {
                        <span class="ylabel top">{say(hi)}</span>
                        <span class="ylabel bottom">{say(lo)}</span>
                    }
                })
            };
            let playhead = move || {
                let (from, span) = playback.range();
                (playback.ms().saturating_sub(from)) as f64 / span.max(1) as f64 * W
            };
            // The plot stretches to its box (shapes, not type): its axis labels are HTML so
            // they keep their size, placed by the measured width so they never overlap.
            let node = NodeRef::<leptos::html::Div>::new();
            let width = RwSignal::new(W);
            observe_width(node, width);
            let ticks = move || {
                let w = width.get();
                runs.with_scenario(|s| axis_ticks(s, playback.range(), w, 0.0))
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
                    .map(|(i, s)| {
                        let class = if s.limit { "key limit".to_string() } else { format!("key s{}", i + 1) };
                        view! { <span class=class>{s.label.clone()}</span> }
                    })
                    .collect_view()
            });
            // The text alternative reads the values at the playhead.
            let label = move || {
                runs.view().with(|v| runs.with(|r| c.with_value(|c| {
                    let values = c
                        .series
                        .iter()
                        .map(|s| {
                            let (name, x) = (&s.label, r.quantity(&s.gauge, v).unwrap_or(0.0));
                            let unit = c.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
                            if c.shares { format!("{name} {:.0}%", x * 100.0) } else { format!("{name} {x:.0}{unit}") }
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    // While comparing, the compared run's values follow.
                    let in_a = runs.against_view().with(|av| {
                        runs.with_against(|a| match (a, av) {
                            (Some(a), Some(av)) => {
                                let vs: Vec<String> = c
                                    .series
                                    .iter()
                                    .map(|s| {
                                        let x = a.quantity(&s.gauge, av).unwrap_or(0.0);
                                        if c.shares { format!("{} {:.0}%", s.label, x * 100.0) } else { format!("{} {x:.0}", s.label) }
                                    })
                                    .collect();
                                format!("; in run A: {}", vs.join(", "))
                            }
                            _ => String::new(),
                        })
                    });
                    format!("{} at {}: {values}{in_a}", c.title, playback.clock(v.at))
                })))
            };
            view! {
                <figure class="chart">
                    <figcaption>{c.with_value(|c| c.title.clone())}" "{legend}{move || runs.is_comparing().then(|| view! { <span class="key vs">"dotted: run A"</span> })}</figcaption>
                    <div class="plot" node_ref=node>
                        <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=label preserveAspectRatio="none">
                            <rect class="frame" x="0" y="0" width=W height=H></rect>
                            {grid}
                            {lines}
                            <line class="playhead" x1=playhead y1="0" x2=playhead y2=H></line>
                        </svg>
                        <div class="yaxis" aria-hidden="true">{y_labels}</div>
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
