//! Taking it out: the map at the playhead as SVG (the map on screen with the styles that draw it
//! written into it, since the page's style sheets do not travel with a file) and as PNG (that
//! SVG drawn at twice its size), and tables as CSV. Every file is made in the page and saved
//! through a download link to it: nothing is sent anywhere.

use crate::playback::Playback;
use crate::presentation::Presentation;
use crate::runs::Runs;
use leptos::prelude::*;
use outage_sim::SimTime;
use wasm_bindgen::JsCast;
use web_sys::{Blob, Element, Url};

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// What the map's style sheets set, written on each element of the file.
const STYLES: &[&str] = &[
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "display",
    "font-family",
    "font-size",
    "font-weight",
    "text-anchor",
    "paint-order",
];

fn blob(text: &str, mime: &str) -> Option<Blob> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&text.into()), &options).ok()
}

/// Save `blob` as `name`: a link to it, clicked, let go of a minute later (the download has
/// long taken the file by then).
fn save(blob: &Blob, name: &str) -> Option<()> {
    let url = Url::create_object_url_with_blob(blob).ok()?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a").ok()?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Some(())
}

/// Save `text` as a file `name` of type `mime`.
pub fn save_text(text: &str, mime: &str, name: &str) -> Option<()> {
    save(&blob(text, mime)?, name)
}

/// The map on screen as a standalone SVG document titled `title`, and its size (whole map
/// units, its viewBox's): each element carries its computed style, the requests in flight are left out (a
/// file shows a moment, not traffic), and the map's background is painted under it.
fn map_svg(title: &str) -> Option<(String, i32, i32)> {
    let window = web_sys::window()?;
    let live = document().query_selector("svg.graph").ok()??;
    let copy: Element = live.clone_node_with_deep(true).ok()?.unchecked_into();
    let style = |from: &Element, to: &Element| {
        if let Ok(Some(computed)) = window.get_computed_style(from) {
            let mut s = String::new();
            for p in STYLES {
                let v = computed.get_property_value(p).unwrap_or_default();
                if !v.is_empty() {
                    s.push_str(&format!("{p}:{v};"));
                }
            }
            let _ = to.set_attribute("style", &s);
        }
    };
    style(&live, &copy);
    let (all, copies) = (
        live.query_selector_all("*").ok()?,
        copy.query_selector_all("*").ok()?,
    );
    for i in 0..all.length() {
        if let (Some(a), Some(b)) = (all.item(i), copies.item(i)) {
            style(a.unchecked_ref(), b.unchecked_ref());
        }
    }
    let particles = copy.query_selector_all(".particles").ok()?;
    for i in 0..particles.length() {
        if let Some(p) = particles.item(i) {
            p.unchecked_into::<Element>().remove();
        }
    }
    let view_box = live.get_attribute("viewBox")?;
    // Whole numbers: the map's layout is in whole units (and a float parser would weigh more
    // than this whole file).
    let mut numbers = view_box.split(' ').filter_map(|n| n.parse::<i32>().ok());
    let (x, y, w, h) = (
        numbers.next()?,
        numbers.next()?,
        numbers.next()?,
        numbers.next()?,
    );
    let _ = copy.set_attribute("width", &w.to_string());
    let _ = copy.set_attribute("height", &h.to_string());
    // The first background of the map's boxes that is not transparent.
    let mut background = String::from("#ffffff");
    let mut at = live.parent_element();
    while let Some(e) = at {
        let c = window
            .get_computed_style(&e)
            .ok()
            .flatten()
            .and_then(|s| s.get_property_value("background-color").ok())
            .unwrap_or_default();
        if !c.is_empty() && c != "transparent" && !c.ends_with(", 0)") {
            background = c;
            break;
        }
        at = e.parent_element();
    }
    let rect = document().create_element_ns(Some(SVG_NS), "rect").ok()?;
    for (k, v) in [("x", x), ("y", y), ("width", w), ("height", h)] {
        let _ = rect.set_attribute(k, &v.to_string());
    }
    let _ = rect.set_attribute("fill", &background);
    let named = document().create_element_ns(Some(SVG_NS), "title").ok()?;
    named.set_text_content(Some(title));
    copy.prepend_with_node_2(&named, &rect).ok()?;
    let text = web_sys::XmlSerializer::new()
        .ok()?
        .serialize_to_string(&copy)
        .ok()?;
    Some((
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n"),
        w,
        h,
    ))
}

