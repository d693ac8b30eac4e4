//! What makes the run on screen differ from the incident as it happened, said in words: the badge
//! a room reads on stage, and whether a chapter's narration still holds in this run.

use crate::runs::Runs;
use leptos::prelude::*;
use outage_sim::{Inputs, Scenario, SimTime};

/// How `inputs` differ from the scenario's incident ("Enactor A paused at 11:47 PM"), or `None`
/// for the incident itself. The scenario's own events are the incident's: a trigger left out
/// is said as "without", never counted as the person's intervention.
pub fn differences(s: &Scenario, inputs: &Inputs) -> Option<String> {
    let incident = s.default_inputs(inputs.seed);
    let zone = &s.file.timezone;
    let said = |step: &outage_sim::run::Step| {
        let what = s
            .model
            .label(&step.token)
            .unwrap_or_else(|| step.token.clone());
        format!("{what} at {} {zone}", s.clock(step.at))
    };
    let mut parts: Vec<String> = inputs
        .script
        .iter()
        .filter(|step| !incident.script.contains(step))
        .map(said)
        .collect();
    let left_out: Vec<_> = incident
        .script
        .iter()
        .filter(|step| !inputs.script.contains(step))
        .collect();
    if !left_out.is_empty() && left_out.len() == incident.script.len() {
        parts.insert(
            0,
            "a quiet run (the incident's scripted events left out)".into(),
        );
    } else {
        parts.extend(
            left_out
                .into_iter()
                .map(|step| format!("without the incident's “{}”", said(step))),
        );
    }
    parts.extend(inputs.params.iter().map(|(k, v)| format!("{k} = {v}")));
    if inputs.seed != outage_sim::DEFAULT_SEED {
        parts.push(format!("seed {}", inputs.seed));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The chapter's claims this run breaks at the chapter's instant, as "X is healthy, the
/// narration says down".
pub fn broken_claims(runs: Runs, chapter: usize) -> Vec<String> {
    let Some((at, claims)) = runs.with_scenario(|s| {
        let c = s.file.chapters.get(chapter)?;
        let claims: Vec<_> = c
            .claims
            .iter()
            .filter_map(|cl| Some((s.node(&cl.node)?, cl.health)))
            .collect();
        Some((s.at(&c.at).unwrap_or(SimTime::ZERO), claims))
    }) else {
        return Vec::new();
    };
    runs.with(|r| {
        if r.is_pending() {
            return Vec::new();
        }
        let frame = r.frame_at(at);
        claims
            .into_iter()
            .filter(|(n, want)| frame.health[n.index()] != *want)
            .map(|(n, want)| {
                format!(
                    "{} is {}, the narration says {}",
                    n.name(),
                    frame.health[n.index()].id(),
                    want.id()
                )
            })
            .collect()
    })
}

/// A badge over the map whenever the run is not the incident as it happened.
#[component]
pub fn Badge() -> impl IntoView {
    let runs = Runs::here();
    let text = Memo::new(move |_| {
        runs.with(|r| {
            if r.is_pending() {
                return None;
            }
            runs.with_scenario(|s| differences(s, r.inputs()))
        })
    });
    move || {
        text.get().map(|t| {
            view! {
                <p class="whatif-badge" role="note" aria-label="This run is a what-if">
                    <strong>"What-if: "</strong>{t}
                </p>
            }
        })
    }
}
