//! The mechanism view: how the outage works, drawn from the run in step with the playhead. The
//! model declares its views and what each shows; this draws any of them with the generic forms
//! (lanes of actors over the minutes before the playhead, a quantity against its limit, a
//! population by state, work offered against work done). Every state is said in words beside
//! its colour and pattern, and nothing moves except with the playhead.

use crate::callouts::escape;
use crate::lecture::Story;
use crate::playback::Playback;
use crate::presentation::Presentation;
use crate::runs::Runs;
use leptos::prelude::*;
use outage_sim::mechanism::{
    self, amount, Breach, Figure, LaneState, MechanismInfo, Tone, Track, PERCENT,
};
use outage_sim::run::AnyCursor;
use outage_sim::SimTime;
use std::sync::Arc;

/// The view the chapter the clock is in names, if any.
pub fn chapter_view(story: Story, runs: Runs) -> Option<String> {
    let i = story.chapter_in_force()?;
    runs.with_scenario(|s| s.file.chapters.get(i).and_then(|c| c.mechanism.clone()))
}

/// Whether a chapter's view stands beside the map: on stage, in a chapter that names one. The
/// map then has half the width (it frames the chapter's nodes, and the view carries the numbers
/// the callouts would).
pub fn beside_map(story: Story, runs: Runs, presentation: Presentation) -> bool {
    presentation.on_stage() && chapter_view(story, runs).is_some()
}

/// Lanes sampled so far for one run and one view: a moving playhead reuses them.
#[derive(Default)]
struct Samples {
    run: usize,
    view: &'static str,
    /// Lanes at whole steps, in time order.
    at: Vec<(u64, Vec<LaneState>)>,
    cursor: AnyCursor,
}

