//! Scenario links: the URL fragment that holds everything that determines what a person sees.
//! Readable where it can be (times are wall-clock times a lecturer can edit by hand), compact
//! where it must (interventions are short tokens). Decoding never panics: a bad part is dropped
//! with a message and the rest is kept; a link that is not ours, or from a future version, is
//! refused as a whole with one message.
//!
//! `#v=1&scenario=aws-2025-10-us-east-1&seed=1&t=01:00:00&node=dynamodb&speed=600000&chapter=3`
//! `&theme=dark&embed=1&p=droplets:100000,client_retry:backoff-jitter`
//! `&script=23:46:25~delay-enactor.0;02:25:00~restore-record` (absent: the "as it happened" script)

use crate::intervention::{Endpoint, Intervention, Mitigation, Timed};
use crate::params::{Params, RetryPolicy};
use crate::scenario::Scenario;
use crate::service::Service;
use crate::time::{SimTime, HOUR, MINUTE, SECOND};

pub const VERSION: u32 = 1;
/// Longer fragments are refused before any parsing: no link of ours comes near it.
pub const MAX_LEN: usize = 16 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub scenario: String,
    pub seed: u64,
    pub params: Params,
    /// `None`: the scenario's "as it happened" script.
    pub script: Option<Vec<Timed>>,
    pub t: SimTime,
    pub speed: Option<u64>,
    pub node: Option<Service>,
    pub chapter: Option<u32>,
    pub theme: Option<String>,
    pub embed: bool,
}

/// A decoded link and what had to be dropped from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub link: Link,
    pub problems: Vec<String>,
}

impl Link {
    pub fn new(scenario: &Scenario) -> Link {
        Link {
            scenario: scenario.id().to_string(),
            seed: crate::DEFAULT_SEED,
            params: scenario.params.clone(),
            script: None,
            t: SimTime::ZERO,
            speed: None,
            node: None,
            chapter: None,
            theme: None,
            embed: false,
        }
    }

    pub fn script_or_default<'a>(&'a self, scenario: &'a Scenario) -> &'a [Timed] {
        self.script.as_deref().unwrap_or(&scenario.default_script)
    }

    pub fn encode(&self, scenario: &Scenario) -> String {
        let mut parts = vec![
            format!("v={VERSION}"),
            format!("scenario={}", self.scenario),
            format!("seed={}", self.seed),
        ];
        parts.push(format!("t={}", clock(scenario, self.t)));
        if let Some(n) = self.node {
            parts.push(format!("node={}", n.id()));
        }
        if let Some(s) = self.speed {
            parts.push(format!("speed={s}"));
        }
        if let Some(c) = self.chapter {
            parts.push(format!("chapter={c}"));
        }
        if let Some(th) = &self.theme {
            parts.push(format!("theme={th}"));
        }
        if self.embed {
            parts.push("embed=1".into());
        }
        let mut p: Vec<String> = self
            .params
            .overrides()
            .into_iter()
            .map(|(k, v)| format!("{k}:{v}"))
            .collect();
        p.extend(
            self.params
                .choice_overrides()
                .into_iter()
                .map(|(k, v)| format!("{k}:{v}")),
        );
        if !p.is_empty() {
            parts.push(format!("p={}", p.join(",")));
        }
        if let Some(script) = &self.script {
            let s: Vec<String> = script
                .iter()
                .map(|t| format!("{}~{}", clock(scenario, t.at), token(&t.what)))
                .collect();
            parts.push(format!("script={}", s.join(";")));
        }
        parts.join("&")
    }

