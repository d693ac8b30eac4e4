#!/bin/sh
# Trunk's post-build hook: finishes the site in Trunk's staging folder before it becomes dist/.
# The page first (its first screen, when it asks for the wasm: crates/site), then its
# Content-Security-Policy, which hashes the page's inline scripts, then what is written from
# the finished page (the other outages' data, the offline copy, the precompressed files).
set -e
cargo build --quiet --release -p outage-site
site="${CARGO_TARGET_DIR:-target}/release/outage-site"
"$site" page "$TRUNK_STAGING_DIR"
python3 scripts/csp.py "$TRUNK_STAGING_DIR/index.html"
"$site" files "$TRUNK_STAGING_DIR"
