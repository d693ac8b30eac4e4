//! The inspector: the selected node's state, the interventions it offers (each applied at the
//! playhead as a fork of the run), "why is this red?" as a chain of causes that move the
//! playhead, and the recent events that touched it.

use crate::map::{glyph, percent};
use crate::Explorer;
use leptos::prelude::*;
use outage_sim::run::Offer;
use outage_sim::Health;

fn apply(ex: Explorer, what: Offer) {
    let t = ex.now();
    // Made while a run is computed, it applies to that run once it is shown.
    ex.when_computed(move |ex| fork(ex, t, what));
}

fn fork(ex: Explorer, t: outage_sim::SimTime, what: Offer) {
    let label = what.label;
    let result = ex
        .recording
        .with_untracked(|r| r.start_fork(t, &what.token));
    match result {
        Ok(build) => ex.compute(
            crate::compute::Work::Build(build),
            format!("{label} at {}: re-simulating the future…", ex.clock(t)),
            format!(
                "{label} at {}: the future is re-simulated from here.",
                ex.clock(t)
            ),
        ),
        Err(e) => ex.status.set(format!("{label} was not applied: {e}")),
    }
}

#[component]
pub fn Inspector() -> impl IntoView {
    let ex = expect_context::<Explorer>();
    let body = move || {
        let Some(svc) = ex.selected.get() else {
            return view! { <p class="hint">"Select a node on the map: click it, or Tab to it and press Enter."</p> }.into_any();
        };
        let about = ex.scenario.with_value(|s| {
            s.file
                .nodes
                .iter()
                .find(|n| n.id == svc.id())
                .map(|n| n.about.clone())
                .unwrap_or_default()
        });
        let health = Memo::new(move |_| ex.view.with(|v| v.health[svc.index()]));
        let state = move || {
            ex.view.with(|v| {
                let g = ex.recording.with(|r| r.summary(svc, v));
                let g = if g.is_empty() { g } else { format!(" · {g}") };
                format!(
                    "{} {} · {} errors{g}",
                    glyph(v.health[svc.index()]),
                    v.health[svc.index()].id(),
                    percent(v.error_bp[svc.index()])
                )
            })
        };
        let menu = ex.recording.with_untracked(|r| r.offered(svc));
        let buttons = menu
            .into_iter()
            .map(|what| {
                let label = what.label.clone();
                view! { <button type="button" on:click=move |_| apply(ex, what.clone())>{label}</button> }
            })
            .collect_view();
        let rows = move || {
            ex.view
                .with(|v| ex.recording.with(|r| r.details(svc, v)))
                .into_iter()
                .map(|(k, val)| view! { <dt>{k}</dt><dd>{val}</dd> })
                .collect_view()
        };
        let why = move || {
            ex.log_len.track();
            let t = ex.now_untracked();
            if health.get() == Health::Healthy {
                return view! { <p>"Healthy at this instant."</p> }.into_any();
            }
            ex.recording.with(|r| {
                let chain = r.why_unhealthy(svc, t);
                if chain.is_empty() {
                    return view! { <p>"No recorded cause yet."</p> }.into_any();
                }
                let steps = chain
                    .into_iter()
                    .map(|e| {
                        let at = e.at;
                        let text = format!("{} {}", ex.clock(at), e.text);
                        view! { <li><button type="button" class="link" on:click=move |_| ex.playhead.set(at.ms())>{text}</button></li> }
                    })
                    .collect_view();
                view! { <ol class="why">{steps}</ol> }.into_any()
            })
        };
        let recent = move || {
            ex.log_len.track();
            let t = ex.now_untracked();
            ex.recording.with(|r| {
                r.lines(r.log_len_until(t), false, Some(svc), 6)
                    .into_iter()
                    .map(|e| view! { <li><time>{ex.clock(e.at)}</time>{e.text}</li> })
                    .collect_view()
            })
        };
        view! {
            <button type="button" class="close" on:click=move |_| ex.selected.set(None)>"Close inspector"</button>
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