    /// Decode a fragment (with or without the leading `#`).
    pub fn decode(
        fragment: &str,
        scenario_of: impl Fn(&str) -> Option<Scenario>,
    ) -> Result<(Decoded, Scenario), String> {
        let f = fragment.strip_prefix('#').unwrap_or(fragment);
        // A link pasted through a chat app or a mail client may arrive percent-encoded (`:` as
        // %3A, `~` as %7E, even `&` as %26); this format never holds a literal '%', so decoding
        // the whole fragment first reads every such copy as the original.
        let decoded = percent_decoded(f);
        let f = decoded.as_str();
        if f.len() > MAX_LEN {
            return Err(format!(
                "This link is too long ({} characters; links of this app stay under {MAX_LEN}).",
                f.len()
            ));
        }
        let mut fields: Vec<(&str, &str)> = Vec::new();
        for part in f.split('&').filter(|p| !p.is_empty()) {
            let Some((k, v)) = part.split_once('=') else {
                return Err(format!(
                    "This link is not an Outage Explorer link: {:?} has no '='.",
                    short(part)
                ));
            };
            fields.push((k, v));
        }
        let get = |k: &str| fields.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);
        match get("v").map(|v| v.parse::<u32>()) {
            None => return Err("This link has no format version (v=…): it is not an Outage Explorer link.".into()),
            Some(Err(_)) => return Err("This link's format version is not a number.".into()),
            Some(Ok(v)) if v > VERSION => {
                return Err(format!("This link was made by a newer version of Outage Explorer (format {v}; this one reads up to {VERSION})."))
            }
            Some(Ok(0)) => return Err("This link's format version 0 does not exist.".into()),
            Some(Ok(_)) => {}
        }
        let id = get("scenario").unwrap_or(crate::DEFAULT_SCENARIO);
        let scenario = scenario_of(id).ok_or_else(|| {
            format!(
                "This link names a scenario this app does not have: {:?}.",
                short(id)
            )
        })?;
        let mut link = Link::new(&scenario);
        let mut problems = Vec::new();
        for (k, v) in &fields {
            let r: Result<(), String> = match *k {
                "v" | "scenario" => Ok(()),
                "seed" => v
                    .parse()
                    .map(|s| link.seed = s)
                    .map_err(|_| format!("the seed {:?} is not a whole number", short(v))),
                "t" => parse_clock(&scenario, v).map(|t| link.t = t),
                "node" => Service::parse(v)
                    .map(|s| link.node = Some(s))
                    .ok_or_else(|| format!("there is no node {:?}", short(v))),
                "speed" => v
                    .parse::<u64>()
                    .ok()
                    .filter(|s| (1..=24 * HOUR).contains(s))
                    .map(|s| link.speed = Some(s))
                    .ok_or_else(|| {
                        format!("the speed {:?} is not one this app plays at", short(v))
                    }),
                "chapter" => v
                    .parse()
                    .map(|c| link.chapter = Some(c))
                    .map_err(|_| format!("the chapter {:?} is not a number", short(v))),
                "theme" if ["light", "dark", "presenter"].contains(v) => {
                    link.theme = Some(v.to_string());
                    Ok(())
                }
                "theme" => Err(format!("there is no theme {:?}", short(v))),
                "embed" => {
                    link.embed = *v == "1";
                    Ok(())
                }
                "p" => parse_params(v, &mut link.params, &mut problems),
                "script" => parse_script(&scenario, v, &link.params).map(|s| link.script = Some(s)),
                other => Err(format!(
                    "the part {:?} is not one this app knows",
                    short(other)
                )),
            };
            if let Err(e) = r {
                problems.push(e);
            }
        }
        if let Some(script) = &link.script {
            if let Err(e) = scenario.check_script(script, &link.params) {
                problems.push(format!(
                    "the interventions do not fit these parameters ({e})"
                ));
                link.script = None;
            }
        }
        Ok((Decoded { link, problems }, scenario))
    }
}

fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

/// Wall-clock time of an instant, 24-hour, with milliseconds only when there are some.
/// An instant as a link writes it: the local time of day, and for a window longer than a day the
/// calendar day of the window it falls on ("d3+01:00:00", the first day being d1). A window of a
/// day or less needs no day: its times of day are unambiguous, so every link made before days
/// existed reads as it always did.
pub fn clock(s: &Scenario, t: SimTime) -> String {
    let c = s.epoch.add(t);
    let ms = t.ms() % SECOND;
    let day = if s.window.ms() > 24 * HOUR {
        format!("d{}+", s.epoch.day_number(&c))
    } else {
        String::new()
    };
    if ms == 0 {
        format!("{day}{:02}:{:02}:{:02}", c.hour, c.minute, c.second)
    } else {
        format!("{day}{:02}:{:02}:{:02}.{ms:03}", c.hour, c.minute, c.second)
    }
}

