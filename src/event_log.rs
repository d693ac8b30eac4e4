//! The event log: what happened up to the playhead, newest first, the routine events and the
//! events of other nodes shown or not.

use crate::playback::Playback;
use crate::runs::Runs;
use crate::selection::Selection;
use leptos::prelude::*;

#[component]
pub fn EventLog() -> impl IntoView {
    let (runs, playback) = (Runs::here(), Playback::here());
    let selection = Selection::here();
    let routine = RwSignal::new(false);
    let only_selected = RwSignal::new(false);
    // Keyed by entry (ids alone repeat across forks): a step forward adds the new entries and
    // keeps the rest.
    let items = move || {
        let n = runs.log_len().get();
        let routine = routine.get();
        let node = only_selected.get().then(|| selection.selected()).flatten();
        runs.with(|r| {
            r.lines(n, routine, node, 40)
                .into_iter()
                .map(|e| (e.id, playback.clock(e.at), e.text))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="panel log" aria-label="Event log">
            <h2>"Event log"</h2>
            <div class="filters">
                <label>
                    <input type="checkbox" prop:checked=routine on:change=move |ev| routine.set(event_target_checked(&ev)) />
                    " Routine events too"
                </label>
                <label>
                    <input type="checkbox" prop:checked=only_selected on:change=move |ev| only_selected.set(event_target_checked(&ev)) />
                    " Only the node in the inspector"
                </label>
            </div>
            // Focusable so a keyboard can scroll it.
            <ol tabindex="0" aria-label="Events up to the playhead, newest first">
                <For each=items key=|entry| entry.clone() let((_, at, text))>
                    <li><time>{at}</time>{text}</li>
                </For>
            </ol>
        </section>
    }
}
