//! The page's keys: what a presenter's clicker and a keyboard send (chapters, play, events,
//! full screen), and the list `?` shows.

use crate::lecture::{go_to, go_to_outage, step};
use crate::Explorer;
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
    ("f", "Full screen"),
    ("?", "Show or hide this list"),
    (
        "Escape",
        "Close this list, the title card, or the inspector",
    ),
    ("Tab, then Enter", "Select a node on the map"),
];

/// Global keys. Keys typed into a control (the slider, a list, a button) stay with it.
pub fn install_keys(
    ex: Explorer,
    help: RwSignal<bool>,
    card: RwSignal<bool>,
    jump: impl Fn(bool) + 'static,
) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let in_control = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .map(|el| {
                matches!(
                    el.tag_name().to_ascii_lowercase().as_str(),
                    "input" | "select" | "textarea" | "button"
                ) || el.get_attribute("role").as_deref() == Some("button")
            })
            .unwrap_or(false);
        // Letters and digits typed into a field (a parameter's value) stay there.
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
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
        // The title card is modal: what a clicker or a keyboard sends there starts the story,
        // opens the outage or picks a chapter; nothing reaches the page behind it.
        if card.get_untracked() {
            let handled = match key.as_str() {
                "Escape" | "PageDown" => {
                    card.set(false);
                    true
                }
                "o" | "O" => {
                    card.set(false);
                    go_to_outage(ex);
                    true
                }
                k if k.len() == 1 && ("1"..="9").contains(&k) => {
                    card.set(false);
                    go_to(ex, k.parse::<usize>().unwrap_or(1) - 1);
                    true
                }
                _ => false,
            };
            if handled {
                ev.prevent_default();
            }
            return;
        }
        let handled = match key.as_str() {
            "o" | "O" if !typing => {
                go_to_outage(ex);
                true
            }
            " " | "." if !in_control || key == "." => {
                ex.playing.update(|p| *p = !*p);
                true
            }
            "ArrowRight" if !in_control => {
                jump(true);
                true
            }
            "ArrowLeft" if !in_control => {
                jump(false);
                true
            }
            "PageDown" => {
                step(ex, true);
                true
            }
            "PageUp" => {
                step(ex, false);
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
                help.update(|h| *h = !*h);
                true
            }
            "Escape" if help.get_untracked() => {
                help.set(false);
                true
            }
            "Escape" if ex.selected.get_untracked().is_some() => {
                ex.selected.set(None);
                true
            }
            k if !typing && k.len() == 1 && ("1"..="9").contains(&k) => {
                go_to(ex, k.parse::<usize>().unwrap_or(1) - 1);
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
pub fn Help(open: RwSignal<bool>) -> impl IntoView {
    view! {
        <Show when=move || open.get()>
            <div class="help" role="dialog" aria-label="Keyboard shortcuts" aria-modal="false">
                <h2>"Keyboard shortcuts"</h2>
                <dl>
                    {SHORTCUTS.iter().map(|(k, what)| view! { <dt><kbd>{*k}</kbd></dt><dd>{*what}</dd> }).collect_view()}
                </dl>
                <button type="button" on:click=move |_| open.set(false)>"Close"</button>
            </div>
        </Show>
    }
}
