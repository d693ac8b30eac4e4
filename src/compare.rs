//! Two runs side by side: the run on screen ("B") beside another ("A": the incident, or the run
//! before a what-if). The map badges each node where A differs, the strip ghosts A and the
//! charts draw its lines; this panel names what A and B are, where their logs first part, and
//! what changed, service by service, with the comparison as CSV. A stays while the person
//! forks again, so one fix can be tried at several instants against the same A.

use crate::compute::Computation;
use crate::presentation::Presentation;
use crate::runs::{Runs, SharedRun};
use crate::whatif::differences;
use leptos::prelude::*;
use outage_sim::contrast::{changes, csv};
use outage_sim::Inputs;

/// What a run is, in a few words: "the incident as it happened" or its differences.
fn called(runs: Runs, inputs: &Inputs) -> String {
    runs.with_scenario(|s| differences(s, inputs))
        .unwrap_or_else(|| "the incident as it happened".into())
}

/// Compare the run on screen with the run of `inputs`, computing it first if this page has not.
pub fn compare_with(inputs: Inputs) {
    let (runs, computation, presentation) =
        (Runs::here(), Computation::here(), Presentation::here());
    compare_with_in(runs, computation, presentation, inputs);
}

pub fn compare_with_in(
    runs: Runs,
    computation: Computation,
    presentation: Presentation,
    inputs: Inputs,
) {
    if let Some(run) = runs.known(&inputs) {
        return start(runs, presentation, run);
    }
    computation.compute_aside(
        inputs,
        "Simulating the run to compare with…".into(),
        Box::new(move |run| start(runs, presentation, run)),
    );
}

fn start(runs: Runs, presentation: Presentation, run: SharedRun) {
    let a = called(runs, run.inputs());
    runs.compare_with(run);
    presentation.say(format!("Comparing with {a} (A)."));
}

/// Compare, or stop comparing: beside Undo and Redo.
#[component]
pub fn CompareButtons() -> impl IntoView {
    let runs = Runs::here();
    let incident = runs.with_scenario(|s| s.default_inputs(outage_sim::DEFAULT_SEED));
    let incident = StoredValue::new(incident);
    let on_screen_is_incident =
        move || runs.with(|r| r.is_pending() || incident.with_value(|i| r.inputs() == i));
    let before_is_other = move || {
        runs.can_undo()
            && runs
                .before()
                .is_some_and(|b| !b.is_pending() && incident.with_value(|i| b.inputs() != i))
    };
    view! {
        <Show
            when=move || runs.is_comparing()
            fallback=move || view! {
                <Show when=move || !on_screen_is_incident()>
                    <button type="button" on:click=move |_| compare_with(incident.get_value())>"Compare with the incident"</button>
                </Show>
                <Show when=before_is_other>
                    <button type="button" on:click=move |_| {
                        if let Some(b) = runs.before() {
                            compare_with(b.inputs().clone());
                        }
                    }>"Compare with the run before"</button>
                </Show>
            }
        >
            <button type="button" on:click=move |_| {
                runs.stop_comparing();
                Presentation::here().say("Stopped comparing.");
            }>"Stop comparing"</button>
        </Show>
    }
}

/// What the two runs are and how they differ.
#[component]
pub fn Comparison() -> impl IntoView {
    let runs = Runs::here();
    let playback = crate::playback::Playback::here();
    // Computed once per pair of runs: the logs are read to their first difference, each
    // service's impairments once.
    let found = Memo::new(move |_| {
        runs.with_against(|a| {
            let a = a?.clone();
            runs.with(|b| {
                if b.is_pending() {
                    return None;
                }
                runs.with_scenario(|s| {
                    let d = runs.parted().get();
                    let c = changes(s.nodes(), &a.impairments(), &b.impairments(), s.window);
                    let divergence = d.as_ref().map(|d| {
                        let line = d.b.as_ref().or(d.a.as_ref()).map(|l| l.text.clone());
                        let side = if d.b.is_some() { "B" } else { "A" };
                        (d.at, format!("{side}: {}", line.unwrap_or_default()))
                    });
                    let rows: Vec<_> = c.iter().map(|c| (c.at(), c.describe(s))).collect();
                    Some((
                        called(runs, a.inputs()),
                        called(runs, b.inputs()),
                        divergence,
                        rows,
                    ))
                })
            })
        })
    });
    let file_name = runs.with_scenario(|s| format!("{}-comparison.csv", s.id()));
    move || {
        found.get().map(|(a, b, divergence, rows)| {
            let count = rows.len();
            let name = file_name.clone();
            let download = move |_| {
                let text = runs.with_against(|a| {
                    let a = a?;
                    runs.with(|b| {
                        runs.with_scenario(|s| {
                            let c = changes(s.nodes(), &a.impairments(), &b.impairments(), s.window);
                            Some(csv(s, runs.parted().get_untracked().as_ref(), &c))
                        })
                    })
                });
                if let Some(text) = text {
                    crate::export::save_text(&text, "text/csv", &name);
                }
            };
            let first = match divergence {
                Some((at, what)) => view! {
                    <p class="divergence">
                        <strong>"First divergence "</strong>
                        <button type="button" class="when" on:click=move |_| playback.go_to(at)
                            aria-label=format!("Go to the first divergence, {}", playback.clock_minutes(at))>
                            {playback.clock_minutes(at)}
                        </button>
                        ": "{what}
                    </p>
                }
                .into_any(),
                None => view! { <p class="divergence">"The two runs are the same: their logs never part."</p> }.into_any(),
            };
            let list = rows
                .into_iter()
                .map(|(at, said)| view! {
                    <li>
                        <button type="button" class="when" on:click=move |_| playback.go_to(at)
                            aria-label=format!("Go to {}", playback.clock_minutes(at))>{playback.clock_minutes(at)}</button>
                        " "{said}
                    </li>
                })
                .collect_view();
            view! {
                <section class="comparison" aria-label="Comparison of two runs">
                    <p class="pair">
                        <span class="a"><strong>"A: "</strong>{a}</span>
                        <span class="b"><strong>"B, on screen: "</strong>{b}</span>
                    </p>
                    {first}
                    <details>
                        <summary>{format!("What changed from A to B ({count})")}</summary>
                        <ol class="changes">{list}</ol>
                    </details>
                    <button type="button" on:click=download>"Download comparison as CSV"</button>
                </section>
            }
        })
    }
}
