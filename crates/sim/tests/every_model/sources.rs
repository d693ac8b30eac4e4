//! The Sources panel lists each document with its original's address, or says why it has none.

use outage_sim::scenario::BUILTIN;
use outage_sim::Scenario;

/// Hosts that mirror another site's pages: a source is cited at the original.
const MIRRORS: &[&str] = &[
    "fresh-hn.deno.dev",
    "reddit.jaspervandalum.nl",
    "feeds.simonwillison.net",
];

#[test]
fn every_document_has_its_originals_address_or_says_why_it_has_none() {
    for (id, _) in BUILTIN {
        let s = Scenario::builtin(id).unwrap();
        for d in &s.file.sources.documents {
            match (&d.address, &d.no_address) {
                (Some(a), None) => {
                    assert!(a.starts_with("https://"), "{id}: {}: {a}", d.title);
                    assert!(
                        !MIRRORS.iter().any(|m| a.contains(m)),
                        "{id}: {} is cited at a mirror: {a}",
                        d.title
                    );
                }
                (None, Some(why)) => assert!(!why.is_empty(), "{id}: {}", d.title),
                _ => panic!(
                    "{id}: {} has both an address and a reason for none, or neither",
                    d.title
                ),
            }
        }
    }
}
