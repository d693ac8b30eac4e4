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

/// Once `node` is mounted, call `resized(width, height)` with its rendered size (its border
/// box), and again whenever that changes, for the life of the page (what is watched is never
/// unmounted).
pub(crate) fn watch_size<E>(node: NodeRef<E>, resized: impl Fn(f64, f64) + 'static)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + Into<web_sys::Element> + 'static,
{
    let resized = std::rc::Rc::new(resized) as Resized;
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(el) = node.get() else {
            return false;
        };
        SIZES.with(|sizes| sizes.watch(el.into(), resized.clone()));
        true
    });
}

type Resized = std::rc::Rc<dyn Fn(f64, f64)>;
/// The watched elements, each with what its size is for.
type Watched = std::rc::Rc<std::cell::RefCell<Vec<(web_sys::Element, Resized)>>>;

/// One observer for every watched element. Its reports come together, once laid out, before
/// the frame is painted, each with the size the layout gave: nothing here reads a size, since
/// reading one after another watcher has changed the page would lay the page out again.
struct Sizes {
    observer: Option<web_sys::ResizeObserver>,
    watched: Watched,
}

thread_local! {
    static SIZES: Sizes = Sizes::new();
}

impl Sizes {
    fn new() -> Self {
        use wasm_bindgen::{closure::Closure, JsCast};
        let watched = Watched::default();
        let reports = Closure::<dyn FnMut(js_sys::Array)>::new({
            let watched = watched.clone();
            move |entries: js_sys::Array| {
                // The handlers are called after the list is read: one may watch another element.
                let due: Vec<(Resized, f64, f64)> = entries
                    .iter()
                    .filter_map(|e| e.dyn_into::<web_sys::ResizeObserverEntry>().ok())
                    .filter_map(|entry| {
                        let target = entry.target();
                        let handler = watched
                            .borrow()
                            .iter()
                            .find(|(el, _)| *el == target)
                            .map(|(_, h)| h.clone())?;
                        let (w, h) = border_box(&entry);
                        Some((handler, w, h))
                    })
                    .collect();
                for (handler, w, h) in due {
                    handler(w, h);
                }
            }
        });
        let observer = web_sys::ResizeObserver::new(reports.as_ref().unchecked_ref()).ok();
        reports.forget();
        Sizes { observer, watched }
    }

    fn watch(&self, el: web_sys::Element, resized: Resized) {
        if let Some(observer) = &self.observer {
            self.watched.borrow_mut().push((el.clone(), resized));
            observer.observe(&el);
        }
    }
}

/// An observed element's border box as the entry reports it; a browser that reports only the
/// content box is asked for the element's box (it has just been laid out).
fn border_box(entry: &web_sys::ResizeObserverEntry) -> (f64, f64) {
    use wasm_bindgen::JsCast;
    let sizes = entry.border_box_size();
    match sizes.get(0).dyn_into::<web_sys::ResizeObserverSize>() {
        Ok(size) if sizes.length() > 0 => (size.inline_size(), size.block_size()),
        _ => {
            let r = entry.target().get_bounding_client_rect();
            (r.width(), r.height())
        }
    }
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
