//! A time axis's ticks on round local times, labelled so they never overlap: shared by the
//! strip and the charts; and where the strip's time axis and the timeline slider above it line
//! up.

use crate::playback::Range;
use outage_sim::time::tick_step;
use outage_sim::{Scenario, SimTime};

/// Width of the strip's names column, CSS px; the slider starts here too.
pub const LABEL_W: f64 = 176.0;
/// Width of the slider's thumb, CSS px (the style sheet draws it at this width). The browser
/// keeps the thumb's centre half a thumb inside the track at both ends, so the strip's time axis
/// ends half a thumb before its right edge and the slider starts half a thumb left of it.
pub const THUMB_W: f64 = 20.0;

/// Estimated width in CSS px of `text` at 14 px (digits, colons and capitals of a system
/// sans-serif; generous so estimates err towards more room).
pub(crate) fn text_w(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            ':' | ' ' | '.' => 4.5,
            'M' | 'W' => 12.0,
            _ => 8.5,
        })
        .sum()
}

/// Axis ticks for a plot `width` CSS px wide: (instant in ms, fraction of the width, label).
/// The step leaves room for every label (and at most about ten across); labels that would
/// stick out more than `overhang` px past either end are left out.
pub(crate) fn axis_ticks(
    s: &Scenario,
    (from, span): Range,
    width: f64,
    overhang: f64,
) -> Vec<(u64, f64, String)> {
    let room = |step: u64| {
        let longest = if step < outage_sim::time::MINUTE {
            "12:59:59"
        } else {
            "12 AM"
        };
        (text_w(longest) + 24.0).max(width / 10.0)
    };
    let step = tick_step(span, width, room);
    let days = s.spans_days();
    s.epoch
        .ticks(SimTime(from), span, step)
        .into_iter()
        .map(|t| {
            let f = (t.ms() - from) as f64 / span.max(1) as f64;
            let c = s.epoch.add(t);
            let label = if days {
                c.tick_label_in_days()
            } else {
                c.tick_label()
            };
            (t.ms(), f, label)
        })
        .filter(|(_, f, label)| {
            let (x, half) = (f * width, text_w(label) / 2.0);
            x - half >= -overhang && x + half <= width + overhang
        })
        .collect()
}
