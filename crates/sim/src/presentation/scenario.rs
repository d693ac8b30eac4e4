//! A scenario is data: its window, the map's layout, the dependency edges, the reference
//! timeline with source tags, and the "as it happened" script. The UI renders it; a new outage
//! is a new scenario file.

use crate::engine::model::Health;
use crate::engine::time::{Civil, SimTime};
use crate::presentation::challenge::{Challenge, CheckedChallenge, Trigger, Verdict};
use crate::presentation::run::{Inputs, ModelDyn, NodeRef, Step};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Canvas {
    pub width: u32,
    pub height: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Group {
    pub id: String,
    pub label: String,
    /// The nodes it encloses: the map draws its outline around them.
    pub members: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    pub x: i32,
    pub y: i32,
    #[serde(default)]
    pub az: Option<String>,
    pub about: String,
    /// The name the map shows, where the service's full name would crowd it.
    #[serde(default)]
    pub label: Option<String>,
}

/// The map again for a narrow screen held upright (a phone): the same nodes at other places on
/// a narrower canvas, so that drawn at the phone's width the names stay legible.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Portrait {
    pub canvas: Canvas,
    /// Every node of the map, once.
    pub nodes: Vec<Place>,
}

/// A node's centre on the portrait map.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: String,
    pub x: i32,
    pub y: i32,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Edge {
    /// The dependency (cause side).
    pub from: String,
    /// The dependent (effect side).
    pub to: String,
    /// Source tag of the weakest support for this edge (P, Q, S2, S1).
    pub tag: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Reference {
    pub at: String,
    #[serde(default)]
    pub service: Option<String>,
    pub tag: String,
    pub what: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReferenceWindow {
    pub service: String,
    pub from: String,
    pub to: String,
    /// The source tag of the start (and of the end, unless `to_tag` says otherwise).
    pub tag: String,
    /// The end's source tag, where another source dates it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_tag: Option<String>,
    pub what: String,
    /// What agreement at the start, and at the end, shows (see [`Basis`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_basis: Option<Basis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_basis: Option<Basis>,
    /// The health at which the start, and the end, is read: absent, where the service becomes
    /// and stops being impaired (degraded or down); `down`, where it becomes or stops being
    /// down, for what the record dates as a significant rise or a partial recovery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_health: Option<Health>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_health: Option<Health>,
    /// Why the run misses the start or the end, where it does: a known departure from the
    /// record, shown in "Model and reality" beside the run's own times.
    #[serde(default, skip_serializing_if = "Departs::is_empty")]
    pub departs: Departs,
}

/// Why a window's start or end is missed, each where it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Departs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

impl Departs {
    pub fn is_empty(&self) -> bool {
        self.start.is_none() && self.end.is_none()
    }
}

/// How a reference boundary relates to the model, and so what the run's agreement with it
/// shows. Agreement at a fitted or scripted boundary is calibration: it guards against
/// regressions but tests nothing. Only a predicted boundary tests the model's mechanisms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BoundaryClass {
    /// A parameter was fitted to it, or it follows one that was after a fixed lag.
    Fitted,
    /// The script sets it (an operators' action at that time), or it follows one after a
    /// fixed lag.
    Scripted,
    /// Neither fitted to nor set by the script: what the mechanisms make of stated quantities.
    Predicted,
}

impl BoundaryClass {
    pub fn word(self) -> &'static str {
        match self {
            BoundaryClass::Fitted => "fitted",
            BoundaryClass::Scripted => "scripted",
            BoundaryClass::Predicted => "predicted",
        }
    }
}

/// A boundary's class and what makes it so: for a fitted one the parameter fitted (or
/// `script:<token>` where the fitted number is a count in the script), for a scripted one the
/// kind of the script's step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basis {
    pub class: BoundaryClass,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

impl Basis {
    /// As a reader sees it: "fitted: negative_ttl_ms", "predicted".
    pub fn describe(&self) -> String {
        match &self.by {
            Some(by) => format!("{}: {by}", self.class.word()),
            None => self.class.word().to_string(),
        }
    }
}

impl ReferenceWindow {
    /// The end's source tag.
    pub fn end_tag(&self) -> &str {
        self.to_tag.as_deref().unwrap_or(&self.tag)
    }

    /// Its tags as a reader sees them: "P", or "S2 → P" where the end has another source.
    pub fn tags(&self) -> String {
        boundary_tags(&self.tag, self.end_tag())
    }
}

/// A window's source tags as a reader sees them: one tag, or the start's and the end's.
pub fn boundary_tags(start: &str, end: &str) -> String {
    if start == end {
        start.to_string()
    } else {
        format!("{start} → {end}")
    }
}

