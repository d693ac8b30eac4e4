//! The simulation core in wasm, built with the app's release profile, for `./dev bench` to time
//! in Node (`time.mjs`): V8 runs it as Chromium does, without the page's redraw and without the
//! noise of a browser, so a change to the core can be judged by what the browser will run.
//! Each export returns the log's length, so the work cannot be optimised away.

use outage_sim::models::aws_2025_10_us_east_1::{default_inputs, Intervention, Recording};
use outage_sim::Scenario;
use std::cell::RefCell;

thread_local! {
    static SCENARIO: Scenario =
        Scenario::unpack(include_bytes!(concat!(env!("OUT_DIR"), "/default.bin")))
            .expect("the default scenario unpacks");
    static LAST: RefCell<Option<Recording>> = const { RefCell::new(None) };
}

/// The whole window of the 2025 outage as it happened; kept for `fork`.
#[no_mangle]
pub extern "C" fn whole_window() -> u32 {
    SCENARIO.with(|s| {
        let rec = Recording::run(s.window, default_inputs(s, outage_sim::DEFAULT_SEED))
            .expect("the default run");
        let n = rec.log.entries.len() as u32;
        LAST.with(|l| *l.borrow_mut() = Some(rec));
        n
    })
}

/// Enactor A paused at 11:40 PM, the rest of the window re-simulated (the native bench's fork);
/// 0 until `whole_window` has run.
#[no_mangle]
pub extern "C" fn fork_at_11_40_pm() -> u32 {
    SCENARIO.with(|s| {
        let at = s.at("2025-10-19T23:40:00-07:00").expect("in the window");
        LAST.with(|l| {
            l.borrow().as_ref().map_or(0, |rec| {
                let fork = rec
                    .fork(at, Intervention::PauseEnactor { enactor: 0 })
                    .expect("fork");
                fork.log.entries.len() as u32
            })
        })
    })
}
