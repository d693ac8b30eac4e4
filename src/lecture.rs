//! Lecture mode: chapters that tell the story step by step (each sets the playhead and the
//! selection and shows sourced narration), and the keys a presenter's clicker sends.

use crate::Explorer;
use leptos::prelude::*;
use outage_sim::{Service, SimTime};

/// Go to chapter `i` (clamped): its instant, its node, its narration.
pub fn go_to(ex: Explorer, i: usize) {
    let target = ex.scenario.with_value(|s| {
        let n = s.file.chapters.len();
        if n == 0 {
            return None;
        }
        let i = i.min(n - 1);
        let c = &s.file.chapters[i];
        Some((
            i,
            s.at(&c.at).unwrap_or(SimTime::ZERO),
            Service::parse(&c.node),
        ))
    });
    if let Some((i, t, node)) = target {
        ex.playing.set(false);
        ex.chapter.set(Some(i));
        ex.playhead.set(t.ms());
        ex.selected.set(node);
    }
}

fn step(ex: Explorer, forward: bool) {
    let n = ex.scenario.with_value(|s| s.file.chapters.len());
    let next = match (ex.chapter.get_untracked(), forward) {
        (None, _) => 0,
        (Some(i), true) => (i + 1).min(n.saturating_sub(1)),
        (Some(i), false) => i.saturating_sub(1),
    };
    go_to(ex, next);
}

#[component]
pub fn Chapters() -> impl IntoView {
    let ex = expect_context::<Explorer>();
    let count = ex.scenario.with_value(|s| s.file.chapters.len());
    let body = move || {
        ex.chapter.get().and_then(|i| {
            ex.scenario.with_value(|s| {
                let c = s.file.chapters.get(i)?;
                let heading = format!("Chapter {} of {}: {}", i + 1, s.file.chapters.len(), c.title);
                let narration = c.narration.clone();
                let tag = format!("[{}]", c.tag);
                Some(view! {
                    <h2>{heading}</h2>
                    <p>{narration}" "<span class="tag" title="Source tag (see the reference)">{tag}</span></p>
                })
            })
        })
    };
    view! {
        <section class="panel chapters" aria-label="Lecture">
            <div class="chapter-nav">
                <button type="button" on:click=move |_| step(ex, false)>"◀ Previous chapter"</button>
                <button type="button" on:click=move |_| step(ex, true)>"Next chapter ▶"</button>
                <span class="muted">{move || if ex.chapter.get().is_none() { format!("{count} chapters tell the story: Next chapter or PageDown. ? lists every key.") } else { String::new() }}</span>
            </div>
            {body}
        </section>
    }
}

const SHORTCUTS: &[(&str, &str)] = &[
    ("Space or .", "Play / Pause"),
    ("← / →", "Previous / next event"),
    (
        "PageUp / PageDown",
        "Previous / next chapter (what clickers send)",
    ),
    ("1 – 9", "Jump to that chapter"),
    ("f", "Full screen"),
    ("?", "Show or hide this list"),
    ("Escape", "Close this list, or close the inspector"),
    ("Tab, then Enter", "Select a node on the map"),
];

/// Global keys. Keys typed into a control (the slider, a list, a button) stay with it.
pub fn install_keys(ex: Explorer, help: RwSignal<bool>, jump: impl Fn(bool) + 'static) {
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
        let key = ev.key();
        let handled = match key.as_str() {
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
            k if k.len() == 1 && ("1"..="9").contains(&k) => {
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
