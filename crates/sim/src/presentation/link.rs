//! Scenario links: the URL fragment that holds everything that determines what a person sees.
//! Readable where it can be (times are wall-clock times a lecturer can edit by hand), compact
//! where it must (interventions are short tokens). Decoding never panics: a bad part is dropped
//! with a message and the rest is kept; a link that is not ours, or from a future version, is
//! refused as a whole with one message.
//!
//! `#v=1&scenario=aws-2025-10-us-east-1&seed=1&t=01:00:00&node=dynamodb&speed=600000&chapter=3`
//! `&theme=dark&embed=1&from=ch2&to=ch4&presenter=1&p=droplets:100000,client_retry:backoff-jitter`
//! `&script=23:46:25~delay-enactor.0;02:25:00~restore-record` (absent: the "as it happened" script)
//! `&vs=1&vs.script=…` (a run compared with this one; see `Against`)
//! `&lecture=2011,2020,2025` (a lecture across outages, this one among them; see `Lecture`)
//! `&comparison=1` (the lecture's closing chapter, which compares its outages)

use crate::engine::time::{SimTime, HOUR, MINUTE, SECOND};
use crate::presentation::range::{Bound, Range};
use crate::presentation::run::{Inputs, NodeRef, Step};
use crate::presentation::scenario::Scenario;

pub const VERSION: u32 = 1;
/// Longer fragments are refused before any parsing: no link of ours comes near it.
pub const MAX_LEN: usize = 16 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub scenario: String,
    pub seed: u64,
    /// Parameters that differ from the model's defaults: (key, value as text).
    pub params: Vec<(String, String)>,
    /// `None`: the scenario's "as it happened" script.
    pub script: Option<Vec<Step>>,
    pub t: SimTime,
    pub speed: Option<u64>,
    pub node: Option<NodeRef>,
    pub chapter: Option<u32>,
    pub theme: Option<String>,
    pub embed: bool,
    /// The presenter's view of the lecture (narration, speaker's notes, clocks), which keeps
    /// the projector's window in step.
    pub presenter: bool,
    /// The part of the outage an embed is confined to (`from=`, `to=`); only with `embed`.
    pub range: Option<Range>,
    /// The run this one is compared with ("A"; this link's run is "B"), if any.
    pub against: Option<Against>,
    /// The lecture across outages this outage is told in, if any.
    pub lecture: Option<Lecture>,
}

/// The most outages one lecture strings together.
pub const MAX_LECTURE: usize = 8;

/// A lecture across outages: the outages it tells, in order, each as the link writes it (a
/// year, which names the one outage of that year, or an outage's id), and whether its closing
/// chapter, the comparison of its outages, is on screen. The outage on screen is the link's
/// scenario, and its chapter the link's chapter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lecture {
    pub outages: Vec<String>,
    pub comparison: bool,
}

impl Lecture {
    /// Every outage of `ids`, oldest first, each by its year where no other outage shares it.
    pub fn all_oldest_first(ids: &[&str]) -> Lecture {
        let mut sorted: Vec<&str> = ids.to_vec();
        sorted.sort_by_key(|id| (year(id), *id));
        let outages = sorted
            .iter()
            .map(|id| match year(id) {
                Some(y) if ids.iter().filter(|o| year(o) == Some(y)).count() == 1 => y.to_string(),
                _ => id.to_string(),
            })
            .collect();
        Lecture {
            outages,
            comparison: false,
        }
    }

    /// Whether `item` (as the link writes it) names outage `id`.
    pub fn names(item: &str, id: &str) -> bool {
        item == id || year(id) == Some(item)
    }

