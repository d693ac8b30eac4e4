//! The lecture's narration describes the map beside it: every chapter's claims about the state
//! at its instant hold in the default run. A narration that disagrees is reworded or moved in
//! the scenario file; the model is never bent to fit.

use outage_sim::models::aws_2025_10_us_east_1::*;
mod common;
use common::*;

#[test]
fn every_chapter_claim_holds_at_its_instant_in_the_default_run() {
    let s = scenario();
    let rec = default_run(&s);
    let mut wrong = Vec::new();
    for (i, c) in s.file.chapters.iter().enumerate() {
        assert!(
            !c.claims.is_empty(),
            "chapter {} ({}) says nothing checkable about the map",
            i + 1,
            c.title
        );
        let at = t(&s, &c.at);
        let view = rec.view_at(at);
        for claim in &c.claims {
            let svc = Service::parse(&claim.node).expect("checked when the file is read");
            let shown = view.health[svc.index()];
            if shown != claim.health {
                wrong.push(format!(
                    "chapter {} ({}) at {}: {} is {}, the narration says {}",
                    i + 1,
                    c.title,
                    s.clock(at),
                    claim.node,
                    shown.id(),
                    claim.health.id()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_title_card_sits_over_a_healthy_map_before_the_race() {
    let s = scenario();
    let rec = default_run(&s);
    let i = s
        .title_card_chapter()
        .expect("the built-in scenario opens on a title card");
    let at = t(&s, &s.file.chapters[i].at);
    let view = rec.view_at(at);
    let dynamodb = Service::parse("dynamodb").unwrap();
    assert!(view.health.iter().all(|h| *h == Health::Healthy));
    assert!(at < s.opening_instant());
    assert_eq!(
        rec.view_at(s.opening_instant()).health[dynamodb.index()],
        Health::Down,
        "one key away, the outage"
    );
}
