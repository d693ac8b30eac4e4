//! Elements' rendered sizes, watched: what lays itself out by the room it is given (the strip,
//! the charts, the map's callouts, the stage's docked bars), and whether the screen is a phone's.

use leptos::prelude::*;

/// Keep `width` equal to the element's rendered width in CSS px, also when the layout changes
/// without the window resizing (the inspector opening beside the map).
pub(crate) fn observe_width(node: NodeRef<leptos::html::Div>, width: RwSignal<f64>) {
    watch_size(node, move |w, _| {
        if w > 0.0 && (w - width.get_untracked()).abs() >= 0.5 {
            width.set(w);
        }
    });
}

/// Once `node` is mounted, call `resized(width, height)` with its rendered size, and again
/// whenever that changes, for the life of the page (what is watched is never unmounted).
pub(crate) fn watch_size<E>(node: NodeRef<E>, resized: impl Fn(f64, f64) + Clone + 'static)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + Into<web_sys::Element> + 'static,
{
    use wasm_bindgen::{closure::Closure, JsCast};
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(el) = node.get() else {
            return false;
        };
        let el: web_sys::Element = el.into();
        let measure = {
            let (el, resized) = (el.clone(), resized.clone());
            move || {
                let r = el.get_bounding_client_rect();
                resized(r.width(), r.height());
            }
        };
        // No measuring now: reading a size here would force the whole page's first layout in
        // the middle of mounting it. The observer reports the size once laid out (an observed
        // element's first report), before that frame is painted.
        let callback = Closure::<dyn FnMut()>::new(measure);
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(&el);
            std::mem::forget(observer);
        }
        callback.forget();
        true
    });
}

/// Set a length in CSS px on the document's root, for the style sheet to lay out by (the
/// heights of the stage's docked bars).
pub(crate) fn set_root_px(name: &str, px: f64) {
    use wasm_bindgen::JsCast;
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let (Some(root), true) = (root, px > 0.0) {
        let _ = root.style().set_property(name, &format!("{}px", px.ceil()));
    }
}

/// A phone held upright, as the style sheets say it (`style/map.css`): the map in its portrait
/// layout at the screen's width, and no stage. A frame as narrow but wider than tall (an embed
/// on a course page) keeps the wide layout, which fills it.
const NARROW: &str = "(max-width: 700px) and (orientation: portrait)";

thread_local! {
    static NARROW_SCREEN: ArcRwSignal<bool> = watch_narrow();
}

fn watch_narrow() -> ArcRwSignal<bool> {
    use wasm_bindgen::{closure::Closure, JsCast};
    let narrow = ArcRwSignal::new(false);
    let Some(query) = web_sys::window().and_then(|w| w.match_media(NARROW).ok().flatten()) else {
        return narrow;
    };
    narrow.set(query.matches());
    // The closure holds the query, so the query (and its listener) lives as long as the page.
    let changed = Closure::<dyn FnMut()>::new({
        let (narrow, query) = (narrow.clone(), query.clone());
        move || narrow.set(query.matches())
    });
    query.set_onchange(Some(changed.as_ref().unchecked_ref()));
    changed.forget();
    narrow
}

/// Whether the screen is a phone held upright (tracked: a phone turned on its side changes it).
pub(crate) fn narrow() -> bool {
    NARROW_SCREEN.with(|n| n.get())
}

pub(crate) fn narrow_untracked() -> bool {
    NARROW_SCREEN.with(|n| n.get_untracked())
}