    /// The place of outage `id` in the lecture.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.outages.iter().position(|o| Lecture::names(o, id))
    }

    /// The lecture's outages as ids of `ids`, or what is wrong with it: an outage none of them
    /// is, or a year two of them share.
    pub fn ids(&self, ids: &[&str]) -> Result<Vec<String>, String> {
        self.outages
            .iter()
            .map(|item| {
                let named: Vec<&&str> = ids.iter().filter(|id| Lecture::names(item, id)).collect();
                match named[..] {
                    [one] => Ok(one.to_string()),
                    [] => Err(format!(
                        "the lecture names {:?}, which is none of this app's outages ({})",
                        short(item),
                        ids.join(", ")
                    )),
                    _ => Err(format!(
                        "the lecture's {:?} names several outages; name one by its id",
                        short(item)
                    )),
                }
            })
            .collect()
    }

    pub fn parse(v: &str) -> Result<Vec<String>, String> {
        let bad = || {
            format!(
                "the lecture {:?} is not a list of outages like 2011,2020,2025",
                short(v)
            )
        };
        let items: Vec<String> = v.split(',').map(str::to_string).collect();
        let well_formed = |i: &String| {
            (1..=40).contains(&i.len())
                && i.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        if !items.iter().all(well_formed) {
            return Err(bad());
        }
        if items.len() > MAX_LECTURE {
            return Err(format!(
                "the lecture names {} outages; one lecture tells at most {MAX_LECTURE}",
                items.len()
            ));
        }
        if let Some((_, dup)) = items
            .iter()
            .enumerate()
            .find(|(i, x)| items[..*i].contains(x))
        {
            return Err(format!("the lecture names {:?} twice", short(dup)));
        }
        Ok(items)
    }
}

