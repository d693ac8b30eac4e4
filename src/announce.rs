//! What a screen reader hears while the run plays. The event log is not a live region: a scrub
//! replaces its forty entries at once, and playing adds several a second, far more than anyone
//! can listen to. Instead, each turning point (the markers on the timeline) is said as playback
//! passes it; a scrub or a step by keyboard says nothing here (the timeline says its time).

use crate::playback::Playback;
use crate::runs::Runs;
use leptos::prelude::*;
use outage_sim::SimTime;

#[component]
pub fn Announcer() -> impl IntoView {
    let (runs, playback) = (Runs::here(), Playback::here());
    // The run's turning points (instant, what the marker says), listed the first time playback
    // needs them after each new run: not in every fork's redraw, for a reader who may never play.
    let turning: StoredValue<Option<Vec<(SimTime, String)>>> = StoredValue::new(None);
    Effect::new(move |_| {
        runs.track();
        turning.set_value(None);
    });
    let said = RwSignal::new(String::new());
    let last = StoredValue::new(playback.ms_untracked());
    Effect::new(move |_| {
        let now = playback.ms();
        let before = last.get_value();
        last.set_value(now);
        if !playback.playing().is_on_untracked() || now <= before {
            return;
        }
        // Of the turning points passed in this step, the latest: a fast speed passes several.
        let passed = turning
            .try_update_value(|t| {
                let t = t.get_or_insert_with(|| {
                    runs.with_untracked(|r| {
                        r.milestones()
                            .into_iter()
                            .map(|(e, _)| (e.at, e.text))
                            .collect()
                    })
                });
                t.iter()
                    .rev()
                    .find(|(at, _)| at.ms() > before && at.ms() <= now)
                    .map(|(at, text)| format!("{} {text}", playback.clock(*at)))
            })
            .flatten();
        if let Some(text) = passed {
            said.set(text);
        }
    });
    view! { <p class="visually-hidden" role="status" aria-label="Turning points while playing">{move || said.get()}</p> }
}
