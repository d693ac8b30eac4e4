//! The mechanism views of every outage, read through the interface the app draws them from
//! (`Run::tracks`, `Run::mechanism`): every chapter names a view its model offers, and every
//! view draws lanes of actors and figures of the instant. What each view shows of its own
//! outage is checked in that outage's folder.

use crate::common::incident;
use outage_sim::scenario::BUILTIN;
use outage_sim::SimTime;

#[test]
fn every_chapter_names_a_view_its_model_offers_and_every_view_draws_lanes_and_figures() {
    for (id, _) in BUILTIN {
        let (s, run) = incident(id);
        assert!(!run.mechanisms().is_empty(), "{id} offers a mechanism view");
        for c in s.file.chapters.iter().filter(|c| c.mechanism.is_some()) {
            let view = c.mechanism.as_deref().unwrap();
            let at = s.at(&c.at).unwrap();
            let tracks = run.tracks(view, at);
            let now = run.mechanism(view, &run.frame_at(at)).expect("the view");
            assert!(tracks.len() >= 3, "{id} {view}: lanes of actors");
            assert_eq!(tracks.len(), now.lanes.len(), "a lane per actor");
            assert!(
                !now.figures.is_empty(),
                "{id} {view}: a figure of the instant"
            );
            for t in &tracks {
                assert_eq!(
                    t.segments.last().unwrap().to,
                    at,
                    "lanes end at the playhead"
                );
            }
        }
        assert!(run.tracks("no-such-view", SimTime(0)).is_empty());
    }
}