/// One step of the guided story: an instant, a node to look at, and sourced narration.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Chapter {
    pub title: String,
    pub at: String,
    pub node: String,
    pub narration: String,
    /// Source tags of the facts the narration states, strongest first.
    pub tags: Vec<String>,
    /// What the narration says the map shows at `at`: checked against the default run, so the
    /// story never contradicts the picture beside it.
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// The quantities that carry the chapter's lesson, drawn large beside their nodes.
    #[serde(default)]
    pub callouts: Vec<Callout>,
    /// The mechanism view (by the id its model gives it) that shows how the chapter's moment
    /// comes about; on stage it stands beside the map.
    #[serde(default)]
    pub mechanism: Option<String>,
    /// A question the room answers before the narration gives it away (predict, then see).
    #[serde(default)]
    pub question: Option<Question>,
    /// The speaker's notes, for the presenter's view only: what to point at, what to ask the
    /// room, the misconception to expect.
    #[serde(default)]
    pub notes: Option<String>,
}

impl Chapter {
    /// The nodes the chapter's narration is about: its own, and those it makes claims of, each
    /// once, in that order.
    pub fn nodes(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = vec![self.node.as_str()];
        for id in self.claims.iter().map(|c| c.node.as_str()) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }
}

/// What a chapter asks the room before its narration: the question, the choices, and which of
/// them (counted from 0) the narration bears out.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub ask: String,
    pub choices: Vec<String>,
    pub answer: usize,
}

/// A chapter's number on the map: a row of a node's details (what the inspector lists), by its
/// label, optionally against another row that is its limit ("Most threads on a server" against
/// "OS thread limit"). Alternatives are separated by `|` where the model names the row by state
/// ("Applying plan|Last applied plan").
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Callout {
    pub node: String,
    pub row: String,
    #[serde(default)]
    pub limit: Option<String>,
}

/// Most callouts a chapter may draw: more is not read from the back of a room.
pub const MAX_CALLOUTS: usize = 3;

impl Callout {
    /// The row's value among a node's details, and its limit's, if the details have them.
    pub fn read(&self, details: &[(String, String)]) -> Option<(String, Option<String>)> {
        let find = |spec: &str| {
            spec.split('|')
                .find_map(|want| details.iter().find(|(k, _)| k == want.trim()))
                .map(|(_, v)| v.clone())
        };
        let value = find(&self.row)?;
        let limit = match &self.limit {
            Some(l) => Some(find(l)?),
            None => None,
        };
        Some((value, limit))
    }
}

/// "This node shows this health" at a chapter's instant.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub node: String,
    pub health: Health,
}

/// What the source tags mean and the documents behind them, shown beside the story.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    pub tags: Vec<TagMeaning>,
    /// The primary source first.
    pub documents: Vec<Document>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagMeaning {
    pub tag: String,
    /// A few words, legible on a chip beside a chapter.
    pub label: String,
    pub meaning: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub title: String,
    /// Who wrote it, relative to the incident: the operator's own summary, a quote of it, a
    /// write-up.
    pub kind: String,
    /// The original's address, never a mirror's.
    #[serde(default)]
    pub address: Option<String>,
    /// Why it has no address, where it has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_address: Option<String>,
    pub tags: Vec<String>,
    /// What in the scenario rests on it.
    pub supports: String,
}

/// A script entry as written in scenario files: the time as RFC 3339 and the intervention as
/// its link token (`"do": "delay-enactor.0"`), read by the scenario's model.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptEntry {
    pub at: String,
    #[serde(rename = "do")]
    pub token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ScenarioFile {
    pub id: String,
    pub title: String,
    pub subtitle: String,
    pub start: String,
    pub end: String,
    pub timezone: String,
    pub source: String,
    pub canvas: Canvas,
    pub groups: Vec<Group>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub reference: Vec<Reference>,
    pub windows: Vec<ReferenceWindow>,
    pub script: Vec<ScriptEntry>,
    #[serde(default)]
    pub chapters: Vec<Chapter>,
    #[serde(default)]
    pub challenges: Vec<Challenge>,
    /// The incident's trigger: a challenge is judged only in a run that has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Trigger>,
    /// The instant a fresh page opens at (default: the start), so the first screen shows the
    /// outage rather than a quiet map.
    #[serde(default)]
    pub opens_at: Option<String>,
    /// A fresh page (no link) opens on a title card over this chapter, numbered from 1 as on
    /// screen, with `opens_at` one key away; absent: no card, the page opens at `opens_at`.
    #[serde(default)]
    pub opens_on_chapter: Option<usize>,
    #[serde(default)]
    pub sources: Sources,
    /// Nodes with a row on the timeline's health strip, one per phase of the cascade.
    #[serde(default)]
    pub strip: Vec<String>,
    #[serde(default)]
    pub charts: Vec<ChartSpec>,
    /// Where the model departs from the record, a sentence each: shown under "Model and
    /// reality" so a comparison is read with its caveats.
    #[serde(default)]
    /// What the model does differently from the record beyond any one window (its trigger as
    /// an input, a seed-dependent race, parameters AWS did not give). The windows' own misses
    /// and the impairments no window covers are computed from the run (`reality::departures`).
    pub departures: Vec<String>,
    /// The outage in three points, set beside the other outages' at the end of a lecture
    /// across outages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<Lesson>,
    /// The map laid out for a phone held upright; without it a phone shows the map above.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portrait: Option<Portrait>,
}

