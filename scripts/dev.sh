#!/usr/bin/env bash
set -euo pipefail
ROOT="$(pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
TRUNK_VERSION="0.21.14"
PORT="${PORT:-8080}"
DIST="${DIST:-$ROOT/dist}"
export E2E_DIST="$DIST"

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

# ---------------------------------------------------------------- setup
need_apt=()
apt_missing() {
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
  command -v wasm-opt >/dev/null 2>&1 || need_apt+=(binaryen)
}

lock_version() { # version of a crate in Cargo.lock
  awk -v n="$1" '$0=="name = \""n"\"" {getline; gsub(/version = |"/,""); print; exit}' "$ROOT/Cargo.lock"
}

setup() {
  local t0=$SECONDS
  apt_missing
  if ((${#need_apt[@]})); then
    say "installing Debian packages: ${need_apt[*]} (about 2 min)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${need_apt[@]}" >/dev/null
  fi
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown >/dev/null
  fi
  if [[ "$(trunk --version 2>/dev/null | cut -d' ' -f2)" != "$TRUNK_VERSION" ]]; then
    say "compiling Trunk $TRUNK_VERSION from source (15-21 min on a fresh machine)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
  local wb
  wb="$(lock_version wasm-bindgen)"
  if [[ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$wb" ]]; then
    say "compiling wasm-bindgen-cli $wb from source (about 11 min on a fresh machine)"
    # --locked fails for some versions here (a pinned dependency the registry no longer serves)
    cargo install wasm-bindgen-cli --version "=$wb" --locked || cargo install wasm-bindgen-cli --version "=$wb"
  fi
  if [[ ! -d e2e/node_modules/playwright-core || ! -d e2e/node_modules/axe-core || ! -d e2e/node_modules/jsqr ]]; then
    say "installing Playwright, axe-core and jsQR (npm, no browser download: it drives /usr/bin/chromium)"
    (cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  if [[ ! -d tools/lighthouse/node_modules/lighthouse ]]; then
    say "installing Lighthouse (npm, its own folder: only ./dev lighthouse uses it)"
    (cd tools/lighthouse && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  cargo fetch -q
  if ((SECONDS - t0 > 5)); then say "setup done in $((SECONDS - t0)) s"; fi
}

# ---------------------------------------------------------------- build
build() {
  say "release build (trunk, offline)"
  # DIST: where the app is built (dist/ unless set), so two builds can live side by side.
  trunk build --release --offline --dist "$DIST" >/dev/null 2>"$ROOT/target/trunk-$(basename "$DIST").log" || { cat "$ROOT/target/trunk-$(basename "$DIST").log" >&2; return 1; }
  grep -h '^content security policy' "$ROOT/target/trunk-$(basename "$DIST").log" || true
  local wasm raw gz br
  wasm="$(ls "$DIST"/*_bg.wasm)"
  raw=$(stat -c %s "$wasm")
  gz=$(gzip -9 -c "$wasm" | wc -c)
  br=$(node -e 'process.stdout.write(String(require("zlib").brotliCompressSync(require("fs").readFileSync(process.argv[1])).length))' "$wasm")
  printf 'shipped wasm: %s  %d bytes raw, %d bytes gzip, %d bytes brotli (budget %d gzip; target %d)\n' \
    "$(basename "$wasm")" "$raw" "$gz" "$br" "$WASM_GZIP_BUDGET" "$WASM_GZIP_TARGET"
  node scripts/shipped.mjs "$DIST"
  WASM_GZIP="$gz"
}

# The shipped wasm may not grow: the budget is today's size plus a little, and comes down as the
# size work lands, towards the target. Each outage costs about 20 KB gzip (Kinesis 2020: 25 KB,
# EBS 2011: 19 KB): 5 to 6 KB of scenario file, the rest the engine's generic code compiled once
# more for its model. The lesson on the stage (callouts, what-if badges, charts with axes and
# limits, the docked timeline, the dark stage) costs about 19 KB gzip, the 2025 operators'
# responses about 4 KB; the page's state held by owners (playback, runs, selection, presentation)
# with its panels as components of their own, about 4 KB; what each fitted parameter was fitted
# to, about 1.5 KB; what agreement with the record shows and why the run departs from it (each
# boundary's class, the departures computed from the run), challenges judged with their reasons,
# switches that show their state and the runs' history, about 24 KB; the window of opportunity
# (a sweep of forks computed in slices, and its panel), about 8 KB; the presenter's view with the
# speaker's notes, about 14 KB; a lecture across outages and its comparison, about 12 KB; an
# embed confined to a range of chapters or times, under 1 KB; each map's portrait layout
# for a phone, about 2 KB. The outages a bare address does not open are files fetched when a
# link names them, not in the wasm: about 8 KB less; the page opened in tasks short enough for a
# phone (the link read, the contexts made, the page mounted, what is on the map and nine stages
# after it each a task of its own, the run drawn in a task after it is finished, one observer for
# every watched size, and on a phone what is below the map drawn once the person acts), about
# 6 KB (see docs/PERFORMANCE.md); on stage, the map framing the nodes a chapter told beside its
# view is about, about 1.1 KB; the caption saying when the clock stands on a chapter's moment,
# about 0.4 KB.
WASM_GZIP_BUDGET=497500
WASM_GZIP_TARGET=200000
WASM_GZIP=0
within_budget() {
  if ((WASM_GZIP > WASM_GZIP_BUDGET)); then
    echo "the wasm is $WASM_GZIP bytes gzip, over its budget of $WASM_GZIP_BUDGET" >&2
    return 1
  fi
}

serve() {
  setup
  mkdir -p target
  build
  say "serving dist/ at http://127.0.0.1:$PORT/  (Ctrl-C to stop)"
  echo "http://127.0.0.1:$PORT/"
  exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$DIST"
}

# ---------------------------------------------------------------- test
PASSED=0
FAILED=0
FAILED_NAMES=()
step_ok() { PASSED=$((PASSED + $1)); }
step_fail() { FAILED=$((FAILED + $1)); FAILED_NAMES+=("$2"); }

# run a check that counts as one test
check() {
  local name="$1"; shift
  say "$name"
  if "$@"; then step_ok 1; else step_fail 1 "$name"; fi
}

cargo_tests() {
  say "native tests (the core, the app and the site's build)"
  local out
  out="$(mktemp)"
  local rc=0
  cargo test -p outage-sim --release 2>&1 | tee "$out" >&2 || rc=$?
  # The app's own unit tests (its pure helpers: layout of labels, reading callout values).
  cargo test -p outage-explorer --lib 2>&1 | tee -a "$out" >&2 || rc=$?
  # The build's finishing step (the first screen, the offline copy, the compressed files).
  cargo test -p outage-site 2>&1 | tee -a "$out" >&2 || rc=$?
  local p f
  p=$(grep -E '^test result:' "$out" | sed -E 's/.* ([0-9]+) passed.*/\1/' | awk '{s+=$1} END {print s+0}')
  f=$(grep -E '^test result:' "$out" | sed -E 's/.* ([0-9]+) failed.*/\1/' | awk '{s+=$1} END {print s+0}')
  p=${p:-0}; f=${f:-0}
  if ((rc != 0 && f == 0)); then f=1; fi
  step_ok "$p"
  ((f == 0)) || step_fail "$f" "cargo test"
}

e2e_tests() {
  say "browser tests (Playwright + Debian chromium) against dist/ on 127.0.0.1"
  local out rc=0
  out="$(mktemp)"
  (cd e2e && node run.mjs) 2>&1 | tee "$out" >&2 || rc=$?
  local line p f
  line="$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed' "$out" | tail -1 || true)"
  p=$(sed -E 's/^e2e: ([0-9]+) passed.*/\1/' <<<"$line"); f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
  p=${p:-0}; f=${f:-0}
  if [[ -z "$line" ]] || ((rc != 0 && f == 0)); then f=$((f + 1)); fi
  step_ok "$p"
  ((f == 0)) || step_fail "$f" "browser tests"
}

test_all() {
  setup
  mkdir -p target
  check "cargo fmt --check" cargo fmt --all --check
  check "clippy (native)" cargo clippy --workspace --all-targets -q -- -D warnings
  # What ships to the browser: the app and the core's library (the CLI is native only).
  check "clippy (wasm32, app)" cargo clippy -p outage-explorer --target wasm32-unknown-unknown -q -- -D warnings
  check "clippy (wasm32, core)" cargo clippy -p outage-sim --lib --target wasm32-unknown-unknown -q -- -D warnings
  cargo_tests
  if build; then
    step_ok 1
    check "wasm within its size budget" within_budget
    e2e_tests
  else
    step_fail 1 "release build"
  fi
  if ((FAILED)); then say "failed: ${FAILED_NAMES[*]}"; fi
  echo "$PASSED passed, $FAILED failed"
  ((FAILED == 0))
}

# Format, clippy and the native tests: the quick check before a commit (no browser, no wasm).
quick_check() {
  cargo fmt --all --check
  cargo clippy --workspace --all-targets -q -- -D warnings
  cargo test -q -p outage-sim --release
  cargo test -q -p outage-explorer --lib
  cargo test -q -p outage-site
}

case "${1:-}" in
  setup) setup ;;
  check) quick_check ;;
  build) setup; mkdir -p target; build ;;
  serve) serve ;;
  test) test_all ;;
  e2e) setup; mkdir -p target; build && (cd e2e && node run.mjs) ;;
  screenshots) setup; mkdir -p target; build && (cd e2e && E2E_SHOTS="$ROOT/docs/screenshots" node screenshots.mjs) ;;
  bench)
    setup
    cargo run -q --release -p outage-sim --example bench -- "${@:2}"
    # The same core as the browser runs it: wasm, built with the app's release profile.
    cargo build -q --release --target wasm32-unknown-unknown -p outage-wasm-bench
    node crates/wasm-bench/time.mjs target/wasm32-unknown-unknown/release/outage_wasm_bench.wasm
    # And in the page: the first screen, frame times, a scrub and a fork in headless Chromium.
    mkdir -p target
    build && (cd e2e && node bench.mjs) ;;
  lighthouse)
    # Lighthouse's mobile and desktop presets on the release build, served as a good static host
    # would (compressed, the right types and cache headers); prints scores and timings.
    setup
    mkdir -p target
    build && CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" node tools/lighthouse/run.mjs ;;
  *) sed -n '2,11p' "$ROOT/dev" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