/// The instant of a wall-clock time inside the window (which is shorter than a day, so a time
/// of day names one instant).
pub fn parse_clock(s: &Scenario, text: &str) -> Result<SimTime, String> {
    let full = text;
    let bad = || {
        format!(
            "the time {:?} is not a time like 01:00:00 or d2+01:00:00",
            short(full)
        )
    };
    // "dN+": on the window's Nth calendar day; without it, the first such time of day.
    let (day, text) = match text.strip_prefix('d').and_then(|r| r.split_once('+')) {
        Some((n, rest)) => {
            let n: u64 = n
                .parse()
                .ok()
                .filter(|n| (1..=400).contains(n))
                .ok_or_else(bad)?;
            (Some(n), rest)
        }
        None => (None, text),
    };
    let (hms, ms) = match text.split_once('.') {
        Some((a, b)) if b.len() == 3 && b.bytes().all(|c| c.is_ascii_digit()) => {
            (a, b.parse::<u64>().map_err(|_| bad())?)
        }
        Some(_) => return Err(bad()),
        None => (text, 0),
    };
    let nums: Vec<u64> = hms
        .split(':')
        .map(|x| {
            if x.len() == 2 && x.bytes().all(|c| c.is_ascii_digit()) {
                x.parse().ok()
            } else {
                None
            }
        })
        .collect::<Option<_>>()
        .ok_or_else(bad)?;
    let (h, m, sec) = match nums[..] {
        [h, m] => (h, m, 0),
        [h, m, sec] => (h, m, sec),
        _ => return Err(bad()),
    };
    if h > 23 || m > 59 || sec > 59 {
        return Err(bad());
    }
    let of_day = h * HOUR + m * MINUTE + sec * SECOND + ms;
    let start = (s.epoch.hour as u64) * HOUR
        + (s.epoch.minute as u64) * MINUTE
        + (s.epoch.second as u64) * SECOND;
    let outside = || {
        format!(
            "the time {} is outside the scenario ({} to {})",
            short(full),
            clock(s, SimTime::ZERO),
            clock(s, s.window)
        )
    };
    let t = match day {
        // Midnight of day N is (N - 1) days after the start's midnight.
        Some(n) => ((n - 1) * 24 * HOUR + of_day)
            .checked_sub(start)
            .ok_or_else(outside)?,
        None => (of_day + 24 * HOUR - start) % (24 * HOUR),
    };
    if t > s.window.ms() {
        return Err(outside());
    }
    Ok(SimTime(t))
}

fn parse_params(v: &str, params: &mut Params, problems: &mut Vec<String>) -> Result<(), String> {
    for item in v.split(',').filter(|x| !x.is_empty()) {
        let Some((k, val)) = item.split_once(':') else {
            problems.push(format!("the parameter {:?} has no value", short(item)));
            continue;
        };
        let r = if params.choices().iter().any(|c| c.key == k) {
            params
                .set_choice(k, val)
                .map_err(|_| format!("{k} {:?} is not one of its options", short(val)))
        } else {
            val.parse::<u64>()
                .map_err(|_| format!("parameter {} needs a whole number", short(k)))
                .and_then(|n| params.set(k, n))
        };
        if let Err(e) = r {
            problems.push(e);
        }
    }
    if let Err(e) = params.validate() {
        problems.push(format!("{e}; using the default parameters"));
        *params = Params::default();
    }
    Ok(())
}