#[component]
pub fn Mechanism() -> impl IntoView {
    let (runs, playback) = (Runs::here(), Playback::here());
    let presentation = Presentation::here();
    let story = Story::here();
    let views: &'static [MechanismInfo] = runs.with_untracked(|r| r.mechanisms());
    let chosen = RwSignal::new(views.first().map(|v| v.id));
    // A chapter that names a view shows it; the person's choice holds until the next one does.
    Effect::new(move |_| {
        if let Some(id) = chapter_view(story, runs) {
            if let Some(v) = views.iter().find(|v| v.id == id) {
                chosen.set(Some(v.id));
            }
        }
    });
    // On stage the view is drawn only beside a chapter that names it: otherwise nothing is
    // sampled while the run plays.
    let info = Memo::new(move |_| {
        if presentation.on_stage() && chapter_view(story, runs).is_none() {
            return None;
        }
        let id = chosen.get()?;
        views.iter().find(|v| v.id == id).copied()
    });
    let samples = StoredValue::new_local(Samples::default());
    let tracks = Memo::new(move |_| {
        let info = info.get()?;
        let until = playback.now();
        runs.with(|r| {
            if r.is_pending() {
                return None;
            }
            let run = Arc::as_ptr(r) as *const () as usize;
            let instants = mechanism::instants(&info, until);
            let lanes = samples.try_update_value(|s| {
                if s.run != run || s.view != info.id {
                    *s = Samples {
                        run,
                        view: info.id,
                        ..Samples::default()
                    };
                }
                // Only whole steps are kept; the playhead's own instant is read afresh.
                let step = mechanism::step(&info);
                s.at.retain(|(t, _)| instants.iter().any(|i| i.ms() == *t));
                let mut out = Vec::with_capacity(instants.len());
                for t in &instants {
                    let lanes = match s.at.iter().find(|(at, _)| *at == t.ms()) {
                        Some((_, l)) => l.clone(),
                        None => {
                            let frame = r.frame_with(&mut s.cursor, *t);
                            let l = r
                                .mechanism(info.id, &frame)
                                .map(|m| m.lanes)
                                .unwrap_or_default();
                            if t.ms() % step == 0 {
                                s.at.push((t.ms(), l.clone()));
                            }
                            l
                        }
                    };
                    out.push((*t, lanes));
                }
                out
            })?;
            Some(mechanism::tracks(&lanes))
        })
    });
    let now = Memo::new(move |_| {
        let info = info.get()?;
        let frame = runs.view().get();
        runs.with(|r| r.mechanism(info.id, &frame))
    });
    let picker = move || {
        (views.len() > 1).then(|| {
            let options = views
                .iter()
                .map(|v| {
                    let id = v.id;
                    view! { <option value=id selected=move || chosen.get() == Some(id)>{v.title}</option> }
                })
                .collect_view();
            view! {
                <label class="mechanism-pick">"Show "
                    <select on:change=move |e| {
                        let want = event_target_value(&e);
                        chosen.set(views.iter().find(|v| v.id == want).map(|v| v.id));
                    }>{options}</select>
                </label>
            }
        })
    };
    let body = move || {
        let Some(info) = info.get() else {
            return String::new();
        };
        let lanes = tracks.get().unwrap_or_default();
        let states = now.get().unwrap_or_default();
        let from = lanes
            .iter()
            .flat_map(|t| t.segments.first())
            .map(|s| s.from.ms())
            .min()
            .unwrap_or(0);
        let to = playback.ms().max(from + 1);
        let mut out = String::new();
        let span = format!(
            "{}, {} to {}",
            info.title,
            playback.clock_minutes(SimTime(from)),
            playback.clock(playback.now())
        );
        out.push_str(&format!(
            r#"<h2>{}</h2><p class="lesson">{}</p><ul class="lanes" aria-label="{}">"#,
            escape(info.title),
            escape(info.lesson),
            escape(&span)
        ));
        // To the second where the view's steps are shorter than a minute (the race), else to
        // the minute; the zone is said once, in the list's name.
        let seconds = mechanism::step(&info) < 60_000;
        let clock = |t: SimTime| {
            runs.with_scenario(|s| {
                if seconds {
                    s.clock_seconds(t)
                } else {
                    s.clock(t)
                }
            })
        };
        for track in &lanes {
            lane_row(&mut out, track, &states.lanes, (from, to), &clock);
        }
        out.push_str(&format!(
            r#"</ul><p class="lane-axis" aria-hidden="true"><span>{}</span><span>now</span></p><div class="figures">"#,
            escape(&runs.with_scenario(|s| s.clock(SimTime(from))))
        ));
        for f in &states.figures {
            figure(&mut out, f);
        }
        out.push_str("</div>");
        out
    };
    (!views.is_empty()).then(|| {
        view! {
            <section class="panel mechanism" aria-label="How it works">
                {picker}
                <div class="mechanism-body" inner_html=body></div>
            </section>
        }
    })
}

/// One actor's lane: its name, its segments over the span (hidden from screen readers, which
/// read the same in words), and its state now. Markup, as one piece per change: the view is
/// redrawn whole as the playhead moves.
fn lane_row(
    out: &mut String,
    track: &Track,
    now: &[LaneState],
    (from, to): (u64, u64),
    clock: &dyn Fn(SimTime) -> String,
) {
    let at = |t: u64| t.clamp(from, to) - from;
    let state = now.iter().find(|l| l.actor == track.actor);
    let tone = state.map(|l| l.tone).unwrap_or(Tone::Idle);
    out.push_str(&format!(
        r#"<li class="lane tone-{}"><span class="actor">{}</span><span class="bar" aria-hidden="true">"#,
        tone.id(),
        escape(&track.actor)
    ));
    let mut words = Vec::new();
    for s in &track.segments {
        let phase = escape(&s.phase);
        out.push_str(&format!(
            r#"<span class="seg tone-{}" style="left:{};width:{}" title="{phase}">{phase}</span>"#,
            s.tone.id(),
            percent(at(s.from.ms()), to - from),
            // At least a sliver, so that a moment's state is seen.
            percent(
                (at(s.to.ms()) - at(s.from.ms())).max((to - from) / 250),
                to - from
            )
        ));
        words.push(format!(
            "{} from {} to {}",
            s.phase,
            clock(s.from),
            clock(s.to)
        ));
    }
    out.push_str(&format!(
        r#"</span><span class="visually-hidden">{}. </span><span class="now">{}</span></li>"#,
        escape(&words.join("; ")),
        escape(state.map(|l| l.now.as_str()).unwrap_or_default())
    ));
}

