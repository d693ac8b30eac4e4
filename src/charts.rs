//! Small charts synchronized with the playhead: error rates, DWFM queue and goodput, leases
//! held and NLB capacity, from the run's per-minute samples over the span the timeline shows.

use crate::Explorer;
use leptos::prelude::*;
use outage_sim::{Service, View};

const W: f64 = 300.0;
const H: f64 = 80.0;

type Pick = fn(&View) -> f64;

struct Chart {
    title: &'static str,
    /// Values are shares (shown as percentages), not counts.
    shares: bool,
    series: &'static [(&'static str, &'static str, Pick)],
}

fn err(s: Service) -> impl Fn(&View) -> f64 {
    move |v| v.error_bp[s.index()] as f64 / 10_000.0
}

const CHARTS: &[Chart] = &[
    Chart {
        title: "Error rate",
        shares: true,
        series: &[
            ("DynamoDB", "s1", |v| err(Service::DynamoDb)(v)),
            ("EC2 launches", "s2", |v| err(Service::Ec2Launch)(v)),
            ("NLB", "s3", |v| err(Service::Nlb)(v)),
        ],
    },
    Chart {
        title: "DWFM queue and goodput",
        shares: false,
        series: &[
            ("queue", "s1", |v| v.gauges.dwfm_queue as f64),
            ("leases made per minute", "s2", |v| {
                v.gauges.goodput_per_min as f64
            }),
        ],
    },
    Chart {
        title: "Droplet leases held",
        shares: true,
        series: &[("leased", "s2", |v| {
            v.gauges.leased as f64 / v.gauges.droplets.max(1) as f64
        })],
    },
    Chart {
        title: "NLB capacity in service",
        shares: true,
        series: &[("capacity", "s3", |v| {
            v.gauges.nlb_capacity_permille as f64 / 1000.0
        })],
    },
];

#[component]
pub fn Charts() -> impl IntoView {
    let ex = expect_context::<Explorer>();
    let charts = CHARTS
        .iter()
        .map(|c| {
            let lines = move || {
                let (from, span) = ex.range();
                ex.recording.with(|r| {
                    let pts: Vec<&View> = r.samples.iter().filter(|v| v.at.ms() + 60_000 >= from && v.at.ms() <= from + span + 60_000).collect();
                    c.series
                        .iter()
                        .map(|(_, class, pick)| {
                            // Each series on its own scale over the whole run, so shapes compare.
                            let max = r.samples.iter().map(pick).fold(0.0f64, f64::max).max(1e-9);
                            let points = pts
                                .iter()
                                .map(|v| {
                                    let x = (v.at.ms().saturating_sub(from)) as f64 / span.max(1) as f64 * W;
                                    let y = H - pick(v) / max * (H - 4.0) - 2.0;
                                    format!("{:.1},{:.1}", x.clamp(0.0, W), y)
                                })
                                .collect::<Vec<_>>()
                                .join(" ");
                            view! { <polyline class=format!("series {class}") points=points></polyline> }
                        })
                        .collect_view()
                })
            };
            let playhead = move || {
                let (from, span) = ex.range();
                (ex.playhead.get().saturating_sub(from)) as f64 / span.max(1) as f64 * W
            };
            let legend = c
                .series
                .iter()
                .map(|(name, class, _)| view! { <span class=format!("key {class}")>{*name}</span> })
                .collect_view();
            // The text alternative reads the values at the playhead.
            let label = move || {
                ex.view.with(|v| {
                    let values = c
                        .series
                        .iter()
                        .map(|(name, _, pick)| {
                            let x = pick(v);
                            if c.shares { format!("{name} {:.0}%", x * 100.0) } else { format!("{name} {x:.0}") }
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    format!("{} at {}: {values}", c.title, ex.clock(v.at))
                })
            };
            view! {
                <figure class="chart">
                    <figcaption>{c.title}" "{legend}</figcaption>
                    <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=label preserveAspectRatio="none">
                        <rect class="frame" x="0" y="0" width=W height=H></rect>
                        {lines}
                        <line class="playhead" x1=playhead y1="0" x2=playhead y2=H></line>
                    </svg>
                </figure>
            }
        })
        .collect_view();
    view! { <div class="charts" aria-label="Charts">{charts}</div> }
}
