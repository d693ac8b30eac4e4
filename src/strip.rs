//! The outage at a glance, along the timeline: per service a health strip computed from the
//! whole run (and the previous run's, ghosted, after a fork), markers for the run's key events,
//! and a lane with the reference times from AWS's account and their source tags.

use crate::Explorer;
use leptos::prelude::*;
use outage_sim::{Health, Recording, Service};

const W: f64 = 1000.0;
const LABEL_W: f64 = 150.0;
const ROW_H: f64 = 18.0;

/// The span of time the strip shows: (first instant, length), both in ms.
type Range = (u64, u64);

fn x_of(t_ms: u64, (from, span): Range) -> f64 {
    let t = t_ms.clamp(from, from + span) - from;
    LABEL_W + (W - LABEL_W) * t as f64 / span.max(1) as f64
}

fn visible(t_ms: u64, (from, span): Range) -> bool {
    (from..=from + span).contains(&t_ms)
}

fn segments(rec: &Recording, svc: Service, range: Range) -> Vec<(f64, f64, Health)> {
    let end = rec.window.ms();
    rec.impairments_of(svc)
        .into_iter()
        .filter(|w| {
            w.from.ms() <= range.0 + range.1 && w.to.map(|t| t.ms()).unwrap_or(end) >= range.0
        })
        .map(|w| {
            let a = x_of(w.from.ms(), range);
            let b = x_of(w.to.map(|t| t.ms()).unwrap_or(end), range);
            (a, (b - a).max(1.5), w.worst)
        })
        .collect()
}

#[component]
pub fn Strip() -> impl IntoView {
    let ex = expect_context::<Explorer>();
    let range = move || ex.range();
    // One row per phase of the cascade, as the scenario lists them.
    let rows_of = StoredValue::new(ex.scenario.with_value(|s| {
        s.file
            .strip
            .iter()
            .filter_map(|id| Service::parse(id))
            .collect::<Vec<Service>>()
    }));
    let rows_h = ROW_H * rows_of.with_value(Vec::len) as f64;
    let height = rows_h + 3.0 * ROW_H;
    let rows = move || {
        let ghost = ex.previous.with(|p| {
            p.as_ref().map(|r| {
                rows_of.with_value(|rows| {
                    rows.iter()
                        .map(|s| segments(r, *s, range()))
                        .collect::<Vec<_>>()
                })
            })
        });
        let rows = rows_of.get_value();
        ex.recording.with(|r| {
            rows.iter()
                .enumerate()
                .map(|(i, svc)| {
                    let y = i as f64 * ROW_H;
                    let ghosts = ghost
                        .as_ref()
                        .map(|g| {
                            g[i].iter()
                                .map(|(x, w, _)| view! { <rect class="ghost" x=*x y=y + 2.0 width=*w height=ROW_H - 4.0></rect> })
                                .collect_view()
                        });
                    let segs = segments(r, *svc, range())
                        .into_iter()
                        .map(|(x, w, h)| view! { <rect class="seg" data-health=h.id() x=x y=y + 5.0 width=w height=ROW_H - 10.0></rect> })
                        .collect_view();
                    view! {
                        <g class="row" data-row=svc.id()>
                            <text x="4" y=y + ROW_H - 5.0>{svc.name()}</text>
                            <line class="base" x1=LABEL_W y1=y + ROW_H / 2.0 x2=W y2=y + ROW_H / 2.0></line>
                            {ghosts}
                            {segs}
                        </g>
                    }
                })
                .collect_view()
        })
    };
    let markers = move || {
        ex.recording.with(|r| {
            r.log
                .entries
                .iter()
                .filter(|e| visible(e.at.ms(), range()))
                .filter_map(|e| Some((e, e.milestone()?)))
                .map(|(e, what)| {
                    let x = x_of(e.at.ms(), range());
                    let title = format!("{} {}", ex.clock(e.at), e.describe());
                    let at = e.at.ms() + 1;
                    view! {
                        <g class="marker" data-kind=what on:click=move |_| ex.playhead.set(at)>
                            <title>{title}</title>
                            <path d=format!("M{x} {rows_h} l-5 {} l10 0 z", ROW_H * 0.8)></path>
                        </g>
                    }
                })
                .collect_view()
        })
    };
    let reference = move || {
        let range = range();
        ex.scenario.with_value(|s| {
            s.file
                .reference
                .iter()
                .filter_map(|r| {
                    let t = s.at(&r.at).ok()?;
                    if !visible(t.ms(), range) {
                        return None;
                    }
                    let x = x_of(t.ms(), range);
                    let title = format!("{} [{}] {}", s.clock(t), r.tag, r.what);
                    let y = rows_h + 1.2 * ROW_H;
                    Some(view! {
                        <g class="ref" data-tag=r.tag.clone() on:click=move |_| ex.playhead.set(t.ms())>
                            <title>{title}</title>
                            <line x1=x y1=y x2=x y2=y + ROW_H * 1.4></line>
                            <text x=x + 2.0 y=y + ROW_H * 1.3>{r.tag.clone()}</text>
                        </g>
                    })
                })
                .collect_view()
        })
    };
    let playhead_x = move || x_of(ex.playhead.get(), range());
    let seek = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = ev.current_target() else {
            return;
        };
        use wasm_bindgen::JsCast;
        let Ok(el) = target.dyn_into::<web_sys::Element>() else {
            return;
        };
        let rect = el.get_bounding_client_rect();
        let fx = (ev.client_x() as f64 - rect.left()) / rect.width().max(1.0) * W;
        if fx >= LABEL_W {
            let (from, span) = ex.range();
            let t = from + ((fx - LABEL_W) / (W - LABEL_W) * span as f64) as u64;
            ex.playhead.set(t.min(from + span));
        }
    };
    view! {
        <svg class="strip" viewBox=format!("0 0 {W} {height}") role="img"
            aria-label="Health of each service over the whole run, key events, and AWS's reference times"
            on:click=seek>
            {rows}
            <g class="markers">{markers}</g>
            <text class="lane" x="4" y=rows_h + 2.4 * ROW_H>"AWS account"</text>
            <g class="refs">{reference}</g>
            <line class="playhead" x1=playhead_x y1="0" x2=playhead_x y2=height></line>
        </svg>
    }
}
