//! The page's layout: which panels show where. The header, the notices, the map with the
//! timeline docked under it and the mechanism view and charts beside it, and the side panels.

use crate::about::About;
use crate::compute::{Computation, Computing};
use crate::event_log::EventLog;
use crate::lecture::Story;
use crate::playback::Playback;
use crate::presentation::{Presentation, Settled};
use crate::runs::Runs;
use crate::selection::Selection;
use crate::timebar::TimeBar;
use crate::{
    address, announce, challenges, charts, compare, inspector, keys, lecture, lesson, map,
    mechanism, parameters, reality, size, sources, strip, whatif,
};
use leptos::prelude::*;
use outage_sim::NodeRef;

#[component]
pub fn Page() -> impl IntoView {
    let (runs, playback) = (Runs::here(), Playback::here());
    let (selection, presentation) = (Selection::here(), Presentation::here());
    let computation = Computation::here();
    let story = Story::here();
    let address = address::Address::here();
    let (title, subtitle) = runs.with_scenario(|s| (s.file.title.clone(), s.file.subtitle.clone()));
    // Nodes drawn right of the map's middle: a panel about one of them opens on the left.
    let right_half: Vec<NodeRef> = runs.with_scenario(|s| {
        let layout = crate::layouts::of(s);
        layout
            .nodes
            .iter()
            .filter(|n| 2 * n.rect.x + n.rect.w > layout.width)
            .filter_map(|n| s.node(&n.id))
            .collect()
    });
    let panels = RwSignal::new(false);
    let dock = leptos::prelude::NodeRef::<leptos::html::Div>::new();
    size::watch_size(dock, |_, h| size::set_root_px("--stage-dock", h));
    // What comes after the first screen, each in its stage (see `Settled`).
    let stage = move |stage| move || presentation.settled_through(stage);
    // Undo and Redo are the browser's Back and Forward through the runs (see `history`).
    let undo = move |_| crate::history::back();
    let redo = move |_| crate::history::forward();
    view! {
        <header class="top">
            <h1>"Outage Explorer"</h1>
            <p>{title}": "{subtitle}</p>
            <OutagePicker />
            <button type="button" class="title-card-button" aria-keyshortcuts="t" on:click=move |_| presentation.title_card().set(true)>"Title card"</button>
            <button type="button" class="presenter-button" aria-keyshortcuts="p" on:click=move |_| crate::in_step::open_presenter(address.link_elsewhere(), presentation)>"Presenter view"</button>
            <button type="button" class="follow-button" aria-keyshortcuts="q" aria-pressed=move || presentation.follow_code().is_on().to_string() on:click=move |_| presentation.follow_code().toggle()>"QR code"</button>
            <label class="theme">
                <span class="label-word">"Theme "</span>
                <select on:change=move |ev| {
                    let v = event_target_value(&ev);
                    presentation.set_theme((v != "auto").then_some(v));
                }>
                    {["auto", "light", "dark", "presenter", "stage-dark"]
                        .into_iter()
                        .map(|t| {
                            let selected = presentation.theme_untracked().as_deref().unwrap_or("auto") == t;
                            // In a link the stage is `presenter`, the dark stage `stage-dark`.
                            let name = match t {
                                "presenter" => "stage",
                                "stage-dark" => "stage (dark)",
                                t => t,
                            };
                            view! { <option value=t selected=selected>{name}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            // On stage the side panels are overlays over the map, opened from here.
            <button type="button" class="panels-toggle" aria-expanded=move || panels.get().to_string() on:click=move |_| panels.update(|p| *p = !*p)>"Panels"</button>
            <span class="stage-clock" aria-hidden="true">{move || playback.clock(playback.now())}</span>
        </header>
        <LinkNotice />
        <address::NewLink />
        <keys::Help />
        <lecture::TitleCard />
        <lesson::LectureComparison />
        // The chapter is drawn with the map, not after it: what stands above the map never
        // pushes it down once it is on screen.
        <div class="lecture-row"><lecture::Chapters /></div>
        // While a node is inspected, a narrower screen makes room for the inspector beside the map;
        // a panel over the map opens on the side away from the node it is about.
        <main class:computing-run=move || computation.is_computing() aria-busy=move || (runs.with(|r| r.is_pending()) || !presentation.drawn_all_due()).to_string() class:inspecting=move || selection.selected().is_some() class:panels-open=move || panels.get() class:panels-left=move || selection.selected().is_some_and(|n| right_half.contains(&n)) class:with-mechanism=move || mechanism::beside_map(story, runs, presentation) class:asking=move || story.asking().is_some()>
            <section class="panel map" aria-label="Dependency map">
                // Drawn again in its other layout when a phone turns between upright and on
                // its side.
                {move || {
                    size::narrow();
                    view! { <map::Map /> }
                }}
                <crate::follow::FollowCode />
                // On stage the timeline is docked above the caption bar, always on screen: the map
                // takes the height the two leave it.
                <div class="timeline-dock" node_ref=dock>
                    <Show when=stage(Settled::Timeline)>
                        <whatif::Badge />
                        <compare::Comparison />
                        <TimeBar />
                        <announce::Announcer />
                    </Show>
                    <Show when=stage(Settled::Strip)>
                        <strip::Strip />
                    </Show>
                    <div class="forkbar">
                        <Computing />
                        <p class="status" role="status">{move || presentation.status()}</p>
                        <Show when=move || runs.can_undo()>
                            <button type="button" aria-keyshortcuts="Control+Z" on:click=undo>"Undo"</button>
                        </Show>
                        <Show when=move || runs.can_redo()>
                            <button type="button" aria-keyshortcuts="Control+Shift+Z" on:click=redo>"Redo"</button>
                        </Show>
                        <Show when=stage(Settled::Timeline)>
                            <compare::CompareButtons />
                            <crate::about::CopyLink />
                            <crate::export::MapDownloads />
                        </Show>
                    </div>
                </div>
                <Show when=stage(Settled::Mechanism)>
                    <mechanism::Mechanism />
                </Show>
                <Show when=stage(Settled::Charts)>
                    <charts::Charts />
                </Show>
            </section>
            <Show when=stage(Settled::Inspector)>
                <aside>
                    <inspector::Inspector />
                    <crate::opportunity::WindowOfOpportunity />
                    <Show when=stage(Settled::Log)>
                        <EventLog />
                    </Show>
                    <Show when=stage(Settled::Record)>
                        <About />
                        <challenges::Challenges />
                        <reality::Reality />
                    </Show>
                    <Show when=stage(Settled::Sources)>
                        <sources::Sources />
                    </Show>
                    <Show when=stage(Settled::Panels)>
                        <parameters::Parameters />
                    </Show>
                </aside>
            </Show>
        </main>
    }
}

/// What was wrong with the link the page was opened with, until dismissed.
#[component]
pub fn LinkNotice() -> impl IntoView {
    let presentation = Presentation::here();
    view! {
        <Show when=move || presentation.has_link_notice()>
            <div class="notice" role="alert">
                <p>{move || presentation.link_notice().unwrap_or_default()}</p>
                <button type="button" on:click=move |_| presentation.set_link_notice(None)>"Dismiss"</button>
            </div>
        </Show>
    }
}

/// Every outage the build carries, on every screen: choosing one opens its title card.
#[component]
fn OutagePicker() -> impl IntoView {
    let here = Runs::here().with_scenario(|s| s.id().to_string());
    let presentation = Presentation::here();
    let options = crate::builtin::catalogue()
        .into_iter()
        .map(|o| {
            let selected = o.id == here;
            view! { <option value=o.id selected=selected>{o.title}</option> }
        })
        .collect_view();
    view! {
        <label class="outage-picker">
            <span class="label-word">"Outage "</span>
            <select on:change=move |ev| address::open_outage(&event_target_value(&ev), presentation)>{options}</select>
        </label>
    }
}
