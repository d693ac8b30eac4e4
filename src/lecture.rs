//! Lecture mode: chapters that tell the story step by step (each sets the playhead, lights its
//! node and shows sourced narration), and the title card a fresh page opens on.

use crate::compute::Computation;
use crate::playback::Playback;
use crate::presentation::Presentation;
use crate::runs::Runs;
use crate::selection::Selection;
use crate::sources;
use leptos::prelude::*;
use outage_sim::SimTime;

/// A small count as a lecturer says it ("three outages").
/// The room's predictions: the chapter whose question has been answered on screen, and the
/// choice the room made for the chapter asking (one question is open at a time).
#[derive(Clone, Copy)]
pub struct Predictions {
    revealed: RwSignal<Option<usize>>,
    guess: RwSignal<Option<(usize, usize)>>,
}

impl Predictions {
    pub fn new() -> Self {
        Predictions {
            revealed: RwSignal::new(None),
            guess: RwSignal::new(None),
        }
    }

    /// The page's predictions, provided by `open`.
    pub fn here() -> Self {
        expect_context()
    }

    /// The chapter whose question has been answered on screen (tracked).
    pub fn revealed(&self) -> Option<usize> {
        self.revealed.get()
    }
    /// Show `chapter`'s answer (as another window does).
    pub fn reveal(&self, chapter: Option<usize>) {
        self.revealed.set(chapter);
    }
}

/// What moving through the story changes: the chapter, the playhead and the selection.
#[derive(Clone, Copy)]
pub struct Story {
    runs: Runs,
    playback: Playback,
    presentation: Presentation,
    selection: Selection,
    predictions: Predictions,
}

impl Story {
    /// The story of the page's contexts.
    pub fn here() -> Self {
        Story {
            runs: expect_context(),
            playback: expect_context(),
            presentation: expect_context(),
            selection: expect_context(),
            predictions: expect_context(),
        }
    }

    /// The chapter on screen asks the room a question it has not yet seen answered (tracked):
    /// its narration, callouts and mechanism view wait for the next click.
    pub fn asking(&self) -> Option<usize> {
        let InForce::At(i) = self.in_force() else {
            return None;
        };
        let asks = self
            .runs
            .with_scenario(|s| s.file.chapters.get(i).is_some_and(|c| c.question.is_some()));
        (asks && self.predictions.revealed.get() != Some(i)).then_some(i)
    }

    /// The chapters (first and last, from 0) the story may go to: all of them, or those inside
    /// an embed's range (none if it holds no chapter).
    fn chapters(&self) -> Option<(usize, usize)> {
        let n = self.runs.with_scenario(|s| s.file.chapters.len());
        match self.presentation.range() {
            Some((_, span)) => span.chapters,
            None => n.checked_sub(1).map(|last| (0, last)),
        }
    }

    /// Go to chapter `i` (clamped): its instant and its narration; its node is lit on the map
    /// (`Selection::focus`) and any inspector is closed, so nothing covers the picture. In an
    /// embed's range, a chapter outside it is not gone to.
    pub fn go_to(&self, i: usize) {
        let Some((first, last)) = self.chapters() else {
            return;
        };
        if self.presentation.is_confined() && !(first..=last).contains(&i) {
            return;
        }
        let target = self.runs.with_scenario(|s| {
            let i = i.min(last);
            let c = &s.file.chapters[i];
            Some((i, s.at(&c.at).unwrap_or(SimTime::ZERO)))
        });
        if let Some((i, t)) = target {
            self.presentation.set_chapter(Some(i));
            self.playback.go_to(t);
            self.selection.select(None);
        }
    }

    /// Straight to the middle of the outage (the scenario's opening instant), out of the story.
    pub fn go_to_outage(&self) {
        let t = self.runs.with_scenario(|s| s.opening_instant());
        self.presentation.set_chapter(None);
        self.selection.select(None);
        self.playback.go_to(t);
    }

    /// Where the clock is in the story (tracked).
    pub fn in_force(&self) -> InForce {
        let Some(i) = self.presentation.chapter() else {
            return InForce::Off;
        };
        let t = self.playback.ms();
        // In an embed's range, a chapter after it is never in force (its moment may be the
        // range's end).
        let last = self.chapters().map_or(0, |(_, last)| last);
        self.runs.with_scenario(|s| {
            let at = |c: &outage_sim::scenario::Chapter| s.at(&c.at).map_or(0, |a| a.ms());
            if s.file.chapters.get(i).is_some_and(|c| at(c) == t) {
                return InForce::At(i);
            }
            InForce::After(
                s.file
                    .chapters
                    .iter()
                    .take(last + 1)
                    .rposition(|c| at(c) <= t),
            )
        })
    }