/// A figure of the instant: in words for a screen reader, and drawn with its numbers in text.
fn figure(out: &mut String, f: &Figure) {
    out.push_str(&format!(
        r#"<div class="figure" role="img" aria-label="{}">"#,
        escape(&f.describe())
    ));
    match f {
        Figure::Against {
            label,
            unit,
            value,
            limit,
            limit_is,
            ..
        } => {
            // Room past the larger of the two, so the limit's mark is never at the edge.
            let top = (*value.max(limit) + *value.max(limit) / 7).max(1);
            let (fill, mark) = (percent(*value, top), percent(*limit, top));
            let bad = f.failing();
            let verdict = match f.breach() {
                Some(Breach::Over) => " ▲ over",
                Some(Breach::Under) => " ▼ under",
                None => "",
            };
            out.push_str(&format!(
                r#"<p class="figure-label">{}</p><p class="figure-value{}">{}{verdict}<span class="limit-is"> · {} {}</span></p><span class="meter"><span class="fill tone-{}" style="width:{fill}"></span><span class="limit" style="left:{mark}"></span></span>"#,
                escape(label),
                if bad { " bad" } else { "" },
                escape(&amount(*value, unit)),
                escape(limit_is),
                // The unit once, with the value (a percentage keeps its sign).
                escape(&amount(*limit, if *unit == PERCENT { unit } else { "" })),
                if bad { "failed" } else { "working" }
            ));
        }
        Figure::Population { label, unit, parts } => {
            let total: u64 = parts.iter().map(|p| p.count).sum();
            out.push_str(&format!(
                r#"<p class="figure-label">{}</p><span class="stack">"#,
                escape(label)
            ));
            for p in parts.iter().filter(|p| p.count > 0) {
                out.push_str(&format!(
                    r#"<span class="seg tone-{}" style="width:{}"></span>"#,
                    p.tone.id(),
                    percent(p.count, total)
                ));
            }
            out.push_str(r#"</span><ul class="legend">"#);
            for p in parts {
                out.push_str(&format!(
                    r#"<li{}><span class="swatch tone-{}"></span>{} {}</li>"#,
                    if p.count == 0 { r#" class="none""# } else { "" },
                    p.tone.id(),
                    escape(&amount(p.count, unit)),
                    escape(&p.state)
                ));
            }
            out.push_str("</ul>");
        }
        Figure::Goodput {
            label,
            unit,
            offered,
            done,
        } => {
            let top = *offered.max(done);
            let (o, d) = (percent(*offered, top), percent(*done, top));
            let bad = f.failing();
            out.push_str(&format!(
                r#"<p class="figure-label">{}</p><p class="figure-value{}">{} of {} done</p><span class="meter"><span class="fill tone-strained" style="width:{o}"></span><span class="fill tone-working over" style="width:{d}"></span></span>"#,
                escape(label),
                if bad { " bad" } else { "" },
                done,
                escape(&amount(*offered, unit))
            ));
        }
    }
    out.push_str("</div>");
}

/// `part` of `whole` as a CSS percentage with two decimals ("12.34%"), in integers: formatting
/// floats would add kilobytes to the page.
fn percent(part: u64, whole: u64) -> String {
    let hundredths = u128::from(part.min(whole)) * 10_000 / u128::from(whole.max(1));
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percentages_are_written_without_floats() {
        assert_eq!(percent(1, 3), "33.33%");
        assert_eq!(percent(5199, 5100), "100.00%");
        assert_eq!(percent(0, 0), "0.00%");
        assert_eq!(percent(u64::MAX, u64::MAX), "100.00%");
    }
}
