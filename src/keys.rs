//! The page's keys: what a presenter's clicker and a keyboard send (chapters, play, events,
//! full screen), and the list `?` shows.

use crate::lecture::Story;
use crate::playback::Playback;
use crate::presentation::Presentation;
use crate::runs::Runs;
use crate::selection::Selection;
use crate::timebar::jump_to_event;
use leptos::prelude::*;

const SHORTCUTS: &[(&str, &str)] = &[
    ("Space or .", "Play / Pause"),
    ("← / →", "Previous / next event"),
    (
        "PageUp / PageDown",
        "Previous / next chapter (what clickers send)",
    ),
    ("1 – 9", "Jump to that chapter"),
    ("o", "Jump into the outage (skip the story)"),
    ("t", "The title card"),
    ("n", "The next outage's title card"),
    (
        "PageUp / ← / Escape",
        "From a lecture's comparison, back to its last chapter",
    ),
    ("q", "Show or hide the QR code of this link"),
    (
        "p",
        "The presenter's view: notes and clocks in a second window, in step with this one",
    ),
    ("f", "Full screen"),
    (
        "Ctrl+Z / Ctrl+Shift+Z",
        "Undo / Redo a what-if (as Back / Forward)",
    ),
    ("?", "Show or hide this list"),
    (
        "Escape",
        "Close this list, the title card, the QR code, or the inspector",
    ),
    ("Tab, then Enter", "Select a node on the map"),
];

/// The element a key was typed into.
fn target(ev: &web_sys::KeyboardEvent) -> Option<web_sys::Element> {
    ev.target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
}

/// Global keys, for the life of the page (installed once, where the contexts are provided).
/// Keys typed into a control (the slider, a list, a button) stay with it.
pub fn install_keys() {
    let story = Story::here();
    let (runs, playback) = (Runs::here(), Playback::here());
    let (selection, presentation) = (Selection::here(), Presentation::here());
    let address = crate::address::Address::here();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() {
            // Undo and Redo of runs, unless a field is being edited (its own undo).
            let field = target(&ev).is_some_and(|el| {
                matches!(
                    el.tag_name().to_ascii_lowercase().as_str(),
                    "input" | "textarea"
                )
            });
            let key = ev.key().to_ascii_lowercase();
            let redo = (key == "z" && ev.shift_key()) || key == "y";
            if !field && !ev.alt_key() && (key == "z" || redo) {
                if redo && runs.can_redo() {
                    crate::history::forward();
                } else if !redo && runs.can_undo() {
                    crate::history::back();
                }
                ev.prevent_default();
            }
            return;
        }
        if ev.alt_key() {
            return;
        }
        let in_control = target(&ev)
            .map(|el| {
                matches!(
                    el.tag_name().to_ascii_lowercase().as_str(),
                    "input" | "select" | "textarea" | "button"
                ) || el.get_attribute("role").as_deref() == Some("button")
            })
            .unwrap_or(false);
        // Letters and digits typed into a field (a parameter's value) stay there.
        let typing = target(&ev)
            .map(|el| match el.tag_name().to_ascii_lowercase().as_str() {
                "textarea" | "select" => true,
                "input" => !matches!(
                    el.get_attribute("type").as_deref(),
                    Some("range" | "checkbox" | "radio" | "button")
                ),
                _ => false,
            })
            .unwrap_or(false);
        let key = ev.key();
        // An embed's range leads nowhere else: not to the title card, not to another outage.
        if presentation.is_confined() && matches!(key.as_str(), "t" | "T" | "n" | "N") {
            return;
        }
        // The title card is modal: what a clicker or a keyboard sends there starts the story,
        // opens the outage or picks a chapter; nothing reaches the page behind it.
        if presentation.title_card().is_on_untracked() {
            let handled = match key.as_str() {
                "Escape" | "PageDown" => {
                    presentation.title_card().set(false);
                    true
                }
                "o" | "O" => {
                    presentation.title_card().set(false);
                    story.go_to_outage();
                    true
                }
                "n" | "N" => {
                    if let Some(next) = crate::lecture::successor(runs, presentation) {
                        crate::address::open_outage(&next.id, presentation);
                    }
                    true
                }
                k if k.len() == 1 && ("1"..="9").contains(&k) => {
                    presentation.title_card().set(false);
                    story.go_to(k.parse::<usize>().unwrap_or(1) - 1);
                    true
                }
                _ => false,
            };
            if handled {
                ev.prevent_default();
            }
            return;
        }
        // So is the comparison that closes a lecture: what a clicker sends back leaves it.
        if presentation.comparison().is_on_untracked() {
            if matches!(key.as_str(), "PageUp" | "ArrowLeft" | "Escape") {
                let last = runs.with_scenario(|s| s.file.chapters.len().saturating_sub(1));
                crate::lesson::back_to_last_chapter(presentation, story, last);
                ev.prevent_default();
            }
            return;
        }
        let handled = match key.as_str() {
            "t" | "T" if !typing => {
                presentation.title_card().set(true);
                true
            }
            "q" | "Q" if !typing => {
                presentation.follow_code().toggle();
                true
            }
            "p" | "P" if !typing && !presentation.is_presenter() => {
                crate::in_step::open_presenter(address.link_elsewhere(), presentation);
                true
            }
            "n" | "N" if !typing => {
                if let Some(next) = crate::lecture::successor(runs, presentation) {
                    crate::address::open_outage(&next.id, presentation);
                }
                true
            }
            "o" | "O" if !typing => {
                story.go_to_outage();
                true
            }
            " " | "." if !in_control || key == "." => {
                playback.playing().toggle();
                true
            }
            "ArrowRight" if !in_control => {
                jump_to_event(playback, runs, true);
                true
            }
            "ArrowLeft" if !in_control => {
                jump_to_event(playback, runs, false);
                true
            }
            "PageDown" => {
                story.step(true);
                true
            }
            "PageUp" => {
                story.step(false);
                true
            }
            "f" | "F" => {
                if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                    if doc.fullscreen_element().is_some() {
                        doc.exit_fullscreen();
                    } else if let Some(root) = doc.document_element() {
                        let _ = root.request_fullscreen();
                    }
                }
                true
            }
            "?" => {
                presentation.help().toggle();
                true
            }
            "Escape" if presentation.help().is_on_untracked() => {
                presentation.help().set(false);
                true
            }
            "Escape" if presentation.follow_code().is_on_untracked() => {
                presentation.follow_code().set(false);
                true
            }
            "Escape" if selection.selected_untracked().is_some() => {
                selection.select(None);
                true
            }
            k if !typing && k.len() == 1 && ("1"..="9").contains(&k) => {
                story.go_to(k.parse::<usize>().unwrap_or(1) - 1);
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
}

#[component]
pub fn Help() -> impl IntoView {
    let presentation = Presentation::here();
    view! {
        <Show when=move || presentation.help().is_on()>
            <div class="help" role="dialog" aria-label="Keyboard shortcuts" aria-modal="false">
                <h2>"Keyboard shortcuts"</h2>
                <dl>
                    {SHORTCUTS.iter().map(|(k, what)| view! { <dt><kbd>{*k}</kbd></dt><dd>{*what}</dd> }).collect_view()}
                </dl>
                <button type="button" on:click=move |_| presentation.help().set(false)>"Close"</button>
            </div>
        </Show>
    }
}