    /// The chapter the clock is at or has passed, while in the story (tracked).
    pub fn chapter_in_force(&self) -> Option<usize> {
        match self.in_force() {
            InForce::At(i) | InForce::After(Some(i)) => Some(i),
            InForce::Off | InForce::After(None) => None,
        }
    }

    /// The next or previous chapter from where the clock is; forward from the last chapter,
    /// the next outage's title card. In an embed's range, the range's first and last chapters
    /// are as far as it goes.
    pub fn step(&self, forward: bool) {
        // Predict, then see: the next click after a question reveals its answer.
        if let (true, Some(i)) = (forward, untrack(|| self.asking())) {
            self.predictions.revealed.set(Some(i));
            return;
        }
        let n = self.runs.with_scenario(|s| s.file.chapters.len());
        if let (true, Some((first, last))) = (self.presentation.is_confined(), self.chapters()) {
            let next = match untrack(|| self.in_force()) {
                InForce::Off | InForce::After(None) => first,
                // Past the range's last chapter there is nowhere further to go.
                InForce::At(i) | InForce::After(Some(i)) if forward && i >= last => return,
                InForce::At(i) | InForce::After(Some(i)) if forward => i + 1,
                InForce::At(i) => i.saturating_sub(1),
                InForce::After(Some(i)) => i,
            };
            return self.go_to(next.clamp(first, last));
        }
        if forward && untrack(|| self.in_force()) == InForce::At(n.saturating_sub(1)) {
            if let Some(next) = successor(self.runs, self.presentation) {
                return crate::address::open_outage(&next.id, self.presentation);
            }
            // The last outage of a lecture across outages: its closing chapter compares them.
            if self.presentation.lecture().is_some() {
                return self.presentation.comparison().set(true);
            }
        }
        let next = match (untrack(|| self.in_force()), forward) {
            (InForce::Off | InForce::After(None), _) => 0,
            (InForce::At(i), true) | (InForce::After(Some(i)), true) => {
                (i + 1).min(n.saturating_sub(1))
            }
            (InForce::At(i), false) => i.saturating_sub(1),
            // Back to the moment of the chapter the clock has passed.
            (InForce::After(Some(i)), false) => i,
        };
        self.go_to(next);
    }
}

/// A chapter's question: while asking, its choices (the room's pick marked; the next click,
/// Next chapter's, reveals); once revealed, the answer marked in words.
fn question(
    predictions: Predictions,
    chapter: usize,
    q: outage_sim::scenario::Question,
    asking: bool,
) -> impl IntoView {
    let guess = move || {
        predictions
            .guess
            .get()
            .and_then(|(c, g)| (c == chapter).then_some(g))
    };
    let choices = q
        .choices
        .iter()
        .enumerate()
        .map(|(k, text)| {
            let text = text.clone();
            if asking {
                view! {
                    <li><button type="button" aria-pressed=move || (guess() == Some(k)).to_string()
                        on:click=move |_| predictions.guess.set(Some((chapter, k)))>{text}</button></li>
                }
                .into_any()
            } else {
                let right = k == q.answer;
                let mark = match (right, guess() == Some(k)) {
                    (true, true) => "✓ the answer, and the room's",
                    (true, false) => "✓ the answer",
                    (false, true) => "✗ the room's guess",
                    (false, false) => "",
                };
                view! { <li class:answer=right>{text}" "<strong>{mark}</strong></li> }.into_any()
            }
        })
        .collect_view();
    view! {
        <div class="question" class:revealed=!asking role="group" aria-label="Predict, then see">
            <p class="ask"><strong>"Predict: "</strong>{q.ask}</p>
            <ol class="choices">{choices}</ol>
        </div>
    }
}

/// The outage after the one on screen: in a lecture across outages the lecture's next (none
/// after its last), else the next in the order the build offers them.
pub fn successor(runs: Runs, presentation: Presentation) -> Option<outage_sim::scenario::Summary> {
    let here = runs.with_scenario(|s| s.id().to_string());
    let all = crate::builtin::catalogue();
    if let Some(l) = presentation.lecture() {
        let i = l.ids.iter().position(|id| *id == here)?;
        let next = l.ids.get(i + 1)?;
        return all.into_iter().find(|o| o.id == *next);
    }
    let i = all.iter().position(|o| o.id == here)?;
    all.into_iter().nth(i + 1)
}

