//! Simulated time: integer milliseconds since the scenario's epoch (the start of its window).
//!
//! Time is a first-class type (as in rerun's viewer): the run is data you seek in, so every
//! instant is a `SimTime` and every span a `SimDuration`, both plain integers.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An instant of the simulation, in milliseconds since the scenario epoch.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct SimTime(pub u64);

/// A span of simulated time in milliseconds.
pub type SimDuration = u64;

pub const MS: SimDuration = 1;
pub const SECOND: SimDuration = 1_000;
pub const MINUTE: SimDuration = 60 * SECOND;
pub const HOUR: SimDuration = 60 * MINUTE;

impl SimTime {
    pub const ZERO: SimTime = SimTime(0);

    pub fn ms(self) -> u64 {
        self.0
    }
    pub fn plus(self, d: SimDuration) -> SimTime {
        SimTime(self.0.saturating_add(d))
    }
    pub fn minus(self, d: SimDuration) -> SimTime {
        SimTime(self.0.saturating_sub(d))
    }
    pub fn since(self, earlier: SimTime) -> SimDuration {
        self.0.saturating_sub(earlier.0)
    }
    /// Index of the simulated minute this instant falls in.
    pub fn minute(self) -> u32 {
        (self.0 / MINUTE) as u32
    }
}

impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0 / SECOND;
        write!(
            f,
            "+{}:{:02}:{:02}.{:03}",
            s / 3600,
            (s / 60) % 60,
            s % 60,
            self.0 % SECOND
        )
    }
}

/// A civil date-time with a fixed UTC offset: the scenario's epoch, in the local time AWS used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Civil {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// Offset from UTC in minutes (PDT is -420).
    pub offset_minutes: i32,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

impl Civil {
    /// Seconds since the Unix epoch, in local wall-clock terms (offset not applied).
    fn local_seconds(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400
            + (self.hour * 3600 + self.minute * 60 + self.second) as i64
    }

