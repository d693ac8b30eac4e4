//! Something the person turns on and off: playing, the list of keys, the title card.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Switch(RwSignal<bool>);

impl Switch {
    pub fn new(on: bool) -> Self {
        Switch(RwSignal::new(on))
    }
    /// Whether it is on (tracked).
    pub fn is_on(self) -> bool {
        self.0.get()
    }
    pub fn is_on_untracked(self) -> bool {
        self.0.get_untracked()
    }
    pub fn set(self, on: bool) {
        self.0.set(on);
    }
    pub fn toggle(self) {
        self.0.update(|on| *on = !*on);
    }
    /// A modal dialog open exactly while the switch is on (Tab stays in it; Escape closes it,
    /// and its `close` handler turns the switch off).
    pub fn opens_modal(self, dialog: NodeRef<leptos::html::Dialog>) {
        Effect::new(move |_| {
            let want = self.is_on();
            if let Some(d) = dialog.get() {
                if want && !d.open() {
                    let _ = d.show_modal();
                    // Its first words first: focusing its button (at the foot of a long card
                    // on a phone) scrolled it.
                    d.set_scroll_top(0);
                } else if !want && d.open() {
                    d.close();
                }
            }
        });
    }
}