/// Where Next leads from an outage's last chapter.
#[derive(Clone, Debug)]
pub enum AfterLast {
    /// The next outage's title card (its title).
    Outage(String),
    /// The chapter that compares a lecture's outages, after its last outage.
    Comparison,
    /// Nowhere: the last outage, or the end of an embed's range, which leads to no other.
    End,
}

impl AfterLast {
    pub fn of(runs: Runs, presentation: Presentation) -> AfterLast {
        if presentation.is_confined() {
            return AfterLast::End;
        }
        match successor(runs, presentation) {
            Some(o) => AfterLast::Outage(o.title),
            None if presentation.lecture().is_some() => AfterLast::Comparison,
            None => AfterLast::End,
        }
    }

    /// Whether Next leads anywhere from the last chapter.
    pub fn leads_on(&self) -> bool {
        !matches!(self, AfterLast::End)
    }

    /// What the Next button says: the answer first if the room is asked, then where the last
    /// chapter leads.
    pub fn next_label(&self, asking: bool, at_last: bool) -> &'static str {
        match (asking, at_last, self) {
            (true, _, _) => "Reveal the answer ▶",
            (false, true, AfterLast::Comparison) => "Comparison ▶",
            (false, true, AfterLast::Outage(_)) => "Next outage ▶",
            _ => "Next chapter ▶",
        }
    }
}

/// A chapter's source tags as chips a room can read, each opening its entry in Sources.
fn tag_chips(runs: Runs, tags: &[String]) -> impl IntoView {
    let chips = tags
        .iter()
        .map(|t| {
            let label = runs.with_scenario(|s| {
                s.tag_meaning(t)
                    .map(|m| m.label.clone())
                    .unwrap_or_default()
            });
            let tag = t.clone();
            let title = format!("What [{t}] means, and the documents behind it");
            view! {
                <button type="button" class="tag-chip" data-tag=t.clone() title=title on:click=move |_| sources::show_tag(&tag)>
                    <span class="tag">{format!("[{t}]")}</span>" "{label}
                </button>
            }
        })
        .collect_view();
    view! { <p class="chapter-tags"><span class="muted">"Sources: "</span>{chips}</p> }
}

/// Where the clock is in the story: the chapter on screen while the playhead is at its moment;
/// once the playhead has left it (playing, scrubbing, stepping), the last chapter whose moment
/// has passed, or none before the first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum InForce {
    /// Out of the story (no chapter chosen).
    Off,
    /// The playhead is at chapter `i`'s moment.
    At(usize),
    /// The playhead has moved on past chapter `i`'s moment (`None`: before the first chapter).
    After(Option<usize>),
}

