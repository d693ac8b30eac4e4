// The browser tests' harness: a static server for the built app, one registry of tests, one
// watcher of problems, and the runner. A spec file registers its tests with `test` and ends with
// `await runIfMain(import.meta)`, so it runs alone (`node e2e/specs/links.mjs`) or with the rest
// (`node e2e/run.mjs`). Prints one line per test and ends with "e2e: N passed, M failed".
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The e2e/ folder. */
export const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.env.E2E_DIST || path.resolve(here, "..", "dist"));
/** Where tests write their pictures: docs/screenshots/ for `./dev screenshots`, else target/. */
export const shots = path.resolve(process.env.E2E_SHOTS || path.resolve(here, "..", "target", "e2e-screenshots"));
fs.mkdirSync(shots, { recursive: true });

/** How long any wait for a condition may take before the test fails: long, since a busy machine
 * is slow, and never a reason to pass. */
const PATIENCE_MS = 60000;

const MIME = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".webmanifest": "application/manifest+json", ".bin": "application/octet-stream" };

function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let file = path.join(dist, decodeURIComponent(url.pathname));
    if (!file.startsWith(dist)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404).end("not found"); return; }
    res.writeHead(200, { "content-type": MIME[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const tests = [];
// Every page a test opens is watched: a console error or warning, an uncaught page error or a
// request to any host but the app's fails the test, whatever the test itself checks. A test
// that provokes one on purpose names what it expects with `allow` (a regular expression).
export const test = (name, fn, { allow } = {}) => tests.push({ name, fn, allow });
export const assert = (cond, msg) => { if (!cond) throw new Error(msg); };

/** A moment mid-outage (1:00 AM) in the 2025 incident, by its link. */
export const OUTAGE_LINK = "#v=1&t=01:00:00";

/** Open the app at `OUTAGE_LINK` (or the bare address), recording its requests. */
export async function openApp(ctx, { route, bare = false } = {}) {
  const page = await ctx.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  if (route) await route(page);
  await page.goto(bare ? ctx.baseURL : ctx.baseURL + OUTAGE_LINK, { waitUntil: "load" });
  // The problems the runner's watcher has seen so far in this test.
  return { page, problems: ctx.problems, requests };
}

/** A page of its own browser context (a projector's 1280×720 unless `options` say otherwise)
 * opened at `hash` with its run on screen; close it with `page.context().close()`. */
export async function openSized(ctx, hash, options = { viewport: { width: 1280, height: 720 } }) {
  const page = await (await ctx.browser().newContext(options)).newPage();
  await page.goto(ctx.baseURL + hash);
  await ready(page);
  return page;
}

// The page is drawn before its run is computed (every node "computing…"); ready is once the
// run is on screen.
export async function ready(page) {
  await page.getByRole("heading", { level: 1, name: /Outage Explorer/ }).waitFor();
  await page.locator('main[aria-busy="false"]').waitFor();
}

let started = false;
/** Run the registered tests when `meta` is the module node was started with. */
export async function runIfMain(meta) {
  if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(meta.url)) await run();
}

/** Run every registered test (those E2E_ONLY's regular expression matches, if set). */
export async function run() {
  if (started) return;
  started = true;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--enable-precise-memory-info", "--js-flags=--expose-gc", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const server = await serve();
  const baseURL = `http://127.0.0.1:${server.address().port}/`;
  let passed = 0, failed = 0;
  const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : null;
  const watch = (page, problems) => {
    // Blocking the app's service worker is the harness's own doing (see `newContext`).
    page.on("console", (m) => { if ((m.type() === "error" || m.type() === "warning") && !/^Service Worker registration blocked by Playwright/.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => {
      const url = r.url();
      if (!url.startsWith(baseURL) && !url.startsWith("data:") && !url.startsWith("blob:")) problems.push(`request to another host: ${url}`);
    });
  };
  // Contexts a test makes itself (other viewports) are watched too, and as patient.
  const newContext = browser.newContext.bind(browser);
  let watching = null;
  // The app's service worker would serve one test's files to the next: a test that is about the
  // offline copy allows it (`serviceWorkers: "allow"`).
  browser.newContext = async (options = {}) => {
    const c = await newContext({ serviceWorkers: "block", ...options });
    c.setDefaultTimeout(PATIENCE_MS);
    if (watching) c.on("page", (p) => watch(p, watching));
    return c;
  };
  for (const t of tests.filter((t) => !only || only.test(t.name))) {
    const problems = [];
    watching = problems;
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ["clipboard-read", "clipboard-write"] });
    ctx.baseURL = baseURL;
    ctx.problems = problems;
    try {
      await t.fn(ctx);
      const unexpected = problems.filter((p) => !(t.allow && t.allow.test(p)));
      if (unexpected.length) throw new Error(`${unexpected.length} unexpected: ${unexpected.join(" | ")}`);
      passed++;
      console.log(`PASS ${t.name}`);
    } catch (e) {
      failed++;
      const where = (e.stack || "").split("\n").find((l) => /e2e\/.*\.mjs/.test(l) && !l.includes("harness.mjs")) || "";
      console.log(`FAIL ${t.name}: ${e.message.split("\n")[0]}${where}`);
    }
    watching = null;
    await ctx.close();
  }
  await browser.close();
  server.close();
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
