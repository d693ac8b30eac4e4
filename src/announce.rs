//! What a screen reader hears while the run plays. The event log is not a live region: a scrub
//! replaces its forty entries at once, and playing adds several a second, far more than anyone
//! can listen to. Instead, each turning point (the markers on the timeline) is said as playback
//! passes it; a scrub or a step by keyboard says nothing here (the timeline says its time).

use crate::Explorer;
use leptos::prelude::*;

#[component]
pub fn Announcer() -> impl IntoView {
    let ex = expect_context::<Explorer>();
    // The run's turning points, listed once per run: (instant, what the marker's title says).
    let turning: StoredValue<Vec<(u64, String)>> = StoredValue::new(Vec::new());
    Effect::new(move |_| {
        let list = ex.recording.with(|r| {
            r.milestones()
                .into_iter()
                .map(|(e, _)| (e.at.ms(), format!("{} {}", ex.clock(e.at), e.text)))
                .collect()
        });
        turning.set_value(list);
    });
    let said = RwSignal::new(String::new());
    let last = StoredValue::new(ex.playhead.get_untracked());
    Effect::new(move |_| {
        let now = ex.playhead.get();
        let before = last.get_value();
        last.set_value(now);
        if !ex.playing.get_untracked() || now <= before {
            return;
        }
        // Of the turning points passed in this step, the latest: a fast speed passes several.
        let passed = turning.with_value(|t| {
            t.iter()
                .rev()
                .find(|(at, _)| *at > before && *at <= now)
                .map(|(_, text)| text.clone())
        });
        if let Some(text) = passed {
            said.set(text);
        }
    });
    view! { <p class="visually-hidden" role="status" aria-label="Turning points while playing">{move || said.get()}</p> }
}