#[component]
pub fn Chapters() -> impl IntoView {
    let (runs, playback, presentation) = (Runs::here(), Playback::here(), Presentation::here());
    let computation = Computation::here();
    let story = Story::here();
    let count = runs.with_scenario(|s| s.file.chapters.len());
    let title = runs.with_scenario(|s| s.file.title.clone());
    // Redrawn when the clock enters or leaves a chapter's moment, not at every instant.
    let force = Memo::new(move |_| story.in_force());
    // An embed's range holds some chapters, and leads to no other outage.
    let held = presentation
        .range()
        .map(|(_, span)| span.chapters.unwrap_or((0, 0)));
    // At the last chapter the next step is the next outage's title card (or nothing); at the
    // last of an embed's range, nothing.
    let at_last = move || match (held, force.get()) {
        (Some((_, last)), InForce::At(i) | InForce::After(Some(i))) => i >= last,
        (Some(_), _) => false,
        (None, f) => f == InForce::At(count.saturating_sub(1)),
    };
    let after = AfterLast::of(runs, presentation);
    let has_next = after.leads_on();
    // Short on screen (the caption bar's column stays narrow), the outage named to a screen
    // reader and in the tooltip.
    let next_label = {
        let after = after.clone();
        move || after.next_label(story.asking().is_some(), at_last())
    };
    let next_name = move || match (&after, at_last()) {
        (AfterLast::Comparison, true) => {
            Some("Next ▶: the comparison of the lecture's outages".to_string())
        }
        (AfterLast::Outage(t), true) => Some(format!("Next outage ▶: {t}")),
        _ => None,
    };
    let body = move || {
        let Some(i) = presentation.chapter() else {
            // On stage the caption bar is never empty: without a chapter it names the outage
            // and how to start the story. (Elsewhere the line beside the buttons says so.)
            return Some(
                view! {
                    <p class="narration stage-only">
                        <strong>{title.clone()}</strong>
                        {format!(": {count} chapters tell the story. Next chapter or PageDown starts it; ? lists every key.")}
                    </p>
                }
                .into_any(),
            );
        };
        if let InForce::After(passed) = force.get() {
            // Never the text of another moment: which chapter the clock has passed, and
            // the way back to it.
            // The moment of the chapter passed: the clock may stand exactly on it (a scrub, a
            // step), and then the caption says so rather than that the clock moved on.
            let (heading, back, moment) = runs.with_scenario(|s| match passed {
                Some(j) => {
                    let c = &s.file.chapters[j];
                    let at = s.at(&c.at).unwrap_or(SimTime::ZERO);
                    (
                        (
                            format!("After chapter {} of {count}: {}", j + 1, c.title),
                            format!("Chapter {} of {count}: {}", j + 1, c.title),
                        ),
                        format!(
                            "Show chapter {} · {} {}",
                            j + 1,
                            s.clock(at),
                            s.file.timezone
                        ),
                        Some(at.ms()),
                    )
                }
                None => {
                    let first = held.map_or(0, |(first, _)| first) + 1;
                    let before = format!("Before chapter {first}");
                    (
                        (before.clone(), before),
                        format!("Go to chapter {first}"),
                        None,
                    )
                }
            });
            let target = passed.or(held.map(|(first, _)| first)).unwrap_or(0);
            let on_it = move || moment == Some(playback.ms());
            let (after, at_it) = heading;
            return Some(
                view! {
                    <h2>{move || if on_it() { at_it.clone() } else { after.clone() }}</h2>
                    <p class="narration off-moment">
                        {move || if on_it() {
                            "The clock is at this chapter's moment. ".to_string()
                        } else {
                            format!("The clock has moved on to {}; the narration belongs to the chapter's moment. ", playback.clock(playback.now()))
                        }}
                        <button type="button" class="link-like" on:click=move |_| story.go_to(target)>{back}</button>
                    </p>
                }
                .into_any(),
            );
        }
        let broken = crate::whatif::broken_claims(runs, i);
        runs.with_scenario(|s| {
            let c = s.file.chapters.get(i)?;
            let at = s.at(&c.at).unwrap_or(SimTime::ZERO);
            let heading = format!(
                "Chapter {} of {}: {} · {} {}",
                i + 1,
                s.file.chapters.len(),
                c.title,
                s.clock(at),
                s.file.timezone
            );
            let narration = c.narration.clone();
            let tags = c.tags.clone();
            if let Some(q) = c.question.clone() {
                let asking = story.asking() == Some(i);
                let block = question(story.predictions, i, q, asking);
                if asking {
                    return Some(view! { <h2>{heading}</h2>{block} }.into_any());
                }
                return Some(
                    view! {
                        <h2>{heading}</h2>
                        {block}
                        <p class="narration">{narration}</p>
                        {tag_chips(runs, &tags)}
                    }
                    .into_any(),
                );
            }
            // In a what-if the narration may no longer be true of the map: it says so, and
            // offers the incident back.
            let caveat = (!broken.is_empty()).then(|| {
                view! {
                    <p class="claims-broken" role="note">
                        <strong>"Not in this what-if: "</strong>{broken.join("; ")}". "
                        <button type="button" class="link-like" on:click=move |_| computation.as_it_happened()>"Show the incident as it happened"</button>
                    </p>
                }
            });
            Some(
                view! {
                    <h2>{heading}</h2>
                    <p class="narration">{narration}</p>
                    {caveat}
                    {tag_chips(runs, &tags)}
                }
                .into_any(),
            )
        })
    };
    // On stage the map takes the height the caption bar leaves it: a long narration with its
    // sources grows the bar (up to a limit) instead of being cut at the bottom of the screen.
    let section = NodeRef::<leptos::html::Section>::new();
    crate::size::watch_size(section, |_, h| {
        crate::size::set_root_px("--stage-caption", h)
    });
    view! {
        <section class="panel chapters" aria-label="Lecture" node_ref=section>
            <div class="chapter-nav">
                <button type="button" on:click=move |_| story.step(false)>"◀ Previous chapter"</button>
                <button type="button" on:click=move |_| story.step(true) disabled=move || at_last() && !has_next aria-label=next_name.clone() title=next_name>{next_label}</button>
                <span class="muted">{move || match (presentation.chapter(), held) {
                    (None, Some((a, b))) => format!("This embed holds chapters {} to {} of {count}: Next chapter or PageDown.", a + 1, b + 1),
                    (None, None) => format!("{count} chapters tell the story: Next chapter or PageDown. ? lists every key."),
                    _ => String::new(),
                }}</span>
            </div>
            {body}
        </section>
    }
}