/// What a lecture across outages compares: what triggered the outage, what kept it going after
/// the trigger was gone, and what its recovery took. (How long it took is the run's to say.)
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub trigger: LessonPoint,
    pub sustained: LessonPoint,
    pub recovery: LessonPoint,
}

/// One point of a lesson: a sentence or two, and the source tags of the facts it states.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LessonPoint {
    pub text: String,
    pub tags: Vec<String>,
}

impl Lesson {
    pub fn points(&self) -> [&LessonPoint; 3] {
        [&self.trigger, &self.sustained, &self.recovery]
    }

    /// Every point says something, and says where it comes from.
    fn check(&self) -> Result<(), String> {
        for (name, p) in ["trigger", "sustained", "recovery"]
            .into_iter()
            .zip(self.points())
        {
            if p.text.trim().is_empty() {
                return Err(format!("the lesson's {name} has no text"));
            }
            if p.tags.is_empty() {
                return Err(format!("the lesson's {name} has no source tags"));
            }
        }
        Ok(())
    }
}

/// A small chart under the timeline: named quantities of the run over time.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    pub title: String,
    /// Values are shares, shown as percentages.
    #[serde(default)]
    pub shares: bool,
    /// What the values count ("threads", "leases/min"), said on the axis; none for shares.
    #[serde(default)]
    pub unit: Option<String>,
    /// The axis starts at the smallest value plotted instead of zero, so a crossing near a
    /// limit is visible (threads around the OS limit).
    #[serde(default)]
    pub zoom: bool,
    pub series: Vec<SeriesSpec>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesSpec {
    pub label: String,
    /// `error:<node>` or one of the model's quantities.
    pub gauge: String,
    /// A limit, drawn apart from the values (a dashed line with its name), not as one more
    /// value.
    #[serde(default)]
    pub limit: bool,
}

/// A checked scenario: times resolved to simulated instants, node ids to its model's nodes.
#[derive(Clone)]
pub struct Scenario {
    pub file: ScenarioFile,
    pub epoch: Civil,
    pub window: SimTime,
    /// The "as it happened" script, as tokens.
    pub default_script: Vec<Step>,
    pub model: &'static dyn ModelDyn,
    nodes: Vec<NodeRef>,
    /// The challenges, resolved once when the file is read.
    goals: Vec<CheckedChallenge>,
}

impl std::fmt::Debug for Scenario {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scenario")
            .field("id", &self.file.id)
            .field("window", &self.window)
            .finish_non_exhaustive()
    }
}

/// One line about a built-in scenario, for a list to pick from.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Summary {
    pub id: String,
    pub title: String,
    pub subtitle: String,
}

/// What to say of a scenario id the build does not carry, whichever table it looked in.
pub fn unknown_scenario<'a>(id: &str, available: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = available.collect();
    format!("unknown scenario {id:?}; available: {}", ids.join(", "))
}

impl Scenario {
    /// The map as a diagram (boxes, routed edges, groups), from the file's node centres. `view`
    /// is any instant of a run of this scenario: it names what each edge carries, so the layout
    /// keeps room for the longest numbers an edge can show.
    pub fn map_layout(&self) -> crate::presentation::layout::MapLayout {
        let at: Vec<(i32, i32)> = self.file.nodes.iter().map(|n| (n.x, n.y)).collect();
        self.lay_out(&self.file.canvas, &at)
    }