    fn from_local_seconds(s: i64, offset_minutes: i32) -> Civil {
        let days = s.div_euclid(86_400);
        let rem = s.rem_euclid(86_400) as u32;
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: rem / 3600,
            minute: (rem / 60) % 60,
            second: rem % 60,
            offset_minutes,
        }
    }

    /// The civil time `t` after this epoch (same offset).
    /// Which calendar day of a window starting at `self` the instant `other` falls on, counting
    /// the first day as 1.
    pub fn day_number(&self, other: &Civil) -> i64 {
        days_from_civil(other.year, other.month, other.day)
            - days_from_civil(self.year, self.month, self.day)
            + 1
    }

    pub fn add(&self, t: SimTime) -> Civil {
        Civil::from_local_seconds(
            self.local_seconds() + (t.0 / SECOND) as i64,
            self.offset_minutes,
        )
    }

    /// RFC 3339, e.g. `2025-10-19T23:48:00-07:00`.
    pub fn rfc3339(&self) -> String {
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let off = self.offset_minutes.unsigned_abs();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            sign,
            off / 60,
            off % 60
        )
    }

    /// The same instant in UTC.
    pub fn utc(&self) -> Civil {
        Civil::from_local_seconds(
            self.local_seconds() - i64::from(self.offset_minutes) * 60,
            0,
        )
    }

    /// ISO 8601 in UTC, e.g. `2025-10-20T06:48:00Z`.
    pub fn iso_utc(&self) -> String {
        let u = self.utc();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            u.year, u.month, u.day, u.hour, u.minute, u.second
        )
    }

    /// ISO 8601's basic time in UTC to the minute, e.g. `2025-10-20T0648Z`: what a file name
    /// says of a moment (no colons, which some systems refuse in names).
    pub fn utc_stamp(&self) -> String {
        let u = self.utc();
        format!(
            "{:04}-{:02}-{:02}T{:02}{:02}Z",
            u.year, u.month, u.day, u.hour, u.minute
        )
    }

    /// 12-hour clock as AWS writes it, e.g. `11:48 PM`.
    pub fn clock(&self) -> String {
        let h12 = match self.hour % 12 {
            0 => 12,
            h => h,
        };
        let ampm = if self.hour < 12 { "AM" } else { "PM" };
        format!("{}:{:02} {}", h12, self.minute, ampm)
    }

    /// The day, e.g. `Thu 21 Apr`: what a clock says besides the time in a window of days.
    pub fn date_label(&self) -> String {
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        // Day 0 of `days_from_civil` (1 January 1970) was a Thursday.
        let weekday = days_from_civil(self.year, self.month, self.day).rem_euclid(7) as usize;
        let month = MONTHS[(self.month.clamp(1, 12) - 1) as usize];
        format!("{} {} {month}", DAYS[weekday], self.day)
    }

    /// Clock with seconds, e.g. `11:47:59 PM`: the race plays out in seconds.
    pub fn clock_seconds(&self) -> String {
        let h12 = match self.hour % 12 {
            0 => 12,
            h => h,
        };
        let ampm = if self.hour < 12 { "AM" } else { "PM" };
        format!("{}:{:02}:{:02} {}", h12, self.minute, self.second, ampm)
    }

    /// Parse RFC 3339 with a numeric offset (`2025-10-20T02:25:00-07:00`); fractional seconds are
    /// not accepted: scenario data and links speak in whole seconds.
    pub fn parse_rfc3339(s: &str) -> Result<Civil, String> {
        let bad = || format!("not an RFC 3339 time like 2025-10-20T02:25:00-07:00: {s:?}");
        let b = s.as_bytes();
        if b.len() != 25
            || b[4] != b'-'
            || b[7] != b'-'
            || b[10] != b'T'
            || b[13] != b':'
            || b[16] != b':'
            || b[22] != b':'
        {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32, String> {
            s.get(r)
                .filter(|x| x.bytes().all(|c| c.is_ascii_digit()))
                .and_then(|x| x.parse().ok())
                .ok_or_else(bad)
        };
        let sign = match b[19] {
            b'+' => 1,
            b'-' => -1,
            _ => return Err(bad()),
        };
        let c = Civil {
            year: num(0..4)? as i32,
            month: num(5..7)?,
            day: num(8..10)?,
            hour: num(11..13)?,
            minute: num(14..16)?,
            second: num(17..19)?,
            offset_minutes: sign * (num(20..22)? * 60 + num(23..25)?) as i32,
        };
        if !(1..=12).contains(&c.month)
            || c.day == 0
            || c.day > 31
            || c.hour > 23
            || c.minute > 59
            || c.second > 59
        {
            return Err(bad());
        }
        Ok(c)
    }

    /// Axis label for an instant on a tick: `12 AM` on the hour, `1:40` on the minute,
    /// `1:40:20` otherwise. No AM/PM off the hour: the hours around it carry it.
    pub fn tick_label(&self) -> String {
        let h12 = match self.hour % 12 {
            0 => 12,
            h => h,
        };
        match (self.minute, self.second) {
            (0, 0) => format!("{h12} {}", if self.hour < 12 { "AM" } else { "PM" }),
            (m, 0) => format!("{h12}:{m:02}"),
            (m, s) => format!("{h12}:{m:02}:{s:02}"),
        }
    }

    /// Axis label in a window of days: midnight is the day (`Fri 22`), any other tick its
    /// time.
    pub fn tick_label_in_days(&self) -> String {
        if (self.hour, self.minute, self.second) == (0, 0, 0) {
            let date = self.date_label();
            // "Fri 22 Apr" without the month: the window says it once.
            date.rsplit_once(' ')
                .map_or(date.clone(), |(d, _)| d.to_string())
        } else {
            self.tick_label()
        }
    }

    /// Instants in `from..=from + span` that fall on whole multiples of `step` in local
    /// wall-clock time: with a step dividing a day, ticks land on round local times (every
    /// full hour, every 15 minutes past midnight…) whatever instant the span starts at.
    pub fn ticks(&self, from: SimTime, span: SimDuration, step: SimDuration) -> Vec<SimTime> {
        let step = step.max(1) as i64;
        // Local wall-clock milliseconds since 1970 at the epoch; the offset cancels out.
        let origin = self.local_seconds() * SECOND as i64;
        let first = (origin + from.0 as i64).div_euclid(step) * step;
        let first = if first < origin + from.0 as i64 {
            first + step
        } else {
            first
        };
        let end = origin + from.0.saturating_add(span) as i64;
        (0..)
            .map(|i| first + i * step)
            .take_while(|t| *t <= end)
            .map(|t| SimTime((t - origin) as u64))
            .collect()
    }

    /// The simulated instant of `other` relative to this epoch, if it is not before it.
    /// Offsets are reconciled, so a UTC time works too.
    pub fn offset_of(&self, other: &Civil) -> Option<SimTime> {
        let a = self.local_seconds() - self.offset_minutes as i64 * 60;
        let b = other.local_seconds() - other.offset_minutes as i64 * 60;
        (b >= a).then(|| SimTime((b - a) as u64 * SECOND))
    }
}