/// `svg` (`w` × `h`) drawn at twice its size and saved as the PNG `name`; false if the browser
/// could not draw it.
async fn save_png(svg: String, w: i32, h: i32, name: String) -> bool {
    let drawn = async {
        let url = Url::create_object_url_with_blob(&blob(&svg, "image/svg+xml")?).ok()?;
        let image = web_sys::HtmlImageElement::new().ok()?;
        image.set_src(&url);
        let decoded = wasm_bindgen_futures::JsFuture::from(image.decode()).await;
        let _ = Url::revoke_object_url(&url);
        decoded.ok()?;
        let canvas: web_sys::HtmlCanvasElement =
            document().create_element("canvas").ok()?.unchecked_into();
        canvas.set_width(2 * w.unsigned_abs());
        canvas.set_height(2 * h.unsigned_abs());
        let context: web_sys::CanvasRenderingContext2d =
            canvas.get_context("2d").ok()??.unchecked_into();
        context
            .draw_image_with_html_image_element_and_dw_and_dh(
                &image,
                0.0,
                0.0,
                f64::from(2 * w),
                f64::from(2 * h),
            )
            .ok()?;
        // The canvas hands its PNG to a callback: the promise's own resolve.
        let mut encode = |resolve: js_sys::Function, _| {
            let _ = canvas.to_blob(&resolve);
        };
        let png = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::new(&mut encode)).await;
        let png: Blob = png.ok()?.dyn_into().ok()?;
        save(&png, &name)
    };
    drawn.await.is_some()
}

/// What the file says it shows: the outage, the run (its digest: the same run is the same
/// digest anywhere) and the moment.
fn title(runs: Runs, t: SimTime) -> String {
    runs.with_untracked(|r| {
        runs.with_scenario(|s| {
            format!(
                "{}: {}. Run {}, at {} {} ({})",
                s.file.title,
                s.file.subtitle,
                r.digest(),
                s.clock_seconds(t),
                s.file.timezone,
                s.iso_utc(t)
            )
        })
    })
}

/// Download the map at the playhead as SVG or (`png`) as PNG, named by the outage and the
/// moment in UTC, e.g. `aws-2025-10-us-east-1-2025-10-20T0930Z-map.svg`.
fn download_map(runs: Runs, playback: Playback, presentation: Presentation, png: bool) {
    let t = playback.now_untracked();
    let name = runs.with_scenario(|s| {
        let ext = if png { "png" } else { "svg" };
        format!("{}-{}-map.{ext}", s.id(), s.epoch.add(t).utc_stamp())
    });
    let made = map_svg(&title(runs, t));
    leptos::task::spawn_local(async move {
        let saved = match made {
            Some((svg, w, h)) if png => save_png(svg, w, h, name.clone()).await,
            Some((svg, ..)) => save_text(&svg, "image/svg+xml", &name).is_some(),
            None => false,
        };
        presentation.say(if saved {
            format!("Map saved as {name}.")
        } else {
            "The map could not be saved here.".into()
        });
    });
}

/// The buttons, in the page's own words: one handler for both (the menu is static).
const MENU: &str = r#"<summary>Download</summary><div class="menu"><button type="button" data-format="svg">Download map as SVG</button><button type="button" data-format="png">Download map as PNG</button></div>"#;

/// The map's downloads, under a disclosure beside the run's Undo and Redo. Until the run is on
/// screen (every node says "computing…", and the run's progress is shown instead) the style
/// sheet leaves the disclosure out.
#[component]
pub fn MapDownloads() -> impl IntoView {
    let (runs, playback, presentation) = (Runs::here(), Playback::here(), Presentation::here());
    let chosen = move |ev: leptos::ev::MouseEvent| {
        let format = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.get_attribute("data-format"));
        if let Some(f) = format {
            download_map(runs, playback, presentation, f == "png");
        }
    };
    view! { <details class="downloads" on:click=chosen inner_html=MENU></details> }
}
