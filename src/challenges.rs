//! Challenges from the scenario: a goal to reach by intervening, judged on the run the model
//! computes, so any change that works counts. "Try it" sets the scene.

use crate::playback::Playback;
use crate::presentation::Presentation;
use crate::runs::Runs;
use crate::selection::Selection;
use leptos::prelude::*;
use outage_sim::challenge::Verdict;
use outage_sim::SimTime;

#[component]
pub fn Challenges() -> impl IntoView {
    let (runs, playback) = (Runs::here(), Playback::here());
    let (selection, presentation) = (Selection::here(), Presentation::here());
    let challenges = runs.with_scenario(|s| s.file.challenges.clone());
    if challenges.is_empty() {
        return ().into_any();
    }
    let verdicts = Memo::new(move |_| runs.with_scenario(|s| runs.with(|r| r.judge_challenges(s))));
    let items = challenges
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let done = move || verdicts.with(|v| v.get(i).is_some_and(Verdict::met));
            // Why, with the figure to beat; or what did it.
            let words = move || {
                verdicts.with(|v| {
                    v.get(i).map(|v| {
                        let w = v.words();
                        let mark = match v {
                            Verdict::Done(_) => "✓ Done: ",
                            Verdict::NotYet(_) => "○ Not yet: ",
                            Verdict::Unjudged(_) => "○ Nothing to judge: ",
                        };
                        format!("{mark}{}{}", w[..1].to_uppercase(), &w[1..])
                    })
                })
            };
            let start = runs.with_scenario(|s| s.at(&c.at).unwrap_or(SimTime::ZERO));
            let node = runs.with_scenario(|s| s.node(&c.node));
            let title = c.title.clone();
            let try_it = move |_| {
                playback.playing().set(false);
                playback.seek(start.ms());
                selection.select(node);
                presentation.say(format!("Challenge: {title}. The playhead is at the start; intervene from the inspector."));
                // The scene is the map: bring it into view (the list of challenges is below it).
                if let Some(map) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector("section.map").ok().flatten())
                {
                    map.scroll_into_view();
                }
            };
            let reality = c.reality.clone();
            let starts = format!(
                "Starts at {}{}",
                playback.clock_minutes(start),
                node.map(|n| format!(", on {}", n.name())).unwrap_or_default()
            );
            view! {
                <li class:done=done>
                    <h3>{c.title.clone()}</h3>
                    <p class="verdict">{words}</p>
                    <p>{c.task.clone()}</p>
                    <p class="muted">{starts}</p>
                    <button type="button" aria-label=format!("Try it: {}", c.title) on:click=try_it>"Try it"</button>
                    <Show when=done>
                        <p class="muted">"What happened in reality: "{reality.clone()}</p>
                    </Show>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel challenges" aria-label="Challenges">
            <h2>"Challenges"</h2>
            <ol>{items}</ol>
        </section>
    }
    .into_any()
}
