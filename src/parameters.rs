//! The model's parameters, shown as what they are: the few numbers AWS stated and the many it
//! did not (assumptions of this model). Changing one re-runs the whole window; Undo goes back.

use crate::compute::Computation;
use crate::presentation::Presentation;
use crate::runs::Runs;
use leptos::prelude::*;
use outage_sim::params::Provenance;

/// Re-run with `key` set to what the person typed; `false` (and a message) if it was refused.
fn set_param(
    runs: Runs,
    computation: Computation,
    presentation: Presentation,
    key: &'static str,
    text: &str,
) -> bool {
    let Ok(value) = text.trim().parse::<u64>() else {
        presentation.say(format!(
            "{key} was not changed: {text:?} is not a whole number."
        ));
        return false;
    };
    let (current, default) = runs.with_untracked(|r| {
        let info = r.param_infos().into_iter().find(|i| i.key == key);
        (info.as_ref().map(|i| i.value), info.map(|i| i.default))
    });
    if current == Some(value) {
        return true;
    }
    let inputs = runs.with_untracked(|r| {
        r.inputs()
            .with_param(key, (Some(value) != default).then(|| value.to_string()))
    });
    let message = format!("{key} = {value}: the whole window is re-simulated.");
    match computation.run_instead(inputs, message) {
        Ok(()) => true,
        Err(e) => {
            presentation.say(format!("{key} was not changed: {e}."));
            false
        }
    }
}

/// Re-run with the choice parameter `key` set to option `id`.
fn set_choice(
    runs: Runs,
    computation: Computation,
    presentation: Presentation,
    key: &'static str,
    id: &str,
) {
    let default = runs.with_untracked(|r| {
        r.choices()
            .into_iter()
            .find(|c| c.key == key)
            .map(|c| c.default)
    });
    let inputs = runs.with_untracked(|r| {
        r.inputs()
            .with_param(key, (Some(id) != default).then(|| id.to_string()))
    });
    let message = format!("{key} = {id}: the whole window is re-simulated.");
    if let Err(e) = computation.run_instead(inputs, message) {
        presentation.say(format!("{key} was not changed: {e}."));
    }
}

#[component]
pub fn Parameters() -> impl IntoView {
    let (runs, computation) = (Runs::here(), Computation::here());
    let presentation = Presentation::here();
    let infos = runs.with_untracked(|r| r.param_infos());
    // The run's values, listed once per run for every row to read: each row listing every
    // parameter itself, three times, made a new run's redraw quadratic in their number. Never
    // compared, so that a field a refused or cancelled run left typed shows the run's value again.
    let values = Memo::new_with_compare(
        move |_| {
            runs.with(|r| {
                r.param_infos()
                    .into_iter()
                    .map(|i| (i.key, i.value))
                    .collect::<Vec<_>>()
            })
        },
        |_, _| true,
    );
    let rows = infos
        .into_iter()
        .enumerate()
        .map(|(n, info)| {
            let key = info.key;
            let value = move || {
                values.with(|v| match v.get(n) {
                    Some((k, x)) if *k == key => *x,
                    _ => v.iter().find(|(k, _)| *k == key).map_or(0, |(_, x)| *x),
                })
            };
            let changed = move || value() != info.default;
            let source = match info.provenance {
                Provenance::Stated => "stated by AWS".to_string(),
                Provenance::Fitted => format!("fitted to {}", info.fitted_to.unwrap_or("a reference")),
                Provenance::Assumed => "assumed: AWS gave no number".to_string(),
            };
            view! {
                <tr class:changed=changed>
                    <th scope="row"><code>{key}</code><small>{info.about}</small></th>
                    <td>
                        <input
                            type="number"
                            aria-label=key
                            min=info.min
                            max=info.max
                            prop:value=move || value().to_string()
                            on:change=move |ev| {
                                if !set_param(runs, computation, presentation, key, &event_target_value(&ev)) {
                                    // The run keeps its value; so does the field.
                                    let input = event_target::<web_sys::HtmlInputElement>(&ev);
                                    input.set_value(&untrack(value).to_string());
                                }
                            }
                        />
                        <small>{move || if changed() { format!("default {}", info.default) } else { String::new() }}</small>
                    </td>
                    <td>{info.unit}</td>
                    <td>{source}</td>
                </tr>
            }
        })
        .collect_view();
    // Parameters that are a choice among named options: a list to pick from.
    let choices = runs.with_untracked(|r| r.choices())
        .into_iter()
        .map(|c| {
            let key = c.key;
            let current = move || {
                runs.with(|r| {
                    r.choices()
                        .into_iter()
                        .find(|x| x.key == key)
                        .map(|x| x.value)
                        .unwrap_or_default()
                })
            };
            let options = c
                .options
                .iter()
                .map(|(id, what)| {
                    let id = *id;
                    view! { <option value=id selected=move || current() == id>{format!("{id}: {what}")}</option> }
                })
                .collect_view();
            let source = match c.provenance {
                Provenance::Stated => "stated by AWS".to_string(),
                Provenance::Fitted => format!("fitted to {}", c.fitted_to.unwrap_or("a reference")),
                Provenance::Assumed => "assumed: AWS gave no policy".to_string(),
            };
            view! {
                <tr class:changed=move || current() != c.default>
                    <th scope="row"><code>{key}</code><small>{c.about}</small></th>
                    <td colspan="2">
                        <select aria-label=key on:change=move |ev| set_choice(runs, computation, presentation, key, &event_target_value(&ev))>{options}</select>
                    </td>
                    <td>{source}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel params" aria-label="Model parameters">
            <details>
                <summary>"Model parameters"</summary>
                <p class="muted">
                    "Where the sources publish no number (fleet sizes, queue sizes, timings) the model names one and tunes it so the default run matches the reference times. Change a value to re-run the whole window; Undo goes back."
                </p>
                <table>
                    <thead><tr><th scope="col">"Parameter"</th><th scope="col">"Value"</th><th scope="col">"Unit"</th><th scope="col">"Source"</th></tr></thead>
                    <tbody>{rows}{choices}</tbody>
                </table>
            </details>
        </section>
    }
}
