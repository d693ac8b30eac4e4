//! What a lecture across outages closes on: each outage's lesson (its scenario file's `lesson`)
//! beside how long the model's own run of it was impaired.

use crate::engine::time::{SimTime, MINUTE};
use crate::presentation::run::Run;

/// When a run's services were impaired: from the first impairment's start to the last one's
/// end, or `None` as the end where one lasts past the window. `None` for a run with none.
pub fn impaired_span(run: &dyn Run) -> Option<(SimTime, Option<SimTime>)> {
    let all = run.impairments();
    let from = all.iter().map(|i| i.from).min()?;
    let to = all
        .iter()
        .map(|i| i.to)
        .try_fold(SimTime::ZERO, |end, to| to.map(|t| end.max(t)));
    Some((from, to))
}

/// A length of time as a lecturer says it: "2 h 52 min", "45 min", "3 days 4 h".
pub fn duration_words(ms: u64) -> String {
    let minutes = (ms + MINUTE / 2) / MINUTE;
    let (days, hours, mins) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
    match (days, hours, mins) {
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (1, 0, _) => "1 day".to_string(),
        (1, h, _) => format!("1 day {h} h"),
        (d, 0, _) => format!("{d} days"),
        (d, h, _) => format!("{d} days {h} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::duration_words;
    use crate::engine::time::{HOUR, MINUTE};

    #[test]
    fn durations_read_as_a_lecturer_says_them() {
        assert_eq!(duration_words(45 * MINUTE), "45 min");
        assert_eq!(duration_words(2 * HOUR), "2 h");
        assert_eq!(duration_words(2 * HOUR + 52 * MINUTE), "2 h 52 min");
        assert_eq!(duration_words(26 * HOUR + 10 * MINUTE), "1 day 2 h");
        assert_eq!(duration_words(72 * HOUR + 20 * MINUTE), "3 days");
        assert_eq!(duration_words(30 * 1000), "1 min");
    }
}
