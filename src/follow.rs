//! Students follow: a QR code of the link to what is on screen (run, moment, chapter; not the
//! stage's theme, which a phone does not want), for a phone in the back row to scan. Shown on request (the QR code button, or `q`), dark on light
//! whatever the theme, with a quiet zone, so any camera reads it from a projector.

use crate::address::Address;
use crate::playback::Playback;
use crate::presentation::Presentation;
use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

/// The page's address with `fragment` as its link.
fn whole_address(fragment: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default();
    format!("{base}#{fragment}")
}

/// The code's dark modules as one SVG path (one unit a module, four units of quiet zone), and
/// its side in units.
fn qr_path(text: &str) -> Option<(String, i32)> {
    let code = QrCode::encode_text(text, QrCodeEcc::Low).ok()?;
    let n = code.size();
    let mut d = String::new();
    for y in 0..n {
        for x in 0..n {
            if code.get_module(x, y) {
                d.push_str(&format!("M{} {}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    Some((d, n + 8))
}

#[component]
pub fn FollowCode() -> impl IntoView {
    let (address, presentation, playback) =
        (Address::here(), Presentation::here(), Playback::here());
    // Drawn while shown; while playing it holds the moment play started from (a link is a
    // moment, and a code that changes every frame cannot be scanned).
    let code = Memo::new(move |_| {
        if !presentation.follow_code().is_on() || playback.playing().is_on() {
            return None;
        }
        let link = whole_address(&address.link_elsewhere());
        qr_path(&link).map(|(d, side)| (link, d, side))
    });
    move || {
        code.get().map(|(link, d, side)| {
            view! {
                <figure class="follow-code" role="img" aria-label=format!("QR code of this link: {link}") data-link=link>
                    <svg viewBox=format!("0 0 {side} {side}") shape-rendering="crispEdges" aria-hidden="true">
                        <rect width=side height=side fill="#ffffff"></rect>
                        <path d=d fill="#000000"></path>
                    </svg>
                    <figcaption>"Scan to follow on your phone"</figcaption>
                </figure>
            }
        })
    }
}
