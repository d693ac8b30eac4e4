//! The chapter that closes a lecture across outages: its outages side by side, what triggered
//! each, what kept it going once the trigger was gone, and what its recovery took, each point
//! with its sources; and how long each was impaired in the model's own run (see `build.rs`).

use crate::lecture::Story;
use crate::presentation::Presentation;
use crate::runs::Runs;
use leptos::prelude::*;
use outage_sim::lesson::duration_words;
use outage_sim::scenario::LessonPoint;
use outage_sim::Scenario;

/// The rows of the comparison: what each asks of every outage.
const ROWS: [&str; 3] = [
    "What triggered it",
    "What sustained it once the trigger was gone",
    "What recovery took",
];

/// One outage's column.
struct Column {
    title: String,
    points: [LessonPoint; 3],
    /// How long the model's run was impaired, in words.
    impaired: String,
}

fn column(s: &Scenario) -> Option<Column> {
    let l = s.file.lesson.clone()?;
    let zone = &s.file.timezone;
    let impaired = match crate::builtin::impaired(s.id()) {
        Some((from, Some(to))) => format!(
            "In the model's run: {} to {} {zone}, {}.",
            s.clock(from),
            s.clock(to),
            duration_words(to.ms() - from.ms())
        ),
        Some((from, None)) => format!(
            "In the model's run: from {} {zone}, past the replay's end, over {}.",
            s.clock(from),
            duration_words(s.window.ms() - from.ms())
        ),
        None => "In the model's run: never impaired.".to_string(),
    };
    Some(Column {
        title: s.file.title.clone(),
        points: [l.trigger, l.sustained, l.recovery],
        impaired,
    })
}

/// A point as a cell: its text and the tags of its sources, in words for a screen reader.
fn cell(p: &LessonPoint, s: &Scenario) -> impl IntoView {
    let tags = p
        .tags
        .iter()
        .map(|t| {
            let meaning = s
                .tag_meaning(t)
                .map(|m| m.label.clone())
                .unwrap_or_default();
            view! { <abbr class="tag" title=meaning>{format!("[{t}]")}</abbr>" " }
        })
        .collect_view();
    view! { {p.text.clone()}" "<span class="lesson-tags">{tags}</span> }
}

/// The comparison, over the last outage's map: a modal dialog with Back to its last chapter
/// (also Escape, PageUp or ←).
#[component]
pub fn LectureComparison() -> impl IntoView {
    let presentation = Presentation::here();
    let Some(lecture) = presentation.lecture() else {
        return ().into_any();
    };
    let story = Story::here();
    let runs = Runs::here();
    let scenarios: Vec<Scenario> = lecture
        .ids
        .iter()
        .filter_map(|id| crate::builtin::scenario(id).ok())
        .collect();
    let columns: Vec<(Column, &Scenario)> = scenarios
        .iter()
        .filter_map(|s| column(s).map(|c| (c, s)))
        .collect();
    let heads = columns
        .iter()
        .map(|(c, _)| view! { <th scope="col">{c.title.clone()}</th> })
        .collect_view();
    let rows = ROWS
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let cells = columns
                .iter()
                .map(|(c, s)| {
                    let duration = (k == 2).then(
                        || view! { <strong class="impaired">{c.impaired.clone()}</strong>" " },
                    );
                    view! { <td>{duration}{cell(&c.points[k], s)}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{*name}</th>{cells}</tr> }
        })
        .collect_view();
    let heading = format!("{} outages, side by side", columns.len());
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    presentation.comparison().opens_modal(dialog);
    let last = runs.with_scenario(|s| s.file.chapters.len().saturating_sub(1));
    let back = move || back_to_last_chapter(presentation, story, last);
    view! {
        <dialog
            node_ref=dialog
            class="outages-compared"
            aria-label="Comparison of the lecture's outages"
            on:close=move |_| if presentation.comparison().is_on_untracked() { back() }
        >
            <p class="kicker">{format!("Outage Explorer · a lecture across outages: the comparison, after {}", lecture.link.outages.join(", "))}</p>
            <h2>{heading}</h2>
            <table>
                <thead><tr><td></td>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <div class="card-actions">
                <button type="button" autofocus on:click=move |_| back()>"◀ Back to the last chapter"</button>
                <span class="muted">"The durations are the model's runs; the tags say where each point comes from."</span>
            </div>
        </dialog>
    }
    .into_any()
}

/// Leave the comparison for the last outage's last chapter.
pub fn back_to_last_chapter(presentation: Presentation, story: Story, last: usize) {
    presentation.comparison().set(false);
    story.go_to(last);
}
