//! What the person is looking at on the map: the node in the inspector, and the node the
//! chapter on screen is about.

use crate::playback::Playback;
use crate::presentation::Presentation;
use crate::runs::Runs;
use leptos::prelude::*;
use outage_sim::NodeRef;

#[derive(Clone, Copy)]
pub struct Selection {
    /// The node in the inspector.
    selected: RwSignal<Option<NodeRef>>,
    /// The node the chapter on screen is about, while the playhead is at the chapter's moment:
    /// lit on the map with its chain of causes, without opening a panel over the map (the
    /// inspector opens only when the person asks).
    focus: Memo<Option<NodeRef>>,
}

impl Selection {
    /// The page's selection, provided by `open`.
    pub fn here() -> Self {
        expect_context()
    }

    pub fn new(
        selected: Option<NodeRef>,
        runs: Runs,
        playback: Playback,
        presentation: Presentation,
    ) -> Self {
        let focus = Memo::new(move |_| {
            let i = presentation.chapter()?;
            let t = playback.ms();
            runs.with_scenario(|s| {
                let c = s.file.chapters.get(i)?;
                (s.at(&c.at).ok()?.ms() == t)
                    .then(|| s.node(&c.node))
                    .flatten()
            })
        });
        Selection {
            selected: RwSignal::new(selected),
            focus,
        }
    }

    /// The node in the inspector (tracked).
    pub fn selected(&self) -> Option<NodeRef> {
        self.selected.get()
    }
    pub fn selected_untracked(&self) -> Option<NodeRef> {
        self.selected.get_untracked()
    }
    /// Open the inspector on `node`, or close it (`None`).
    pub fn select(&self, node: Option<NodeRef>) {
        self.selected.set(node);
    }
    pub fn focus(&self) -> Option<NodeRef> {
        self.focus.get()
    }
}
