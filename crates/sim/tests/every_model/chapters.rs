//! The lectures' narration describes the map beside it: for every outage, every chapter's claims
//! about the state at its instant hold in the default run, and the title card sits over a
//! healthy map before the outage. A narration that disagrees is reworded or moved in the
//! scenario file; the model is never bent to fit.

use crate::common::*;
use outage_sim::model::Model;
use outage_sim::{Health, Scenario};

struct Chapters;

impl EveryModel for Chapters {
    fn check<M: Model>(&mut self, s: &Scenario) {
        let id = s.id();
        assert!(s.file.chapters.len() >= 6, "{id}: a lecture of chapters");
        let rec = default_run::<M>(s);
        let mut wrong = Vec::new();
        for (i, c) in s.file.chapters.iter().enumerate() {
            assert!(
                !c.claims.is_empty(),
                "{id} chapter {} ({}) says nothing checkable about the map",
                i + 1,
                c.title
            );
            let at = t(s, &c.at);
            let view = rec.view_at(at);
            for claim in &c.claims {
                let node = s.node(&claim.node).expect("checked when the file is read");
                let shown = view.health[node.index()];
                if shown != claim.health {
                    wrong.push(format!(
                        "{id} chapter {} ({}) at {}: {} is {}, the narration says {}",
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
        // The title card sits over a healthy map; one key away, the outage.
        let i = s.title_card_chapter().expect("opens on a title card");
        let at = t(s, &s.file.chapters[i].at);
        assert!(at < s.opening_instant(), "{id}");
        let healthy = |h: &Health| *h == Health::Healthy;
        assert!(rec.view_at(at).health.iter().all(healthy), "{id}");
        let opening = rec.view_at(s.opening_instant()).health;
        assert!(
            !opening.iter().all(healthy),
            "{id}: the opening shows the outage"
        );
    }
}

#[test]
fn every_chapter_claim_holds_at_its_instant_and_the_title_card_sits_over_a_healthy_map() {
    for_every_model(&mut Chapters);
}