/// What a fresh page shows first: the story's title over its first chapter, one obvious way in
/// (Start) and one key to the middle of the outage. A modal dialog: Tab stays in it, Escape
/// closes it.
#[component]
pub fn TitleCard() -> impl IntoView {
    let (runs, presentation) = (Runs::here(), Presentation::here());
    let story = Story::here();
    // An embed's range leads nowhere else: no card, and none of its links to other outages.
    if presentation.is_confined() {
        return ().into_any();
    }
    let Some(card) = runs.with_scenario(outage_sim::presentation::card::TitleCard::of) else {
        return ().into_any();
    };
    let label = card.label();
    let outage_sim::presentation::card::TitleCard {
        chapter_index: i,
        title,
        subtitle,
        when,
        chapter,
        narration,
        tags,
        jump: outage,
    } = card;
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    presentation.title_card().opens_modal(dialog);
    let start = move |_| {
        story.go_to(i);
        presentation.title_card().set(false);
    };
    let outage_now = move |_| {
        presentation.title_card().set(false);
        story.go_to_outage();
    };
    let here = runs.with_scenario(|s| s.id().to_string());
    // In a lecture across outages the card says where in it this outage is; otherwise it
    // offers one: every outage, oldest first.
    let lecture = presentation.lecture();
    let kicker = match &lecture {
        Some(l) => format!(
            "Outage Explorer · a lecture across outages: {} of {}",
            l.ids.iter().position(|id| *id == here).map_or(0, |i| i + 1),
            l.ids.len()
        ),
        None => outage_sim::presentation::card::KICKER.to_string(),
    };
    let ids: Vec<String> = crate::builtin::catalogue()
        .into_iter()
        .map(|o| o.id)
        .collect();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let offer = lecture
        .is_none()
        .then(|| outage_sim::presentation::card::LectureOffer::of(&id_refs))
        .flatten();
    let start_lecture = offer.map(|o| {
        let outage_sim::presentation::card::LectureOffer {
            lecture: all,
            first,
            text,
            title,
        } = o;
        view! {
            <button type="button" class="secondary" title=title on:click=move |_| {
                crate::address::open_in_lecture(&first, Some(&all), presentation);
            }>{text}</button>
        }
    });
    // Every outage the build carries; the one on screen is named, the others open by link.
    let outages = crate::builtin::catalogue()
        .into_iter()
        .map(|o| {
            let line = format!("{}: {}", o.title, o.subtitle);
            if o.id == here {
                view! { <span class="this-outage" aria-current="true">{o.title}" (shown)"</span>" " }
                    .into_any()
            } else {
                let theme = presentation.theme_untracked().map(|t| format!("&theme={t}")).unwrap_or_default();
                // "./#…", as the card the server sent (`crates/site`): not read as a skip link.
                view! { <a href=format!("./#v=1&scenario={}{theme}", o.id) title=line.clone()>{o.title}</a>" " }
                    .into_any()
            }
        })
        .collect_view();
    view! {
        <dialog
            node_ref=dialog
            class="title-card"
            role="dialog"
            aria-label=label
            on:close=move |_| presentation.title_card().set(false)
        >
            <p class="kicker">{kicker}</p>
            <h2>{title}</h2>
            <p class="subtitle">{subtitle}</p>
            <p class="when">{when}</p>
            <section class="first-chapter" aria-label="The first chapter">
                <h3>{chapter}</h3>
                <p>{narration}</p>
                <p class="muted">"Sources: "{tags}</p>
            </section>
            <nav class="outages" aria-label="Outages">
                "Outages: "
                {outages}
            </nav>
            <div class="card-actions">
                <button type="button" class="start" autofocus on:click=start>"Start"</button>
                <button type="button" class="secondary" on:click=outage_now>{outage}</button>
                {start_lecture}
            </div>
            <p class="muted keys">
                <kbd>"PageDown"</kbd>" next chapter · "<kbd>"o"</kbd>" the outage · "<kbd>"n"</kbd>" the next outage · "<kbd>"?"</kbd>" every key"
            </p>
        </dialog>
    }
    .into_any()
}