    /// The map for a phone held upright, from the file's `portrait` places, if it has them.
    pub fn portrait_layout(&self) -> Option<crate::presentation::layout::MapLayout> {
        let portrait = self.file.portrait.as_ref()?;
        let at = self
            .file
            .nodes
            .iter()
            .map(|n| {
                let p = portrait.nodes.iter().find(|p| p.id == n.id)?;
                Some((p.x, p.y))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(self.lay_out(&portrait.canvas, &at))
    }

    /// The map on `canvas` with the file's nodes centred at `at` (in the file's order).
    fn lay_out(
        &self,
        canvas: &Canvas,
        at: &[(i32, i32)],
    ) -> crate::presentation::layout::MapLayout {
        use crate::presentation::layout::{layout, EdgeSpec, GroupSpec, NodeSpec};
        let name = |n: &Node| -> String {
            n.label.clone().unwrap_or_else(|| {
                self.node(&n.id)
                    .map(|s| s.name().to_string())
                    .unwrap_or_else(|| n.id.clone())
            })
        };
        let names: Vec<String> = self.file.nodes.iter().map(name).collect();
        let nodes: Vec<NodeSpec> = self
            .file
            .nodes
            .iter()
            .zip(&names)
            .zip(at)
            .map(|((n, name), &(x, y))| NodeSpec {
                id: &n.id,
                x,
                y,
                name,
                az: n.az.as_deref(),
            })
            .collect();
        let ends: Vec<Option<(NodeRef, NodeRef)>> = self
            .file
            .edges
            .iter()
            .map(|e| Some((self.node(&e.from)?, self.node(&e.to)?)))
            .collect();
        let known: Vec<(NodeRef, NodeRef)> = ends.iter().flatten().copied().collect();
        let mut counted = self.model.counts(&known).into_iter();
        let firsts: Vec<String> = ends
            .iter()
            .map(|end| {
                let what = end.and_then(|_| counted.next()).unwrap_or("");
                if what.is_empty() {
                    "100% of normal".to_string()
                } else {
                    format!("99999 {what}/min")
                }
            })
            .collect();
        let edges: Vec<EdgeSpec> = self
            .file
            .edges
            .iter()
            .zip(&firsts)
            .map(|(e, first)| EdgeSpec {
                from: &e.from,
                to: &e.to,
                label_lines: [first, "100% fail"],
            })
            .collect();
        let groups: Vec<GroupSpec> = self
            .file
            .groups
            .iter()
            .map(|g| GroupSpec {
                label: &g.label,
                members: g.members.iter().map(String::as_str).collect(),
            })
            .collect();
        layout(
            canvas.width as i32,
            canvas.height as i32,
            &nodes,
            &edges,
            &groups,
        )
    }

    /// Check a scenario file against the model that runs it (which the caller's registry
    /// found): its times, its nodes against the model's, what its chapters, challenges and
    /// script name.
    pub fn checked(file: ScenarioFile, model: &'static dyn ModelDyn) -> Result<Scenario, String> {
        let epoch = Civil::parse_rfc3339(&file.start)?;
        let end = Civil::parse_rfc3339(&file.end)?;
        let window = epoch
            .offset_of(&end)
            .filter(|w| w.ms() > 0)
            .ok_or("scenario ends before it starts")?;
        let nodes = model.nodes();
        for n in &file.nodes {
            if !nodes.iter().any(|m| m.id() == n.id) {
                return Err(format!(
                    "scenario node {:?} is not a service this model knows",
                    n.id
                ));
            }
        }
        for e in &file.edges {
            for id in [&e.from, &e.to] {
                if !file.nodes.iter().any(|n| &n.id == id) {
                    return Err(format!("edge names unknown node {id:?}"));
                }
            }
        }
        for g in &file.groups {
            for id in &g.members {
                if !file.nodes.iter().any(|n| &n.id == id) {
                    return Err(format!("group {:?} names unknown node {id:?}", g.id));
                }
            }
        }
        if let Some(p) = &file.portrait {
            for place in &p.nodes {
                if !file.nodes.iter().any(|n| n.id == place.id) {
                    return Err(format!("portrait places unknown node {:?}", place.id));
                }
            }
            for n in &file.nodes {
                let times = p.nodes.iter().filter(|place| place.id == n.id).count();
                if times != 1 {
                    return Err(format!(
                        "portrait places node {:?} {times} times (once, please)",
                        n.id
                    ));
                }
            }
        }
        let mut s = Scenario {
            epoch,
            window,
            default_script: Vec::new(),
            model,
            nodes,
            goals: Vec::new(),
            file,
        };
        for r in &s.file.reference {
            s.at(&r.at)?;
        }
        for c in &s.file.chapters {
            s.at(&c.at)?;
            s.node(&c.node)
                .ok_or_else(|| format!("chapter {:?} names unknown node {:?}", c.title, c.node))?;
            if let Some(bad) = c.claims.iter().find(|x| s.node(&x.node).is_none()) {
                return Err(format!(
                    "chapter {:?} claims something of unknown node {:?}",
                    c.title, bad.node
                ));
            }
            if let Some(bad) = c.callouts.iter().find(|x| s.node(&x.node).is_none()) {
                return Err(format!(
                    "chapter {:?} calls out a number of unknown node {:?}",
                    c.title, bad.node
                ));
            }
            if let Some(m) = &c.mechanism {
                if !s.model.mechanisms().iter().any(|v| v.id == m) {
                    return Err(format!(
                        "chapter {:?} shows mechanism view {m:?}, which this outage's model does not offer",
                        c.title
                    ));
                }
            }
            if let Some(q) = &c.question {
                if q.choices.len() < 2 || q.answer >= q.choices.len() {
                    return Err(format!(
                        "chapter {:?} asks a question whose answer ({}) is not one of its {} choices (at least two, counted from 0)",
                        c.title,
                        q.answer,
                        q.choices.len()
                    ));
                }
            }
            if c.notes.as_deref().is_some_and(|n| n.trim().is_empty()) {
                return Err(format!(
                    "chapter {:?} has empty speaker's notes (leave `notes` out instead)",
                    c.title
                ));
            }
            if c.callouts.len() > MAX_CALLOUTS {
                return Err(format!(
                    "chapter {:?} calls out {} numbers; at most {MAX_CALLOUTS} are read from the back of a room",
                    c.title,
                    c.callouts.len()
                ));
            }
        }
        if let Some(n) = s.file.opens_on_chapter {
            if n == 0 || n > s.file.chapters.len() {
                return Err(format!(
                    "opens_on_chapter is {n}, but chapters are numbered 1 to {}",
                    s.file.chapters.len()
                ));
            }
        }
        if let Some(l) = &s.file.lesson {
            l.check()?;
        }
        s.check_sources()?;
        for c in &s.file.challenges {
            s.at(&c.at)?;
            s.node(&c.node).ok_or_else(|| {
                format!("challenge {:?} names unknown node {:?}", c.title, c.node)
            })?;
            let goal = CheckedChallenge::check(c, &s)?;
            s.goals.push(goal);
        }
        if let Some(at) = &s.file.opens_at {
            s.at(at)?;
        }
        for id in &s.file.strip {
            s.node(id)
                .ok_or_else(|| format!("strip names unknown node {id:?}"))?;
        }
        for c in &s.file.charts {
            if let Some(bad) = c.series.iter().find(|x| !s.model.has_quantity(&x.gauge)) {
                return Err(format!(
                    "chart {:?} plots {:?}, which is not a quantity this model has",
                    c.title, bad.gauge
                ));
            }
        }
        for w in &s.file.windows {
            s.at(&w.from)?;
            s.at(&w.to)?;
            for h in [w.from_health, w.to_health].into_iter().flatten() {
                if !matches!(h, Health::Degraded | Health::Down) {
                    return Err(format!(
                        "window {:?} of {}: a boundary is read where the service becomes or stops being degraded or down, not {h:?}",
                        w.what, w.service
                    ));
                }
            }
            for b in [&w.from_basis, &w.to_basis].into_iter().flatten() {
                let named = b.by.is_some();
                if named == (b.class == BoundaryClass::Predicted) {
                    return Err(format!(
                        "window {:?} of {}: a fitted or scripted boundary names what fits or sets it (\"by\"), a predicted one names nothing",
                        w.what, w.service
                    ));
                }
            }
        }
        s.default_script = s.script_of(&s.file.script)?;
        Ok(s)
    }

    pub fn id(&self) -> &str {
        &self.file.id
    }

    /// The model's node with this id.
    pub fn node(&self, id: &str) -> Option<NodeRef> {
        self.nodes.iter().copied().find(|n| n.id() == id)
    }

    /// Every node of the scenario's model, in view order.
    pub fn nodes(&self) -> &[NodeRef] {
        &self.nodes
    }

    /// How a run fares on each challenge, in the file's order.
    pub fn judge_challenges<M: crate::engine::model::Model>(
        &self,
        rec: &crate::engine::recording::Recording<M>,
    ) -> Vec<Verdict> {
        use crate::engine::model::Intervene;
        let impairments = rec.impairments_by_ref();
        let steps: Vec<_> = rec
            .inputs
            .script
            .iter()
            .map(|t| (t.at, t.what.token(), t.what.label(), t.incident))
            .collect();
        self.goals
            .iter()
            .map(|g| g.judge(self, &steps, &impairments))
            .collect()
    }

    /// Which challenges a run meets, in the file's order.
    pub fn challenges_met<M: crate::engine::model::Model>(
        &self,
        rec: &crate::engine::recording::Recording<M>,
    ) -> Vec<bool> {
        self.judge_challenges(rec)
            .iter()
            .map(Verdict::met)
            .collect()
    }

    /// The challenges, resolved, in the file's order.
    pub fn goals(&self) -> &[CheckedChallenge] {
        &self.goals
    }

    /// The "as it happened" inputs with this seed.
    pub fn default_inputs(&self, seed: u64) -> Inputs {
        Inputs {
            scenario: self.id().to_string(),
            seed,
            params: Vec::new(),
            script: self.default_script.clone(),
        }
    }

    /// Every source tag the scenario's facts carry: edges, chapters, reference times and
    /// windows.
    pub fn tags_used(&self) -> std::collections::BTreeSet<&str> {
        let f = &self.file;
        f.edges
            .iter()
            .map(|e| e.tag.as_str())
            .chain(
                f.chapters
                    .iter()
                    .flat_map(|c| c.tags.iter().map(String::as_str)),
            )
            .chain(f.reference.iter().map(|r| r.tag.as_str()))
            .chain(f.windows.iter().flat_map(|w| [w.tag.as_str(), w.end_tag()]))
            .chain(
                f.lesson
                    .iter()
                    .flat_map(|l| l.points())
                    .flat_map(|p| p.tags.iter().map(String::as_str)),
            )
            .collect()
    }

    /// What a tag means, if the scenario says.
    pub fn tag_meaning(&self, tag: &str) -> Option<&TagMeaning> {
        self.file.sources.tags.iter().find(|t| t.tag == tag)
    }

    /// A scenario that explains its tags explains all of them, and its documents cite only
    /// tags it explains.
    fn check_sources(&self) -> Result<(), String> {
        let src = &self.file.sources;
        if src.tags.is_empty() {
            return Ok(());
        }
        if let Some(bad) = self
            .tags_used()
            .into_iter()
            .find(|t| self.tag_meaning(t).is_none())
        {
            return Err(format!(
                "source tag {bad:?} is used but not explained in sources.tags"
            ));
        }
        for d in &src.documents {
            if let Some(bad) = d.tags.iter().find(|t| self.tag_meaning(t).is_none()) {
                return Err(format!(
                    "document {:?} carries tag {bad:?}, which sources.tags does not explain",
                    d.title
                ));
            }
        }
        Ok(())
    }

    /// The chapter (index from 0) a fresh page's title card sits over, if the scenario has one.
    pub fn title_card_chapter(&self) -> Option<usize> {
        self.file
            .opens_on_chapter
            .and_then(|n| n.checked_sub(1))
            .filter(|i| *i < self.file.chapters.len())
    }

    /// The middle of the outage: where a fresh page opens without a title card, and where
    /// "jump into the outage" goes.
    pub fn opening_instant(&self) -> SimTime {
        self.file
            .opens_at
            .as_deref()
            .and_then(|at| self.at(at).ok())
            .unwrap_or(SimTime::ZERO)
    }

    /// Which of the scenario's challenges a run meets, in file order.
    pub fn at(&self, rfc3339: &str) -> Result<SimTime, String> {
        let c = Civil::parse_rfc3339(rfc3339)?;
        match self.epoch.offset_of(&c) {
            Some(t) if t <= self.window => Ok(t),
            _ => Err(format!(
                "{rfc3339} is outside the scenario window {} – {}",
                self.file.start, self.file.end
            )),
        }
    }

    pub fn rfc3339(&self, t: SimTime) -> String {
        self.epoch.add(t).rfc3339()
    }

    /// The instant in UTC, e.g. `2025-10-20T06:48:00Z`.
    pub fn iso_utc(&self, t: SimTime) -> String {
        self.epoch.add(t).iso_utc()
    }

    /// Whether the window spans days: its clocks then say the day.
    pub fn spans_days(&self) -> bool {
        self.window.ms() > 24 * crate::engine::time::HOUR
    }

    /// The local time of an instant, e.g. `1:00 AM`; in a window of days, `Thu 21 Apr 1:00 AM`.
    pub fn clock(&self, t: SimTime) -> String {
        let c = self.epoch.add(t);
        if self.spans_days() {
            format!("{} {}", c.date_label(), c.clock())
        } else {
            c.clock()
        }
    }

    /// A span of local time, e.g. `1:00 AM–2:55 AM`, or `Thu 21 Apr 12:47 AM–1:00 AM` in a window
    /// of days (the day said once when both ends share it); `None` end: until the end.
    pub fn span(&self, from: SimTime, to: Option<SimTime>) -> String {
        let a = self.epoch.add(from);
        let day = |c: &crate::engine::time::Civil| {
            if self.spans_days() {
                format!("{} ", c.date_label())
            } else {
                String::new()
            }
        };
        match to.map(|t| self.epoch.add(t)) {
            None => format!("{}{}\u{2013}end", day(&a), a.clock()),
            Some(b) if b.day == a.day => format!("{}{}\u{2013}{}", day(&a), a.clock(), b.clock()),
            Some(b) => format!("{}{}\u{2013}{}{}", day(&a), a.clock(), day(&b), b.clock()),
        }
    }

    /// The same with seconds, as the main clock shows it.
    pub fn clock_seconds(&self, t: SimTime) -> String {
        let c = self.epoch.add(t);
        if self.spans_days() {
            format!("{} {}", c.date_label(), c.clock_seconds())
        } else {
            c.clock_seconds()
        }
    }

    /// A scenario file's script, checked: times in the window and in order, every token one
    /// the model knows and can apply with its default parameters.
    fn script_of(&self, entries: &[ScriptEntry]) -> Result<Vec<Step>, String> {
        let mut script = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let at = self
                .at(&e.at)
                .map_err(|m| format!("intervention {}: {m}", i + 1))?;
            if self.model.label(&e.token).is_none() {
                return Err(format!(
                    "intervention {} ({:?}) is not one this scenario's model knows",
                    i + 1,
                    e.token
                ));
            }
            script.push(Step {
                at,
                token: e.token.clone(),
            });
        }
        let inputs = Inputs {
            scenario: self.id().to_string(),
            seed: 0,
            params: Vec::new(),
            script: script.clone(),
        };
        self.model.check(&inputs, self.window)?;
        Ok(script)
    }

    /// Parse a script file (the CLI's): a JSON list of entries in the form of a scenario file's
    /// `script` (`{"at": RFC 3339, "do": token}`), checked as that script is, so a link, a
    /// scenario file and a script file write an intervention the same way.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse_script(&self, text: &str) -> Result<Vec<Step>, String> {
        let entries: Vec<ScriptEntry> = serde_json::from_str(text).map_err(|e| {
            format!("script is not a JSON list of {{\"at\": RFC 3339, \"do\": token}}: {e}")
        })?;
        self.script_of(&entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_scenario_parses() {
        let s = Scenario::builtin("aws-2025-10-us-east-1").unwrap();
        assert_eq!(s.window.ms(), 16 * crate::engine::time::HOUR);
        assert_eq!(
            s.clock(s.at("2025-10-19T23:48:00-07:00").unwrap()),
            "11:48 PM"
        );
        // The incident's script is its trigger: an Enactor delayed, then resumed. What
        // operators did follows from the run (see the model's `operators`).
        let tokens: Vec<&str> = s.default_script.iter().map(|x| x.token.as_str()).collect();
        assert_eq!(tokens, ["delay-enactor.0", "resume-enactor.0"]);
        assert_eq!(s.file.nodes.len(), s.nodes().len());
    }

    #[test]
    fn the_builtin_scenario_cites_the_post_event_summary_first_and_explains_every_tag() {
        let s = Scenario::builtin("aws-2025-10-us-east-1").unwrap();
        let docs = &s.file.sources.documents;
        let pes = docs.first().expect("documents listed");
        assert_eq!(
            pes.address.as_deref(),
            Some("https://aws.amazon.com/message/101925")
        );
        assert_eq!(pes.tags, ["P"]);
        let used = s.tags_used();
        for tag in ["P", "Q", "S2", "S1"] {
            assert!(used.contains(tag), "{tag} is used");
        }
        for tag in &used {
            let m = s
                .tag_meaning(tag)
                .unwrap_or_else(|| panic!("{tag} explained"));
            assert!(!m.label.is_empty() && !m.meaning.is_empty(), "{tag}");
        }
        for tag in docs.iter().flat_map(|d| &d.tags) {
            assert!(s.tag_meaning(tag).is_some(), "{tag}");
        }
        for tag in &used {
            assert!(
                docs.iter().any(|d| d.tags.iter().any(|t| t == tag)),
                "some document supports {tag}"
            );
        }
        assert!(s.file.chapters.iter().all(|c| !c.tags.is_empty()));
        assert_eq!(s.title_card_chapter(), Some(0));
    }

    #[test]
    fn bad_scenario_files_and_scripts_are_messages() {
        assert!(Scenario::builtin("nope")
            .unwrap_err()
            .contains("unknown scenario"));
        assert!(Scenario::parse("{").unwrap_err().contains("not valid"));
        let s = Scenario::builtin("aws-2025-10-us-east-1").unwrap();
        assert!(s
            .parse_script("[{\"at\": \"2025-10-21T00:00:00-07:00\", \"do\": \"stop-planner\"}]")
            .unwrap_err()
            .contains("outside"));
        assert!(s
            .parse_script("[{\"at\": \"2025-10-20T00:00:00-07:00\", \"do\": \"pause-enactor.7\"}]")
            .unwrap_err()
            .contains("no Enactor"));
        assert!(s
            .parse_script("[{\"at\": \"2025-10-20T00:00:00-07:00\", \"do\": \"fly\"}]")
            .unwrap_err()
            .contains("not one this scenario's model knows"));
        assert!(s
            .parse_script("[{\"at\": \"2025-10-20T00:00:00-07:00\", \"kind\": \"stop-planner\"}]")
            .unwrap_err()
            .contains("not a JSON list"));
        let out_of_order = "[{\"at\": \"2025-10-20T01:00:00-07:00\", \"do\": \"stop-planner\"}, {\"at\": \"2025-10-20T00:00:00-07:00\", \"do\": \"start-planner\"}]";
        assert!(s
            .parse_script(out_of_order)
            .unwrap_err()
            .contains("ordered"));
    }

    #[test]
    fn a_bad_challenge_in_a_scenario_file_is_a_message() {
        let text = include_str!("../../scenarios/aws-2025-10-us-east-1.json");
        // Each: what the file says, what a bad file says instead, and what the message says.
        let cases = [
            (
                "\"kind\": \"never-impaired\", \"service\": \"dynamodb\"",
                "\"kind\": \"never-impaired\", \"service\": \"mainframe\"",
                "unknown service",
            ),
            (
                "\"kind\": \"healthy-from\", \"service\": \"dwfm\", \"at\": \"2025-10-20T04:30:00-07:00\"",
                "\"kind\": \"healthy-from\", \"service\": \"dwfm\", \"at\": \"2025-10-22T04:30:00-07:00\"",
                "outside",
            ),
            ("\"kind\": \"never-impaired\"", "\"kind\": \"world-peace\"", "not valid"),
            ("\"strip\": [\"dynamodb\"", "\"strip\": [\"mainframe\"", "strip names unknown node"),
            ("\"gauge\": \"dwfm_queue\"", "\"gauge\": \"happiness\"", "not a quantity"),
            ("\"tags\": [\"Q\"]", "\"tags\": [\"X9\"]", "\"X9\" is used but not explained"),
            ("\"claims\": [{\"node\": \"", "\"claims\": [{\"node\": \"mainframe", "unknown node \"mainframe"),
            ("\"do\": \"resume-enactor.0\"", "\"do\": \"launch-missiles\"", "not one this scenario's model knows"),
            (
                "\"from_basis\": {\"class\": \"predicted\"}",
                "\"from_basis\": {\"class\": \"predicted\", \"by\": \"luck\"}",
                "a predicted one names nothing",
            ),
            (
                "{\"class\": \"fitted\", \"by\": \"enactor_delay_ms\"}",
                "{\"class\": \"fitted\"}",
                "names what fits or sets it",
            ),
            ("{\"class\": \"predicted\"}", "{\"class\": \"guessed\"}", "guessed"),
            (
                "\"answer\": 1}",
                "\"answer\": 3}",
                "is not one of its 3 choices",
            ),
            (
                "\"given\": [{\"service\": \"dynamodb\"",
                "\"given\": [{\"service\": \"mainframe\"",
                "unknown service \"mainframe\"",
            ),
            ("\"trigger\": {\"do\"", "\"trigger\": {\"does\"", "does"),
            ("\"do\": \"delay-enactor.0\"", "\"do\": \"delay-enactor.7\"", "no Enactor"),
            ("\"opens_on_chapter\": 1", "\"opens_on_chapter\": 11", "numbered 1 to 10"),
            ("\"notes\": \"Point at", "\"notes\": \" \", \"x\": \"", "empty speaker's notes"),
            (
                "{ \"id\": \"lambda-sqs\", \"x\"",
                "{ \"id\": \"mainframe\", \"x\"",
                "portrait places unknown node \"mainframe\"",
            ),
            (
                "{ \"id\": \"lambda-sqs\", \"x\"",
                "{ \"id\": \"lambda\", \"x\"",
                "portrait places node",
            ),
        ];
        for (from, to, says) in cases {
            assert!(text.contains(from), "{from}");
            let e = Scenario::parse(&text.replacen(from, to, 1)).unwrap_err();
            assert!(e.contains(says), "{to}: {e}");
        }
    }
}
