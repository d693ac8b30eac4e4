//! The presenter's view: a second window on the lecturer's own screen, beside the projector's.
//! The chapter on screen with its narration and the speaker's notes, the next chapter, the run's
//! clock and the lecture's, and the controls, which move both windows (see `in_step`).

use crate::compute::{Computation, Computing};
use crate::lecture::{AfterLast, InForce, Story};
use crate::presentation::Presentation;
use crate::runs::Runs;
use crate::timebar::TimeBar;
use leptos::prelude::*;
use outage_sim::SimTime;

/// Milliseconds since the page opened (the lecture's clock is the room's, not the run's).
fn wall_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// "0:05:12".
fn elapsed_text(seconds: u64) -> String {
    format!(
        "{}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// How long the lecture has run since this view opened (or was restarted).
#[component]
fn LectureClock() -> impl IntoView {
    let started = StoredValue::new(wall_ms());
    let seconds = RwSignal::new(0u64);
    let tick = move || seconds.set(((wall_ms() - started.get_value()) / 1000.0) as u64);
    if let Ok(h) = set_interval_with_handle(tick, std::time::Duration::from_millis(500)) {
        on_cleanup(move || h.clear());
    }
    view! {
        <div class="lecture-clock">
            <span class="label">"Lecture"</span>
            <span class="big" role="timer" aria-label="Lecture time" aria-live="off">{move || elapsed_text(seconds.get())}</span>
            <button type="button" aria-label="Restart the lecture clock" on:click=move |_| { started.set_value(wall_ms()); seconds.set(0); }>"Restart"</button>
        </div>
    }
}

/// "Chapter 3 of 10: The race · 11:48 PM PDT".
fn chapter_line(runs: Runs, i: usize) -> String {
    runs.with_scenario(|s| {
        let c = &s.file.chapters[i];
        let at = s.at(&c.at).unwrap_or(SimTime::ZERO);
        format!(
            "Chapter {} of {}: {} · {} {}",
            i + 1,
            s.file.chapters.len(),
            c.title,
            s.clock(at),
            s.file.timezone
        )
    })
}

/// The chapter on screen: what the room sees (its question, its narration) and what only the
/// presenter sees (the answer before it is revealed, the speaker's notes).
#[component]
fn ChapterNow() -> impl IntoView {
    let (runs, story) = (Runs::here(), Story::here());
    let force = Memo::new(move |_| story.in_force());
    let heading = move || match force.get() {
        InForce::Off => "Not in the story yet: Next chapter starts it".to_string(),
        InForce::At(i) => chapter_line(runs, i),
        InForce::After(Some(j)) => {
            format!("After {} (the clock has moved on)", chapter_line(runs, j))
        }
        InForce::After(None) => "Before chapter 1".to_string(),
    };
    let body = move || {
        let i = match force.get() {
            InForce::At(i) | InForce::After(Some(i)) => i,
            _ => return None,
        };
        let asking = story.asking() == Some(i);
        runs.with_scenario(|s| {
            let c = s.file.chapters.get(i)?;
            let question = c.question.clone().map(|q| {
                let choices = q
                    .choices
                    .iter()
                    .enumerate()
                    .map(|(k, text)| {
                        let right = k == q.answer;
                        view! { <li class:answer=right>{text.clone()}{right.then_some(" ✓ the answer")}</li> }
                    })
                    .collect_view();
                let state = if asking {
                    "The room is predicting: Next chapter reveals the answer."
                } else {
                    "The answer is on the projector."
                };
                view! {
                    <div class="presenter-question">
                        <p><strong>"The room is asked: "</strong>{q.ask}</p>
                        <ol>{choices}</ol>
                        <p class="muted">{state}</p>
                    </div>
                }
            });
            let notes = c
                .notes
                .clone()
                .unwrap_or_else(|| "No notes for this chapter.".into());
            // The notes first: they are what only this screen shows.
            Some(view! {
                <section class="notes" aria-label="Speaker's notes">
                    <h3>"Speaker's notes"</h3>
                    <p>{notes}</p>
                </section>
                {question}
                <p class="narration">{c.narration.clone()}</p>
            })
        })
    };
    view! {
        <section class="panel presenter-now" aria-label="Chapter on screen">
            <h2>{heading}</h2>
            {body}
        </section>
    }
}

/// What comes after the chapter on screen: the next chapter, or the next outage.
#[component]
fn UpNext() -> impl IntoView {
    let (runs, story, presentation) = (Runs::here(), Story::here(), Presentation::here());
    let count = runs.with_scenario(|s| s.file.chapters.len());
    let after = match AfterLast::of(runs, presentation) {
        AfterLast::Outage(t) => format!("The next outage: {t}"),
        AfterLast::Comparison => "The comparison of the lecture's outages".to_string(),
        AfterLast::End => "The end of the last outage.".to_string(),
    };
    let next = move || {
        let n = story.chapter_in_force().map_or(0, |i| i + 1);
        if n < count {
            chapter_line(runs, n)
        } else {
            after.clone()
        }
    };
    view! {
        <section class="panel presenter-next" aria-label="Next">
            <h2>"Next"</h2>
            <p>{next}</p>
        </section>
    }
}

/// The run both windows show: how it differs from the incident, its digest, and the what-ifs
/// the presenter can start from here.
#[component]
fn ThisRun() -> impl IntoView {
    let (runs, computation) = (Runs::here(), Computation::here());
    let differs = move || {
        runs.with(|r| runs.with_scenario(|s| crate::whatif::differences(s, r.inputs())))
            .unwrap_or_else(|| "The incident as it happened.".into())
    };
    let digest = move || runs.with(|r| r.digest());
    view! {
        <section class="panel presenter-run" aria-label="This run">
            <h2>"This run"</h2>
            <p class="differs">{differs}</p>
            <dl><dt>"Digest"</dt><dd>{digest}</dd></dl>
            <button type="button" on:click=move |_| computation.quiet_run()>"Start a quiet run"</button>
            <button type="button" on:click=move |_| computation.as_it_happened()>"Back to the incident as it happened"</button>
            <Show when=move || runs.can_undo()>
                <button type="button" aria-keyshortcuts="Control+Z" on:click=move |_| crate::history::back()>"Undo"</button>
            </Show>
        </section>
    }
}

#[component]
pub fn PresenterView() -> impl IntoView {
    let (runs, presentation, story) = (Runs::here(), Presentation::here(), Story::here());
    let computation = Computation::here();
    let title = runs.with_scenario(|s| s.file.title.clone());
    let count = runs.with_scenario(|s| s.file.chapters.len());
    let at_last = move || story.in_force() == InForce::At(count.saturating_sub(1));
    let after = AfterLast::of(runs, presentation);
    let leads_on = after.leads_on();
    let next_label = move || after.next_label(story.asking().is_some(), at_last());
    view! {
        <header class="top presenter-top">
            <h1>"Outage Explorer: presenter's view"</h1>
            <p>{title}</p>
            <LectureClock />
        </header>
        <crate::panels::LinkNotice />
        <main class="presenter" aria-busy=move || runs.with(|r| r.is_pending()).to_string() class:computing-run=move || computation.is_computing()>
            <ChapterNow />
            <div class="presenter-side">
                <UpNext />
                <ThisRun />
            </div>
            <section class="panel presenter-controls" aria-label="Controls">
                <div class="chapter-nav">
                    <button type="button" on:click=move |_| story.step(false)>"◀ Previous chapter"</button>
                    <button type="button" on:click=move |_| story.step(true) disabled=move || at_last() && !leads_on>{next_label}</button>
                </div>
                <TimeBar />
                <div class="forkbar">
                    <Computing />
                    <p class="status" role="status">{move || presentation.status()}</p>
                </div>
            </section>
        </main>
        <crate::keys::Help />
    }
}
