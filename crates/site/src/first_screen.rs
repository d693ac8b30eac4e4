//! The first screen, as HTML in the page the server sends: every outage's title card, written
//! from its scenario file with the same words the app's card draws (`card::TitleCard`), so the
//! card is on screen while the wasm downloads and the app's own card replaces it in place. The
//! page's inline script picks the card its link asks for, or none for a link into a moment.

use outage_sim::presentation::card::{LectureOffer, TitleCard, KICKER};
use outage_sim::Scenario;
use std::fs;
use std::path::Path;

/// Where in `index.html` the cards go.
const MARK: &str = "<!-- the first screen: written by outage-site -->";

pub fn write(dir: &Path, scenarios: &[Scenario]) -> Result<(), String> {
    let path = dir.join("index.html");
    let page = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    if !page.contains(MARK) {
        return Err(format!(
            "{} has no place for the first screen ({MARK})",
            path.display()
        ));
    }
    let cards: String = scenarios
        .iter()
        .map(|s| card(s, scenarios) + &frame(s))
        .collect();
    fs::write(&path, page.replacen(MARK, &cards, 1)).map_err(|e| format!("{}: {e}", path.display()))
}

/// `s`'s title card in a template, as the app's `TitleCard` draws it.
fn card(s: &Scenario, all: &[Scenario]) -> String {
    let Some(c) = TitleCard::of(s) else {
        return String::new();
    };
    let default = if s.id() == outage_sim::DEFAULT_SCENARIO {
        " data-default"
    } else {
        ""
    };
    let outages: String = all
        .iter()
        .map(|o| {
            if o.id() == s.id() {
                format!(
                    r#"<span class="this-outage" aria-current="true">{} (shown)</span> "#,
                    text(&o.file.title)
                )
            } else {
                // "./#…", not "#…": a link to a fragment, off screen under a long card, reads to
                // an accessibility checker as a skip link with no target.
                format!(
                    r##"<a href="./#v=1&amp;scenario={}" title="{}: {}">{}</a> "##,
                    text(o.id()),
                    text(&o.file.title),
                    text(&o.file.subtitle),
                    text(&o.file.title)
                )
            }
        })
        .collect();
    let ids: Vec<&str> = all.iter().map(|o| o.id()).collect();
    // The page goes to the lecture's link, and opens it (see `index.html`).
    let lecture = LectureOffer::of(&ids)
        .map(|o| {
            format!(
                r#"<button type="button" class="secondary" title="{}" data-early="lecture" data-link="{}">{}</button>"#,
                text(&o.title),
                text(&o.link()),
                text(&o.text)
            )
        })
        .unwrap_or_default();
    format!(
        concat!(
            r#"<template id="card-{id}" class="card"{default}><dialog class="title-card" role="dialog" aria-label="{label}">"#,
            r#"<p class="kicker">{kicker}</p><h2>{title}</h2><p class="subtitle">{subtitle}</p><p class="when">{when}</p>"#,
            r#"<section class="first-chapter" aria-label="The first chapter"><h3>{chapter}</h3><p>{narration}</p><p class="muted">Sources: {tags}</p></section>"#,
            r#"<nav class="outages" aria-label="Outages">Outages: {outages}</nav>"#,
            r#"<div class="card-actions"><button type="button" class="start" autofocus data-early="start">Start</button><button type="button" class="secondary" data-early="outage">{jump}</button>{lecture}</div>"#,
            r#"<p class="muted keys"><kbd>PageDown</kbd> next chapter · <kbd>o</kbd> the outage · <kbd>n</kbd> the next outage · <kbd>?</kbd> every key</p>"#,
            "</dialog></template>\n"
        ),
        id = text(s.id()),
        default = default,
        label = text(&c.label()),
        kicker = text(KICKER),
        title = text(&c.title),
        subtitle = text(&c.subtitle),
        when = text(&c.when),
        chapter = text(&c.chapter),
        narration = text(&c.narration),
        tags = text(&c.tags),
        outages = outages,
        jump = text(&c.jump),
        lecture = lecture,
    )
}

/// The frame a link into a moment of `s` opens on until the app draws it: the app's header with
/// the outage's name, and the map's place, the size the app gives it, saying it is on its way.
fn frame(s: &Scenario) -> String {
    format!(
        concat!(
            r#"<template id="frame-{id}" class="frame"{default}><div class="first-frame">"#,
            r#"<header class="top"><h1>Outage Explorer</h1><p>{title}: {subtitle}</p></header>"#,
            r#"<div class="map-to-come"><div class="spinner" aria-hidden="true"></div><p>Drawing the map…</p></div>"#,
            "</div></template>\n"
        ),
        id = text(s.id()),
        default = if s.id() == outage_sim::DEFAULT_SCENARIO {
            " data-default"
        } else {
            ""
        },
        title = text(&s.file.title),
        subtitle = text(&s.file.subtitle),
    )
}

use outage_sim::presentation::markup::escape as text;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_html_and_attributes() {
        assert_eq!(
            text(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn every_outage_s_card_says_what_the_app_s_card_says() {
        let all: Vec<Scenario> = outage_sim::models::BUILTIN
            .iter()
            .map(|(id, _)| Scenario::builtin(id).unwrap())
            .collect();
        for s in &all {
            let c = TitleCard::of(s).unwrap();
            let html = card(s, &all);
            for part in [
                &c.title,
                &c.subtitle,
                &c.when,
                &c.chapter,
                &c.narration,
                &c.jump,
            ] {
                assert!(
                    html.contains(&text(part)),
                    "{}'s card lacks {part:?}",
                    s.id()
                );
            }
            assert_eq!(
                html.contains("data-default") && frame(s).contains("data-default"),
                s.id() == outage_sim::DEFAULT_SCENARIO
            );
            assert_eq!(html.matches("<a href=").count(), all.len() - 1);
            let f = frame(s);
            assert!(
                f.contains(&format!(
                    "<p>{}: {}</p>",
                    text(&s.file.title),
                    text(&s.file.subtitle)
                )),
                "{f}"
            );
            let offer = LectureOffer::of(&all.iter().map(|o| o.id()).collect::<Vec<_>>()).unwrap();
            assert!(html.contains(&text(&offer.text)) && html.contains(&text(&offer.link())));
        }
    }
}
