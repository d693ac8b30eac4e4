#!/bin/sh
# Trunk's post-build hook: finishes the site in Trunk's staging folder before it becomes dist/.
# The page's Content-Security-Policy comes first, so the offline copy and the precompressed
# files (crates/site) are of the page as it is served.
set -e
python3 scripts/csp.py "$TRUNK_STAGING_DIR/index.html"
cargo run --quiet --release -p outage-site -- "$TRUNK_STAGING_DIR"