fn parse_script(s: &Scenario, v: &str, params: &Params) -> Result<Vec<Timed>, String> {
    let mut script = Vec::new();
    for (i, item) in v.split(';').filter(|x| !x.is_empty()).enumerate() {
        let (at, tok) = item
            .split_once('~')
            .ok_or_else(|| format!("intervention {} ({:?}) has no time", i + 1, short(item)))?;
        let at = parse_clock(s, at).map_err(|e| format!("intervention {}: {e}", i + 1))?;
        let what = parse_token(tok).ok_or_else(|| {
            format!(
                "intervention {} ({:?}) is not one this app knows",
                i + 1,
                short(tok)
            )
        })?;
        script.push(Timed { at, what });
    }
    s.check_script(&script, params)
        .map_err(|e| format!("the interventions are not usable: {e}"))?;
    Ok(script)
}

fn endpoint_token(e: Endpoint) -> String {
    match e {
        Endpoint::Regional => "regional".into(),
        Endpoint::Ipv6 => "ipv6".into(),
        Endpoint::Fips => "fips".into(),
        Endpoint::Account(n) => format!("acct-{n}"),
    }
}

fn parse_endpoint(s: &str) -> Option<Endpoint> {
    match s {
        "regional" => Some(Endpoint::Regional),
        "ipv6" => Some(Endpoint::Ipv6),
        "fips" => Some(Endpoint::Fips),
        _ => s.strip_prefix("acct-")?.parse().ok().map(Endpoint::Account),
    }
}

/// A field of an intervention as it appears in a link token: each field is one `.`-separated
/// part after the kind; an optional field, when absent, is no part at all.
pub trait TokenArg: Sized {
    fn write(&self, out: &mut String);
    fn read(parts: &mut std::str::Split<'_, char>) -> Option<Self>;
}

macro_rules! number_token {
    ($($t:ty),*) => {$(
        impl TokenArg for $t {
            fn write(&self, out: &mut String) {
                out.push('.');
                out.push_str(&self.to_string());
            }
            fn read(parts: &mut std::str::Split<'_, char>) -> Option<Self> {
                parts.next()?.parse().ok()
            }
        }
    )*};
}
number_token!(u8, u64);

impl<T: TokenArg> TokenArg for Option<T> {
    fn write(&self, out: &mut String) {
        if let Some(x) = self {
            x.write(out);
        }
    }
    fn read(parts: &mut std::str::Split<'_, char>) -> Option<Self> {
        if parts.clone().next().is_none() {
            return Some(None);
        }
        T::read(parts).map(Some)
    }
}

impl TokenArg for bool {
    fn write(&self, out: &mut String) {
        out.push_str(if *self { ".on" } else { ".off" });
    }
    fn read(parts: &mut std::str::Split<'_, char>) -> Option<Self> {
        match parts.next()? {
            "on" => Some(true),
            "off" => Some(false),
            _ => None,
        }
    }
}

impl TokenArg for Endpoint {
    fn write(&self, out: &mut String) {
        out.push('.');
        out.push_str(&endpoint_token(*self));
    }
    fn read(parts: &mut std::str::Split<'_, char>) -> Option<Self> {
        parse_endpoint(parts.next()?)
    }
}

impl TokenArg for Mitigation {
    fn write(&self, out: &mut String) {
        out.push('.');
        out.push_str(self.spec().token);
    }
    fn read(parts: &mut std::str::Split<'_, char>) -> Option<Self> {
        let t = parts.next()?;
        crate::intervention::MITIGATIONS
            .iter()
            .find(|m| m.token == t)
            .map(|m| m.mitigation)
    }
}

impl TokenArg for RetryPolicy {
    fn write(&self, out: &mut String) {
        out.push('.');
        out.push_str(self.id());
    }
    fn read(parts: &mut std::str::Split<'_, char>) -> Option<Self> {
        RetryPolicy::parse(parts.next()?)
    }
}

/// The short token of an intervention in a link.
pub fn token(what: &Intervention) -> String {
    what.token()
}

pub fn parse_token(tok: &str) -> Option<Intervention> {
    Intervention::parse_token(tok)
}

/// `%XX` sequences decoded to the bytes they stand for; the text as it was if that would not be
/// UTF-8. A '%' not followed by two hex digits stays.
pub fn percent_decoded(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(a), Some(b)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(a * 16 + b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}
