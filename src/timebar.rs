//! The timeline bar: play and pause, the previous and next event, the speed, the clock, zoom,
//! and the slider that moves the playhead.

use crate::axis::{LABEL_W, THUMB_W};
use crate::map;
use crate::playback::{Playback, ZOOMS};
use crate::runs::Runs;
use leptos::prelude::*;
use outage_sim::SimTime;

/// Step to the instant just after the next or previous event a person would read about.
pub fn jump_to_event(playback: Playback, runs: Runs, forward: bool) {
    let now = playback.ms_untracked();
    let target = runs.with_untracked(|r| {
        let notable = r.notable_times().into_iter().map(|t| t.ms() + 1);
        if forward {
            notable.filter(|t| *t > now).min()
        } else {
            notable.filter(|t| *t < now).max()
        }
    });
    if let Some(t) = target {
        playback.playing().set(false);
        playback.seek(t);
    }
}

/// Playback speeds: simulated milliseconds per real second.
const SPEEDS: &[(&str, u64)] = &[
    ("real time", 1_000),
    ("1 min/s", 60_000),
    ("10 min/s", 600_000),
    ("1 h/s", 3_600_000),
];
/// Playback advances in fixed steps of real time, never by frame time: the run is the same.
const PLAY_STEP_MS: u64 = 100;

#[component]
pub fn TimeBar() -> impl IntoView {
    let (runs, playback) = (Runs::here(), Playback::here());
    let window = playback.window();
    let clock = move || playback.clock(playback.now());
    let timer: StoredValue<Option<IntervalHandle>> = StoredValue::new(None);
    Effect::new(move |_| {
        if let Some(h) = timer.get_value() {
            h.clear();
            timer.set_value(None);
        }
        if playback.playing().is_on() {
            let step = playback.speed() * PLAY_STEP_MS / 1000;
            let handle = set_interval_with_handle(
                move || playback.advance(step),
                std::time::Duration::from_millis(PLAY_STEP_MS),
            );
            timer.set_value(handle.ok());
        }
    });
    let jump = move |forward: bool| jump_to_event(playback, runs, forward);
    let at_closest = move || playback.zoom() + 1 >= ZOOMS.len();
    let at_widest = move || playback.zoom() == 0;
    // The span shown as clock times in the scenario's zone, from the core's clock (no zone)
    // so the zone is said once.
    let range_text = move || {
        let (from, span) = playback.range();
        let whole = span >= window;
        runs.with_scenario(|s| {
            let (a, b) = (
                s.epoch.add(SimTime(from)),
                s.epoch.add(SimTime(from + span)),
            );
            let seconds = span <= 5 * 60_000;
            let text = match (s.spans_days(), a.day == b.day) {
                // In a window of days the range says its day, once if both ends share it.
                (true, true) => format!(
                    "{} {}",
                    a.date_label(),
                    outage_sim::time::clock_span(&a, &b, seconds)
                ),
                (true, false) => format!(
                    "{} {} \u{2013} {} {}",
                    a.date_label(),
                    a.clock(),
                    b.date_label(),
                    b.clock()
                ),
                _ => outage_sim::time::clock_span(&a, &b, seconds),
            };
            let zone = &s.file.timezone;
            if whole {
                format!("Showing the whole window, {text} {zone}")
            } else {
                format!("Showing {text} {zone}")
            }
        })
    };
    // The slider's track starts half a thumb left of the strip's time axis and ends half a
    // thumb right of it, so the thumb's centre sits on the strip's playhead.
    let scrubber_style = format!(
        "padding-left: {}px; --thumb: {}px",
        LABEL_W - THUMB_W / 2.0,
        THUMB_W
    );
    view! {
        <div class="timebar">
            <div class="controls">
                <button type="button" class="play" on:click=move |_| playback.playing().toggle()>
                    {move || if playback.playing().is_on() { "Pause" } else { "Play" }}
                </button>
                <button type="button" aria-label="Previous event" title="Previous event" on:click=move |_| jump(false)>"◀ Previous"</button>
                <button type="button" aria-label="Next event" title="Next event" on:click=move |_| jump(true)>"Next ▶"</button>
                <label class="speed">
                    "Speed "
                    <select on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<u64>() {
                            playback.set_speed(v);
                        }
                    }>
                        {SPEEDS
                            .iter()
                            .map(|(name, v)| view! { <option value=v.to_string() selected=*v == playback.speed_untracked()>{*name}</option> })
                            .collect_view()}
                    </select>
                </label>
                <span class="clock" role="timer" aria-label="Simulation time" aria-live="off">{clock}</span>
                <button type="button" on:click=move |_| playback.zoom_by(true) disabled=at_closest>"Zoom in"</button>
                <button type="button" on:click=move |_| playback.zoom_by(false) disabled=at_widest>"Zoom out"</button>
                <span class="zoom-label" title=move || format!("Zoom: {}", ZOOMS[playback.zoom()].0)>{range_text}</span>
            </div>
            <div class="scrubber" style=scrubber_style>
                <input
                    type="range"
                    aria-label="Timeline"
                    min=move || playback.range().0.to_string()
                    max=move || { let (f, s) = playback.range(); (f + s).to_string() }
                    step=move || ZOOMS[playback.zoom()].2.to_string()
                    // Set again whenever the range or step changes: the browser snaps a range
                    // input's value to the new step grid, which would leave the thumb off the
                    // playhead. (Attributes update in the order written: the value last.)
                    prop:value=move || {
                        let _ = playback.range();
                        playback.ms().to_string()
                    }
                    aria-valuetext=clock
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<u64>() {
                            playback.seek(v.min(window));
                        }
                    }
                    on:pointerdown=move |_| map::animate_particles(false)
                    on:pointerup=move |_| map::animate_particles(true)
                    on:pointercancel=move |_| map::animate_particles(true)
                />
            </div>
        </div>
    }
}