/// The year an outage's id names (`aws-2025-10-us-east-1`: "2025").
fn year(id: &str) -> Option<&str> {
    id.split('-')
        .find(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The inputs of the run a link compares its own with: `vs=1&vs.seed=…&vs.p=…&vs.script=…`, each
/// part as the link's own (absent `vs.script`: the scenario's "as it happened" script).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Against {
    pub seed: u64,
    pub params: Vec<(String, String)>,
    pub script: Option<Vec<Step>>,
}

impl Against {
    pub fn of(scenario: &Scenario, inputs: &Inputs) -> Against {
        let l = Link::of(scenario, inputs);
        Against {
            seed: l.seed,
            params: l.params,
            script: l.script,
        }
    }

    pub fn inputs(&self, scenario: &Scenario) -> Inputs {
        Inputs {
            scenario: scenario.id().to_string(),
            seed: self.seed,
            params: self.params.clone(),
            script: self
                .script
                .clone()
                .unwrap_or_else(|| scenario.default_script.clone()),
        }
    }
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
            params: Vec::new(),
            script: None,
            t: SimTime::ZERO,
            speed: None,
            node: None,
            chapter: None,
            theme: None,
            embed: false,
            presenter: false,
            range: None,
            against: None,
            lecture: None,
        }
    }

    pub fn script_or_default<'a>(&'a self, scenario: &'a Scenario) -> &'a [Step] {
        self.script.as_deref().unwrap_or(&scenario.default_script)
    }

    /// What the link asks to run.
    pub fn inputs(&self, scenario: &Scenario) -> Inputs {
        Inputs {
            scenario: self.scenario.clone(),
            seed: self.seed,
            params: self.params.clone(),
            script: self.script_or_default(scenario).to_vec(),
        }
    }

    /// A link to these inputs (the script left implicit when it is the scenario's own).
    pub fn of(scenario: &Scenario, inputs: &Inputs) -> Link {
        let mut link = Link::new(scenario);
        link.seed = inputs.seed;
        link.params = inputs.params.clone();
        link.script = (inputs.script != scenario.default_script).then(|| inputs.script.clone());
        link
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
        if self.presenter {
            parts.push("presenter=1".into());
        }
        if let Some(l) = &self.lecture {
            parts.push(format!("lecture={}", l.outages.join(",")));
            if l.comparison {
                parts.push("comparison=1".into());
            }
        }
        if let Some(r) = &self.range {
            for (key, bound) in [("from", r.from), ("to", r.to)] {
                if let Some(b) = bound {
                    parts.push(format!("{key}={}", b.encode(scenario)));
                }
            }
        }
        run_parts(
            scenario,
            "",
            &self.params,
            self.script.as_deref(),
            &mut parts,
        );
        if let Some(a) = &self.against {
            parts.push("vs=1".into());
            if a.seed != crate::DEFAULT_SEED {
                parts.push(format!("vs.seed={}", a.seed));
            }
            run_parts(scenario, "vs.", &a.params, a.script.as_deref(), &mut parts);
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
        // The compared run's parts, read as a link's own.
        let mut against: Option<Link> = None;
        let mut comparison = false;
        let mut problems = Vec::new();
        // The range is checked once the whole link is read: it needs `embed`, `t` and `chapter`.
        let mut range = Range {
            from: None,
            to: None,
        };
        let mut t_given = false;
        for (k, v) in &fields {
            let r: Result<(), String> = match *k {
                "v" | "scenario" => Ok(()),
                "seed" => v
                    .parse()
                    .map(|s| link.seed = s)
                    .map_err(|_| format!("the seed {:?} is not a whole number", short(v))),
                "t" => parse_clock(&scenario, v).map(|t| {
                    link.t = t;
                    t_given = true;
                }),
                "node" => scenario
                    .node(v)
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
                "theme" if ["light", "dark", "presenter", "stage-dark"].contains(v) => {
                    link.theme = Some(v.to_string());
                    Ok(())
                }
                "theme" => Err(format!("there is no theme {:?}", short(v))),
                "embed" => {
                    link.embed = *v == "1";
                    Ok(())
                }
                "presenter" => {
                    link.presenter = *v == "1";
                    Ok(())
                }
                "lecture" => Lecture::parse(v).map(|outages| {
                    link.lecture = Some(Lecture {
                        outages,
                        comparison: false,
                    })
                }),
                "comparison" if *v == "1" => {
                    comparison = true;
                    Ok(())
                }
                "comparison" => Err(format!(
                    "the comparison {:?} is not one this app reads",
                    short(v)
                )),
                "from" => Bound::parse(&scenario, v)
                    .map(|b| range.from = Some(b))
                    .map_err(|e| format!("the range's start: {e}")),
                "to" => Bound::parse(&scenario, v)
                    .map(|b| range.to = Some(b))
                    .map_err(|e| format!("the range's end: {e}")),
                "p" => parse_params(&scenario, v, &mut link.params, &mut problems),
                "script" => parse_script(&scenario, v).map(|s| link.script = Some(s)),
                "vs" if *v == "1" => {
                    against.get_or_insert_with(|| Link::new(&scenario));
                    Ok(())
                }
                "vs" => Err(format!(
                    "the comparison {:?} is not one this app reads",
                    short(v)
                )),
                "vs.seed" => v
                    .parse()
                    .map(|s| against.get_or_insert_with(|| Link::new(&scenario)).seed = s)
                    .map_err(|_| {
                        format!(
                            "the compared run's seed {:?} is not a whole number",
                            short(v)
                        )
                    }),
                "vs.p" => {
                    let a = against.get_or_insert_with(|| Link::new(&scenario));
                    parse_params(&scenario, v, &mut a.params, &mut problems)
                }
                "vs.script" => parse_script(&scenario, v)
                    .map(|s| against.get_or_insert_with(|| Link::new(&scenario)).script = Some(s))
                    .map_err(|e| format!("the compared run: {e}")),
                other => Err(format!(
                    "the part {:?} is not one this app knows",
                    short(other)
                )),
            };
            if let Err(e) = r {
                problems.push(e);
            }
        }
        // A lecture's position is the outage on screen: one the lecture tells.
        if let Some(l) = &mut link.lecture {
            if l.position(&link.scenario).is_none() {
                problems.push(format!(
                    "the lecture ({}) does not tell this outage, so it was left out",
                    l.outages.join(",")
                ));
                link.lecture = None;
            } else {
                l.comparison = comparison;
            }
        } else if comparison {
            problems.push("the comparison closes a lecture, and this link has none".into());
        }
        if range.from.is_some() || range.to.is_some() {
            confine(&scenario, range, t_given, &mut link, &mut problems);
        }
        if link.script.is_some() {
            if let Err(e) = scenario
                .model
                .check(&link.inputs(&scenario), scenario.window)
            {
                problems.push(format!(
                    "the interventions do not fit these parameters ({e})"
                ));
                link.script = None;
            }
        }
        if let Some(mut a) = against {
            if let Err(e) = scenario.model.check(&a.inputs(&scenario), scenario.window) {
                problems.push(format!(
                    "the compared run's interventions do not fit its parameters ({e})"
                ));
                a.script = None;
            }
            link.against = Some(Against {
                seed: a.seed,
                params: a.params,
                script: a.script,
            });
        }
        Ok((Decoded { link, problems }, scenario))
    }
}

