//! The outages this build carries, packed when the app was built (see `build.rs`): a page reads
//! its scenario without a JSON parser, and checks it again as it reads it. The outage a bare
//! address opens is carried in the wasm; each other one is a file beside it, fetched before the
//! page is drawn when the link names it, and accepted only if it is the file this build named.

use outage_sim::presentation::packed;
use outage_sim::scenario::{unknown_scenario, Summary};
use outage_sim::{Scenario, SimTime};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where a built-in scenario's packed file is.
pub(crate) enum Packed {
    /// In the wasm.
    Carried(&'static [u8]),
    /// Beside it, at `scenarios/<id>-<fingerprint>.bin`.
    Fetched(&'static str),
}

/// (id, title, subtitle, packed scenario file)
type Builtin = (&'static str, &'static str, &'static str, Packed);
/// (id, the first impairment's start, the last one's end or `None` past the window), in the
/// incident's default run, in milliseconds from the window's start (see `build.rs`).
type Impaired = (&'static str, u64, Option<u64>);

include!(concat!(env!("OUT_DIR"), "/scenarios.rs"));

thread_local! {
    /// The fetched files this page holds, by id.
    static FETCHED: RefCell<Vec<(&'static str, Vec<u8>)>> = const { RefCell::new(Vec::new()) };
}

fn entry(id: &str) -> Result<&'static Builtin, String> {
    BUILTIN
        .iter()
        .find(|b| b.0 == id)
        .ok_or_else(|| unknown_scenario(id, BUILTIN.iter().map(|b| b.0)))
}

pub fn scenario(id: &str) -> Result<Scenario, String> {
    let (id, title, _, data) = entry(id)?;
    match data {
        Packed::Carried(bytes) => Scenario::unpack(bytes),
        Packed::Fetched(_) => FETCHED.with(|f| match f.borrow().iter().find(|(i, _)| i == id) {
            Some((_, bytes)) => Scenario::unpack(bytes),
            None => Err(format!("The data of {title} has not been downloaded.")),
        }),
    }
}

/// Make `id` readable by `scenario`: fetch its file if this build does not carry it. An unknown
/// id needs nothing (the link's decoder says what is wrong with it).
pub async fn fetch(id: &str) -> Result<(), String> {
    let Ok((id, title, _, Packed::Fetched(fp))) = entry(id) else {
        return Ok(());
    };
    if FETCHED.with(|f| f.borrow().iter().any(|(i, _)| i == id)) {
        return Ok(());
    }
    let url = packed::fetched_path(id, fp);
    let problem = |why: String| {
        format!("The data of {title} could not be downloaded ({why}), so the default outage is shown instead.")
    };
    let bytes = download(&url).await.map_err(problem)?;
    let got = packed::fingerprint(&bytes);
    if got != *fp {
        return Err(problem(format!(
            "{url} is not the file this version of the page expects"
        )));
    }
    FETCHED.with(|f| f.borrow_mut().push((id, bytes)));
    Ok(())
}

async fn download(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let said = |e: wasm_bindgen::JsValue| {
        e.as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
            })
            .unwrap_or_else(|| "the network refused".into())
    };
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(said)?
        .dyn_into()
        .map_err(|_| "not a response".to_string())?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(said)?)
        .await
        .map_err(said)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The outages this build carries, in the order they are offered.
pub fn catalogue() -> Vec<Summary> {
    BUILTIN
        .iter()
        .map(|(id, title, subtitle, _)| Summary {
            id: id.to_string(),
            title: title.to_string(),
            subtitle: subtitle.to_string(),
        })
        .collect()
}

/// When outage `id`'s incident, as the model runs it, was impaired: from the first impairment's
/// start to the last one's end (`None`: past the end of the window).
pub fn impaired(id: &str) -> Option<(SimTime, Option<SimTime>)> {
    IMPAIRED
        .iter()
        .find(|i| i.0 == id)
        .map(|&(_, from, to)| (SimTime(from), to.map(SimTime)))
}
