//! About this run: its scenario, seed and digest, the person's interventions apart from the
//! incident's own, and the ways to start a quiet run or go back to the incident; and the button
//! beside the timeline that copies the link to this run at this moment.

use crate::address::Address;
use crate::compute::Computation;
use crate::presentation::Presentation;
use crate::runs::Runs;
use leptos::prelude::*;

/// Put the link in the address bar and on the clipboard; say "copied" only once the clipboard
/// has taken it (a page without clipboard permission says where the link is instead).
fn copy_link(address: Address, presentation: Presentation) {
    let url = address.show_link();
    let Some(w) = web_sys::window() else {
        return;
    };
    let written = wasm_bindgen_futures::JsFuture::from(w.navigator().clipboard().write_text(&url));
    presentation.say("Copying the link…");
    leptos::task::spawn_local(async move {
        let message = match written.await {
            Ok(_) => "Link copied: it opens this run at this moment.".to_string(),
            Err(_) => {
                "The link could not be copied here; it is in the address bar: copy it from there."
                    .to_string()
            }
        };
        presentation.say(message);
    });
}

/// The link to this run at this moment, onto the clipboard: beside the timeline, where the
/// moment is chosen, on every screen.
#[component]
pub fn CopyLink() -> impl IntoView {
    let (address, presentation) = (Address::here(), Presentation::here());
    view! {
        <button type="button" class="copy-link" title="Copy a link that opens this run at this moment" on:click=move |_| copy_link(address, presentation)>"Copy link"</button>
    }
}

#[component]
pub fn About() -> impl IntoView {
    let (runs, computation) = (Runs::here(), Computation::here());
    let scenario_id = runs.with_scenario(|s| s.id().to_string());
    let seed = move || runs.with(|r| r.inputs().seed);
    let digest = move || runs.with(|r| r.digest());
    // The person's interventions apart from the scenario's own scripted events (its trigger,
    // the operators' actions as they happened), which are the incident's, not the person's.
    let counts = move || {
        runs.with(|r| {
            let incident = runs.with_scenario(|s| s.default_inputs(r.inputs().seed));
            let script = &r.inputs().script;
            let yours = script
                .iter()
                .filter(|step| !incident.script.contains(step))
                .count();
            (yours, script.len() - yours)
        })
    };
    view! {
        <section class="panel about" aria-label="About this run">
            <h2>"About this run"</h2>
            <dl>
                <dt>"Scenario"</dt><dd>{scenario_id}</dd>
                <dt>"Seed"</dt><dd>{seed}</dd>
                <dt>"Your interventions"</dt><dd>{move || counts().0}</dd>
                <dt>"The incident's scripted events"</dt><dd>{move || counts().1}</dd>
                <dt>"Digest"</dt><dd>{digest}</dd>
            </dl>
            <button type="button" on:click=move |_| computation.quiet_run()>"Start a quiet run"</button>
            <button type="button" on:click=move |_| computation.as_it_happened()>"Back to the incident as it happened"</button>
            <p class="muted">"A quiet run drops the incident's scripted events: nothing breaks until you break it. Where the model has AWS's operators respond to what happens, they still respond to what you break (Model parameters can switch their responses off)."</p>
        </section>
    }
}