/// An embed's range applied to the link read so far: a moment or chapter outside it is brought
/// inside with a message; without a moment, the link opens at the range's start (on its first
/// chapter when the range starts with one).
fn confine(
    scenario: &Scenario,
    range: Range,
    t_given: bool,
    link: &mut Link,
    problems: &mut Vec<String>,
) {
    if !link.embed {
        problems.push(
            "a range (from, to) is for an embed (embed=1); the link opens without one".into(),
        );
        return;
    }
    let span = match range.span(scenario) {
        Ok(span) => span,
        Err(e) => {
            problems.push(format!("{e}; the link opens without a range"));
            return;
        }
    };
    if !t_given {
        link.t = span.from;
        if let (None, Some(Bound::Chapter(n))) = (link.chapter, range.from) {
            link.chapter = Some(n - 1);
        }
    } else if !span.contains(link.t) {
        let edge = span.clamp(link.t);
        problems.push(format!(
            "the time {} is outside the embed's range ({} to {}); it opens at {}",
            clock(scenario, link.t),
            clock(scenario, span.from),
            clock(scenario, span.to),
            clock(scenario, edge)
        ));
        link.t = edge;
    }
    if let Some(c) = link.chapter.filter(|c| !span.holds_chapter(*c as usize)) {
        problems.push(format!(
            "chapter {} is outside the embed's range, so no chapter is shown",
            c + 1
        ));
        link.chapter = None;
    }
    link.range = Some(range);
}

/// A run's parameters and script as a link writes them, each key after `prefix`.
fn run_parts(
    scenario: &Scenario,
    prefix: &str,
    params: &[(String, String)],
    script: Option<&[Step]>,
    parts: &mut Vec<String>,
) {
    let p: Vec<String> = params.iter().map(|(k, v)| format!("{k}:{v}")).collect();
    if !p.is_empty() {
        parts.push(format!("{prefix}p={}", p.join(",")));
    }
    if let Some(script) = script {
        let s: Vec<String> = script
            .iter()
            .map(|t| format!("{}~{}", clock(scenario, t.at), t.token))
            .collect();
        parts.push(format!("{prefix}script={}", s.join(";")));
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

/// Each parameter kept if the model takes it (alone, then with the others); each one it does
/// not take is a problem, and the rest stand.
fn parse_params(
    s: &Scenario,
    v: &str,
    params: &mut Vec<(String, String)>,
    problems: &mut Vec<String>,
) -> Result<(), String> {
    let with = |params: &[(String, String)]| Inputs {
        scenario: s.id().to_string(),
        seed: 0,
        params: params.to_vec(),
        script: Vec::new(),
    };
    for item in v.split(',').filter(|x| !x.is_empty()) {
        let Some((k, val)) = item.split_once(':') else {
            problems.push(format!("the parameter {:?} has no value", short(item)));
            continue;
        };
        let one = [(k.to_string(), val.to_string())];
        match s.model.check(&with(&one), s.window) {
            Ok(()) => {
                params.retain(|(key, _)| key != k);
                params.push((k.to_string(), val.to_string()));
            }
            Err(e) => problems.push(short_message(&e)),
        }
    }
    if let Err(e) = s.model.check(&with(params), s.window) {
        problems.push(format!("{e}; using the default parameters"));
        params.clear();
    }
    Ok(())
}

fn short_message(e: &str) -> String {
    e.chars().take(200).collect()
}

/// The script's items, each read by the scenario's model; it stands or falls as a whole.
fn parse_script(s: &Scenario, v: &str) -> Result<Vec<Step>, String> {
    let mut script = Vec::new();
    for (i, item) in v.split(';').filter(|x| !x.is_empty()).enumerate() {
        let (at, tok) = item
            .split_once('~')
            .ok_or_else(|| format!("intervention {} ({:?}) has no time", i + 1, short(item)))?;
        let at = parse_clock(s, at).map_err(|e| format!("intervention {}: {e}", i + 1))?;
        if s.model.label(tok).is_none() {
            return Err(format!(
                "intervention {} ({:?}) is not one this app knows",
                i + 1,
                short(tok)
            ));
        }
        script.push(Step {
            at,
            token: tok.to_string(),
        });
    }
    let inputs = Inputs {
        scenario: s.id().to_string(),
        seed: 0,
        params: Vec::new(),
        script: script.clone(),
    };
    s.model
        .check(&inputs, s.window)
        .map_err(|e| format!("the interventions are not usable: {e}"))?;
    Ok(script)
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
