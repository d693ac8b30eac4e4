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

    /// 12-hour clock as AWS writes it, e.g. `11:48 PM`.
    pub fn clock(&self) -> String {
        let h12 = match self.hour % 12 {
            0 => 12,
            h => h,
        };
        let ampm = if self.hour < 12 { "AM" } else { "PM" };
        format!("{}:{:02} {}", h12, self.minute, ampm)
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

    /// The simulated instant of `other` relative to this epoch, if it is not before it.
    /// Offsets are reconciled, so a UTC time works too.
    pub fn offset_of(&self, other: &Civil) -> Option<SimTime> {
        let a = self.local_seconds() - self.offset_minutes as i64 * 60;
        let b = other.local_seconds() - other.offset_minutes as i64 * 60;
        (b >= a).then(|| SimTime((b - a) as u64 * SECOND))
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