/// Steps between timeline ticks, finest first. Each divides a day, so ticks on multiples of a
/// step fall on round local times.
pub const TICK_STEPS: [SimDuration; 18] = [
    SECOND,
    2 * SECOND,
    5 * SECOND,
    10 * SECOND,
    15 * SECOND,
    30 * SECOND,
    MINUTE,
    2 * MINUTE,
    5 * MINUTE,
    10 * MINUTE,
    15 * MINUTE,
    30 * MINUTE,
    HOUR,
    2 * HOUR,
    3 * HOUR,
    6 * HOUR,
    12 * HOUR,
    24 * HOUR,
];

/// The finest step of [`TICK_STEPS`] at which ticks over `span` drawn across `width` are at
/// least `room(step)` apart (same unit as `width`): the caller says how much room a label at
/// that step needs (labels with seconds are longer), so labels never overlap.
pub fn tick_step(span: SimDuration, width: f64, room: impl Fn(SimDuration) -> f64) -> SimDuration {
    let span = span.max(1) as f64;
    TICK_STEPS
        .into_iter()
        .find(|&step| step as f64 / span * width >= room(step))
        .unwrap_or(TICK_STEPS[TICK_STEPS.len() - 1])
}

/// A span of the clock as a person reads it: `1:40–1:55 AM` when both ends share AM/PM,
/// `11:30 PM – 3:30 PM` when they do not (with seconds if asked: `11:47:50–11:48:10 PM`).
pub fn clock_span(from: &Civil, to: &Civil, seconds: bool) -> String {
    let (a, b) = if seconds {
        (from.clock_seconds(), to.clock_seconds())
    } else {
        (from.clock(), to.clock())
    };
    let same_half = (from.hour < 12) == (to.hour < 12) && from.day == to.day;
    match a.rsplit_once(' ') {
        Some((a_time, _)) if same_half => format!("{a_time}\u{2013}{b}"),
        _ => format!("{a} \u{2013} {b}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn epoch() -> Civil {
        Civil::parse_rfc3339("2025-10-19T23:30:00-07:00").unwrap()
    }

    #[test]
    fn midnight_rolls_the_date_over() {
        let t = epoch().add(SimTime(18 * MINUTE + 40 * MINUTE));
        assert_eq!(t.rfc3339(), "2025-10-20T00:28:00-07:00");
        assert_eq!(t.clock(), "12:28 AM");
        // 21 April 2011 was a Thursday; 25 November 2020 a Wednesday.
        let d = Civil::parse_rfc3339("2011-04-21T00:47:00-07:00").unwrap();
        assert_eq!(d.date_label(), "Thu 21 Apr");
        let d = Civil::parse_rfc3339("2020-11-25T05:15:00-08:00").unwrap();
        assert_eq!(d.date_label(), "Wed 25 Nov");
    }

    #[test]
    fn an_instant_reads_in_utc_across_midnight() {
        let t = epoch().add(SimTime(18 * MINUTE));
        assert_eq!(t.rfc3339(), "2025-10-19T23:48:00-07:00");
        assert_eq!(t.iso_utc(), "2025-10-20T06:48:00Z");
        assert_eq!(t.utc_stamp(), "2025-10-20T0648Z");
        assert_eq!(t.utc().offset_minutes, 0);
    }

    #[test]
    fn an_axis_of_days_names_each_midnight_by_its_day() {
        let midnight = Civil::parse_rfc3339("2011-04-22T00:00:00-07:00").unwrap();
        assert_eq!(midnight.tick_label_in_days(), "Fri 22");
        assert_eq!(midnight.tick_label(), "12 AM");
        let noon = Civil::parse_rfc3339("2011-04-22T12:00:00-07:00").unwrap();
        assert_eq!(noon.tick_label_in_days(), "12 PM");
    }

    #[test]
    fn offsets_round_trip() {
        let e = epoch();
        let t = Civil::parse_rfc3339("2025-10-20T14:09:00-07:00").unwrap();
        let at = e.offset_of(&t).unwrap();
        assert_eq!(e.add(at), t);
        let utc = Civil::parse_rfc3339("2025-10-20T21:09:00+00:00").unwrap();
        assert_eq!(e.offset_of(&utc), Some(at));
        assert_eq!(
            e.offset_of(&Civil::parse_rfc3339("2025-10-19T23:00:00-07:00").unwrap()),
            None
        );
    }

    #[test]
    fn ticks_land_on_round_local_times() {
        let e = epoch(); // 11:30 PM
        let labels = |from, span, step| {
            e.ticks(SimTime(from), span, step)
                .into_iter()
                .map(|t| e.add(t).tick_label())
                .collect::<Vec<_>>()
        };
        // The whole 16-hour window every 2 hours: from midnight, not from 11:30 PM.
        assert_eq!(
            labels(0, 16 * HOUR, 2 * HOUR),
            ["12 AM", "2 AM", "4 AM", "6 AM", "8 AM", "10 AM", "12 PM", "2 PM"]
        );
        // A zoomed span starting at an odd instant (1:37:12 AM) still ticks on the 5 minutes.
        let from = 2 * HOUR + 7 * MINUTE + 12 * SECOND;
        assert_eq!(
            labels(from, 20 * MINUTE, 5 * MINUTE),
            ["1:40", "1:45", "1:50", "1:55"]
        );
        assert_eq!(labels(from, 30 * MINUTE, 5 * MINUTE)[4], "2 AM");
        // Seconds; both ends are included when they fall on a tick.
        assert_eq!(
            labels(
                2 * HOUR + 10 * MINUTE + 20 * SECOND,
                10 * SECOND,
                5 * SECOND
            ),
            ["1:40:20", "1:40:25", "1:40:30"]
        );
        // A zone with a half-hour offset ticks on its own round hours.
        let india = Civil::parse_rfc3339("2025-10-20T12:00:00+05:30").unwrap();
        assert_eq!(
            india.ticks(SimTime(0), 3 * HOUR, 3 * HOUR),
            [SimTime(0), SimTime(3 * HOUR)]
        );
    }

    #[test]
    fn the_tick_step_leaves_room_for_every_label() {
        // 16 hours across 1,000 px with 100 px per label: 2 hours (8 labels), not 1.
        assert_eq!(tick_step(16 * HOUR, 1000.0, |_| 100.0), 2 * HOUR);
        // Longer labels at second steps push a 20-second span from 2 s to 5 s.
        let room = |step: u64| if step < MINUTE { 140.0 } else { 60.0 };
        assert_eq!(tick_step(20 * SECOND, 500.0, room), 10 * SECOND);
        assert_eq!(tick_step(20 * SECOND, 1000.0, room), 5 * SECOND);
        for span in [20 * SECOND, 2 * MINUTE, 15 * MINUTE, 2 * HOUR, 16 * HOUR] {
            for width in [250.0, 600.0, 1000.0, 1600.0] {
                let step = tick_step(span, width, |_| 70.0);
                assert!(step as f64 / span as f64 * width >= 70.0 || step == 24 * HOUR);
                assert_eq!((24 * HOUR) % step, 0, "{step} divides a day");
            }
        }
    }

    #[test]
    fn spans_read_like_a_clock() {
        let e = epoch();
        // Instants as milliseconds after the epoch, so each case reads as a span.
        let span =
            |from, to, seconds| clock_span(&e.add(SimTime(from)), &e.add(SimTime(to)), seconds);
        assert_eq!(span(0, 16 * HOUR, false), "11:30 PM \u{2013} 3:30 PM");
        let (from, to) = (2 * HOUR + 10 * MINUTE, 2 * HOUR + 25 * MINUTE);
        assert_eq!(span(from, to, false), "1:40\u{2013}1:55 AM");
        let (from, to) = (17 * MINUTE + 50 * SECOND, 18 * MINUTE + 10 * SECOND);
        assert_eq!(span(from, to, true), "11:47:50\u{2013}11:48:10 PM");
        // Same half of the clock on different days is not the same half.
        assert_eq!(span(0, 24 * HOUR, false), "11:30 PM \u{2013} 11:30 PM");
    }

    #[test]
    fn malformed_times_are_rejected_not_panicked_on() {
        for s in [
            "",
            "2025-10-20",
            "2025-13-20T00:00:00-07:00",
            "2025-10-20T24:00:00-07:00",
            "2025-10-20T00:00:00Z",
            "２０２５-10-20T00:00:00-07:00",
        ] {
            assert!(Civil::parse_rfc3339(s).is_err(), "{s}");
        }
    }
}
