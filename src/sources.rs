//! Sources: what each source tag means and the documents behind the story, the operator's own
//! summary first, so a room can see where every claim comes from. All of it is scenario data.

use crate::runs::Runs;
use leptos::prelude::*;

#[component]
pub fn Sources() -> impl IntoView {
    let runs = Runs::here();
    let (tags, documents) = runs.with_scenario(|s| {
        (
            s.file.sources.tags.clone(),
            s.file.sources.documents.clone(),
        )
    });
    if tags.is_empty() && documents.is_empty() {
        return ().into_any();
    }
    let tags = tags
        .into_iter()
        .map(|t| {
            view! {
                <dt id=format!("source-tag-{}", t.tag) tabindex="-1">
                    <span class="tag">{format!("[{}]", t.tag)}</span>" "{t.label}
                </dt>
                <dd>{t.meaning}</dd>
            }
        })
        .collect_view();
    let documents = documents
        .into_iter()
        .map(|d| {
            let cited = d
                .tags
                .iter()
                .map(|t| format!("[{t}]"))
                .collect::<Vec<_>>()
                .join(" ");
            let address = match d.address {
                Some(a) => {
                    let href = a.clone();
                    view! { <a href=href rel="noopener noreferrer" target="_blank">{a}</a> }
                        .into_any()
                }
                None => {
                    let why = d.no_address.unwrap_or_else(|| "no address recorded".into());
                    view! { <span class="muted">"No address: "{why}</span> }.into_any()
                }
            };
            view! {
                <li data-tags=d.tags.join(" ")>
                    <cite>{d.title}</cite>
                    <span class="doc-kind">{d.kind}" "<span class="tag">{cited}</span></span>
                    <span class="address">{address}</span>
                    <span class="supports">{d.supports}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel sources" id="sources" aria-label="Sources">
            <details id="sources-details">
                <summary>"Sources"</summary>
                <p class="muted">"Every fact in the story carries a tag saying how well it is supported."</p>
                <h3>"What the tags mean"</h3>
                <dl class="tag-meanings">{tags}</dl>
                <h3>"The documents"</h3>
                <ol class="documents">{documents}</ol>
            </details>
        </section>
    }
    .into_any()
}

/// Open Sources at a tag's meaning and mark the documents that carry it: what a chapter's tag
/// chip does. Focus moves there, so a keyboard continues from the entry it asked for.
pub fn show_tag(tag: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // On stage the side panels are closed overlays: open them the way the person would.
    if let Some(toggle) = doc
        .query_selector(".panels-toggle[aria-expanded=\"false\"]")
        .ok()
        .flatten()
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        .filter(|e| e.offset_parent().is_some())
    {
        toggle.click();
        // The panels appear on the next update: reveal the entry once they are there.
        let tag = tag.to_string();
        set_timeout(move || reveal(&tag), std::time::Duration::ZERO);
        return;
    }
    reveal(tag);
}

fn reveal(tag: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(details) = doc.get_element_by_id("sources-details") {
        let _ = details.set_attribute("open", "");
        if let Ok(items) = details.query_selector_all(".documents li") {
            for i in 0..items.length() {
                let Some(li) = items
                    .item(i)
                    .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
                else {
                    continue;
                };
                let carries = li
                    .get_attribute("data-tags")
                    .is_some_and(|ts| ts.split(' ').any(|t| t == tag));
                let _ = li.class_list().toggle_with_force("cited", carries);
            }
        }
    }
    if let Some(entry) = doc
        .get_element_by_id(&format!("source-tag-{tag}"))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        entry.scroll_into_view();
        let _ = entry.focus();
    }
}
