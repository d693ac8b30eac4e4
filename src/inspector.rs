//! The inspector: the selected node's state, the interventions it offers (each applied at the
//! playhead as a fork of the run), "why is this red?" as a chain of causes that move the
//! playhead, and the recent events that touched it.

use crate::compute::Computation;
use crate::map::{glyph, percent};
use crate::playback::Playback;
use crate::presentation::Presentation;
use crate::runs::Runs;
use crate::selection::Selection;
use leptos::prelude::*;
use outage_sim::run::Offer;
use outage_sim::Health;

/// What an intervention reads and changes.
#[derive(Clone, Copy)]
struct Intervene {
    runs: Runs,
    playback: Playback,
    presentation: Presentation,
    computation: Computation,
}

fn apply(to: Intervene, what: Offer) {
    let t = to.playback.now();
    // Made while a run is computed, it applies to that run once it is shown.
    to.computation.when_computed(move || fork(to, t, what));
}

fn fork(to: Intervene, t: outage_sim::SimTime, what: Offer) {
    let Intervene {
        runs,
        playback,
        presentation,
        computation,
    } = to;
    let label = what.label;
    let result = runs.with_untracked(|r| r.start_fork(t, &what.token));
    match result {
        Ok(build) => computation.compute(
            crate::compute::Work::Build(build),
            format!(
                "{label} at {}: re-simulating the future…",
                playback.clock(t)
            ),
            format!(
                "{label} at {}: the future is re-simulated from here.",
                playback.clock(t)
            ),
        ),
        Err(e) => presentation.say(format!("{label} was not applied: {e}")),
    }
}

#[component]
pub fn Inspector() -> impl IntoView {
    let (runs, playback) = (Runs::here(), Playback::here());
    let selection = Selection::here();
    let to = Intervene {
        runs,
        playback,
        presentation: expect_context(),
        computation: expect_context(),
    };
    let body = move || {
        let Some(svc) = selection.selected() else {
            return view! { <p class="hint">"Select a node on the map: click it, or Tab to it and press Enter."</p> }.into_any();
        };
        let about = runs.with_scenario(|s| {
            s.file
                .nodes
                .iter()
                .find(|n| n.id == svc.id())
                .map(|n| n.about.clone())
                .unwrap_or_default()
        });
        let health = Memo::new(move |_| runs.view().with(|v| v.health[svc.index()]));
        let state = move || {
            runs.view().with(|v| {
                let g = runs.with(|r| r.summary(svc, v));
                let g = if g.is_empty() { g } else { format!(" · {g}") };
                format!(
                    "{} {} · {} errors{g}",
                    glyph(v.health[svc.index()]),
                    v.health[svc.index()].id(),
                    percent(v.error_bp[svc.index()])
                )
            })
        };
        let menu = runs.with_untracked(|r| r.offered(svc));
        let opportunity = crate::opportunity::Opportunity::here();
        let buttons = menu
            .into_iter()
            .map(|what| {
                let label = what.label.clone();
                // A setting already in force at the playhead: the button says since when, and
                // applying it again changes nothing.
                let on_since = {
                    let (sets, token) = (what.sets, what.token.clone());
                    Memo::new(move |_| {
                        let t = playback.now();
                        sets.and_then(|s| runs.with(|r| r.setting_at(s, t)))
                            .filter(|(_, tok)| *tok == token)
                            .map(|(at, _)| at)
                    })
                };
                let pressed = what
                    .sets
                    .map(|_| move || on_since.get().is_some().to_string());
                let words = move || match on_since.get() {
                    Some(at) => format!("{label} · on since {}", playback.clock_minutes(at)),
                    None => label.clone(),
                };
                let (token, name) = (what.token.clone(), what.label.clone());
                let sweep = move |_| opportunity.ask(token.clone(), name.clone());
                let group = what.label.clone();
                let click = move |_| match on_since.get_untracked() {
                    Some(at) => to.presentation.say(format!(
                        "{} is already in force, since {}: nothing to change.",
                        what.label,
                        playback.clock_minutes(at)
                    )),
                    None => apply(to, what.clone()),
                };
                view! {
                    // The group names the intervention "Until when?" is about.
                    <span class="offer" role="group" aria-label=group>
                        <button type="button" aria-pressed=pressed on:click=click>{words}</button>
                        <button type="button" class="when" title="Until when does it still help? Applies it at every instant of the window" on:click=sweep>"Until when?"</button>
                    </span>
                }
            })
            .collect_view();
        let rows = move || {
            runs.view()
                .with(|v| runs.with(|r| r.details(svc, v)))
                .into_iter()
                .map(|(k, val)| view! { <dt>{k}</dt><dd>{val}</dd> })
                .collect_view()
        };
        let why = move || {
            runs.log_len().track();
            let t = playback.now_untracked();
            if health.get() == Health::Healthy {
                return view! { <p>"Healthy at this instant."</p> }.into_any();
            }
            runs.with(|r| {
                let chain = r.why_unhealthy(svc, t);
                if chain.is_empty() {
                    return view! { <p>"No recorded cause yet."</p> }.into_any();
                }
                let steps = chain
                    .into_iter()
                    .map(|e| {
                        let at = e.at;
                        let text = format!("{} {}", playback.clock(at), e.text);
                        view! { <li><button type="button" class="link" on:click=move |_| playback.seek(at.ms())>{text}</button></li> }
                    })
                    .collect_view();
                view! { <ol class="why">{steps}</ol> }.into_any()
            })
        };
        let recent = move || {
            runs.log_len().track();
            let t = playback.now_untracked();
            runs.with(|r| {
                r.lines(r.log_len_until(t), false, Some(svc), 6)
                    .into_iter()
                    .map(|e| view! { <li><time>{playback.clock(e.at)}</time>{e.text}</li> })
                    .collect_view()
            })
        };
        view! {
            <button type="button" class="close" on:click=move |_| selection.select(None)>"Close inspector"</button>
            <h3>{svc.name()}</h3>
            <p class="state" data-health=move || health.get().id()>{state}</p>
            <dl class="details">{rows}</dl>
            <p class="about-node">{about}</p>
            <div class="actions" role="group" aria-label="Interventions">{buttons}</div>
            <h4>"Why is this red?"</h4>
            {why}
            <h4>"Recent events"</h4>
            <ol class="recent">{recent}</ol>
        }
        .into_any()
    };
    view! {
        <section class="panel inspector" aria-label="Inspector">
            <h2>"Inspector"</h2>
            {body}
        </section>
    }
}
