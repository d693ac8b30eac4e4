//! The words of an outage's title card, read from its scenario file: the app draws them in its
//! dialog, and the build writes the same words into the page the server sends, so the card is on
//! screen before the wasm has arrived.

use super::link::Lecture;
use super::scenario::Scenario;
use crate::SimTime;

/// What a title card says, each part a line of plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TitleCard {
    /// The chapter Start opens, counted from 0.
    pub chapter_index: usize,
    pub title: String,
    pub subtitle: String,
    pub when: String,
    pub chapter: String,
    pub narration: String,
    /// The first chapter's sources, "[tag] meaning" joined by " · ".
    pub tags: String,
    /// The button that jumps into the middle of the outage.
    pub jump: String,
}

pub const KICKER: &str = "Outage Explorer · the story of a real outage";

impl TitleCard {
    /// The card of `s`, or none if its story has no chapters.
    pub fn of(s: &Scenario) -> Option<TitleCard> {
        let i = s.title_card_chapter()?;
        let c = s.file.chapters.get(i)?;
        let zone = &s.file.timezone;
        let chapter_at = s.at(&c.at).unwrap_or(SimTime::ZERO);
        let tags = c
            .tags
            .iter()
            .map(|t| {
                let label = s.tag_meaning(t).map(|m| m.label.as_str()).unwrap_or("");
                format!("[{t}] {label}")
            })
            .collect::<Vec<_>>()
            .join(" · ");
        Some(TitleCard {
            chapter_index: i,
            title: s.file.title.clone(),
            subtitle: s.file.subtitle.clone(),
            when: format!(
                "Replayed from {} to {} {zone}, minute by minute; every time on screen is {zone}.",
                s.clock(SimTime::ZERO),
                s.clock(s.window)
            ),
            chapter: format!(
                "Chapter {}: {} · {} {zone}",
                i + 1,
                c.title,
                s.clock(chapter_at)
            ),
            narration: c.narration.clone(),
            tags,
            jump: format!(
                "Jump into the outage ({} {zone})",
                s.clock(s.opening_instant())
            ),
        })
    }

    /// The dialog's accessible name.
    pub fn label(&self) -> String {
        format!("Title card: {}", self.title)
    }
}

/// The title card's offer of one talk through every outage, oldest first, ending with the
/// chapter that compares them (none with a single outage).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LectureOffer {
    pub lecture: Lecture,
    /// The outage the talk starts with, by id.
    pub first: String,
    /// The button's words.
    pub text: String,
    /// What the button does, in a sentence.
    pub title: String,
}

impl LectureOffer {
    pub fn of(ids: &[&str]) -> Option<LectureOffer> {
        if ids.len() < 2 {
            return None;
        }
        let lecture = Lecture::all_oldest_first(ids);
        let first = lecture.ids(ids).ok()?.into_iter().next()?;
        let count = match ids.len() {
            2 => "two".to_string(),
            3 => "three".to_string(),
            4 => "four".to_string(),
            5 => "five".to_string(),
            n => n.to_string(),
        };
        Some(LectureOffer {
            text: format!("Lecture: all {count} outages, oldest first"),
            title: format!(
                "One talk through every outage ({}), ending with a chapter that compares them",
                lecture.outages.join(", ")
            ),
            first,
            lecture,
        })
    }

    /// The link that starts the talk: its first outage's story, in the lecture.
    pub fn link(&self) -> String {
        format!(
            "#v=1&scenario={}&lecture={}",
            self.first,
            self.lecture.outages.join(",")
        )
    }
}
