// ./dev lighthouse: Lighthouse's mobile and desktop presets on the built app, served by serve.mjs
// on 127.0.0.1, for the title card (the bare address) and a link into a moment. Prints the scores
// and the timings beside their targets and writes each full report to target/lighthouse/.
//
// A benchmark: it prints figures and asserts none. It exits non-zero only when Lighthouse could
// not measure a page (Chromium did not start, the page never painted, the server did not answer).
//
// The presets keep Lighthouse's default simulated throttling (mobile: a mid-range phone on slow
// 4G, the CPU slowed 4×; desktop: a fast connection, no CPU slowdown), so the figures compare
// with anyone else's Lighthouse run of the same version.
//
//   DIST=dir            the build to measure (default dist/)
//   LIGHTHOUSE_RUNS=n   runs per page and preset; the median run is reported (default 1)
//   LIGHTHOUSE_ONLY=re  only the preset and page whose `preset-page` matches (mobile-moment)
//   CHROME_PATH         the browser (default /usr/bin/chromium)
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";
import * as chromeLauncher from "chrome-launcher";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const dist = resolve(process.env.DIST || join(root, "dist"));
const out = join(root, "target/lighthouse");
const runs = Math.max(1, Number.parseInt(process.env.LIGHTHOUSE_RUNS, 10) || 1);
const only = new RegExp(process.env.LIGHTHOUSE_ONLY || "");
const chromePath = process.env.CHROME_PATH || "/usr/bin/chromium";
const version = JSON.parse(readFileSync(join(here, "node_modules/lighthouse/package.json"), "utf8")).version;

const PAGES = [
  { id: "title-card", name: "title card", hash: "" },
  { id: "moment", name: "1:00 AM link", hash: "#v=1&t=01:00:00" },
];
const PRESETS = [
  // ttiGreen: the report gives no scoring points for TTI (it left the score in Lighthouse 10);
  // these are the ones in Lighthouse's interactive.js.
  { id: "mobile", config: undefined, perfTarget: 90, ttiGreen: 3785 },
  { id: "desktop", config: desktopConfig, perfTarget: 95, ttiGreen: 2468 },
];
const CATEGORIES = [
  ["performance", "perf"],
  ["accessibility", "a11y"],
  ["best-practices", "best pr."],
  ["seo", "SEO"],
];
// The timings, each against the value at which Lighthouse scores it 0.9 (green) for the preset:
// its own p10 control point, read from the report.
const METRICS = [
  ["first-contentful-paint", "FCP"],
  ["largest-contentful-paint", "LCP"],
  ["total-blocking-time", "TBT"],
  ["speed-index", "Speed Index"],
  ["interactive", "TTI"],
  ["cumulative-layout-shift", "CLS"],
];

function startServer() {
  return new Promise((resolveUrl, reject) => {
    // The IPC channel ties the server's life to this process's, however this one ends.
    const child = spawn(process.execPath, [join(here, "serve.mjs"), dist, "0"], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
    child.on("exit", (code) => reject(new Error(`the static server stopped (exit ${code})`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const m = line.match(/^listening (\S+)/);
      if (m) resolveUrl({ url: m[1], child });
    });
  });
}

// Stopped early, close the browser too, even one still starting.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    chromeLauncher.killAll();
    process.exit(130);
  });
}

async function measure(url, preset) {
  const chrome = await chromeLauncher.launch({
    handleSIGINT: false,
    chromePath,
    // --no-sandbox: Chromium's sandbox cannot start as root in a container.
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: ["json", "html"], logLevel: "error" }, preset.config);
    if (!result) throw new Error("Lighthouse returned no result");
    return result;
  } finally {
    await chrome.kill();
  }
}

const pad = (s, n) => String(s).padEnd(n);
const ms = (v) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
const metricText = (id, v) => (id === "cumulative-layout-shift" ? v.toFixed(3) : ms(v));

function scoreCell(lhr, category, target) {
  const score = lhr.categories[category]?.score;
  if (score == null) return { text: "—", met: false };
  const value = Math.round(score * 100);
  return { text: `${value} ${value >= target ? "met" : "MISSED"} (≥${target})`, met: value >= target };
}

function metricCell(lhr, id, preset) {
  const audit = lhr.audits[id];
  if (!audit || audit.numericValue == null) return { text: "—", met: false };
  const p10 = audit.scoringOptions?.p10 ?? (id === "interactive" ? preset.ttiGreen : undefined);
  const met = audit.score != null && audit.score >= 0.9;
  const target = p10 == null ? "" : ` (≤${metricText(id, p10)})`;
  return { text: `${metricText(id, audit.numericValue)} ${met ? "met" : "MISSED"}${target}`, met };
}

// One finding of a failed audit, in a line: what went wrong, and where.
function itemText(item) {
  const where = item.sourceLocation?.url ?? item.url ?? item.node?.snippet ?? "";
  const what = item.description ?? item.node?.explanation ?? "";
  return [what, where].filter(Boolean).join(" — ").replace(/\s+/g, " ").slice(0, 160);
}

// The audits that cost the most: failed opportunities and diagnostics in performance, by the
// time Lighthouse estimates they cost, then any failed audit of the other categories.
function costs(lhr) {
  const lines = [];
  // Each timing weighs a share of the performance score: the points it loses, most first.
  const lost = (lhr.categories.performance?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score != null)
    .map((ref) => [ref.acronym || ref.id, ref.weight * (1 - lhr.audits[ref.id].score)])
    .filter(([, points]) => points >= 0.5)
    .sort((a, b) => b[1] - a[1]);
  if (lost.length) lines.push(`performance points lost: ${lost.map(([m, p]) => `${m} ${Math.round(p)}`).join(", ")}`);
  // The "hidden" group holds Lighthouse's newer insights, which repeat the audits shown.
  const perf = (lhr.categories.performance?.auditRefs ?? []).filter((ref) => ref.group !== "hidden");
  const failing = perf
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a && a.score != null && a.score < 0.9 && !["metrics", "manual", "notApplicable", "informative"].includes(a.scoreDisplayMode))
    .filter((a) => !METRICS.some(([id]) => id === a.id));
  const saving = (a) => a.details?.overallSavingsMs ?? Math.max(0, ...Object.values(a.metricSavings ?? {}));
  failing.sort((a, b) => saving(b) - saving(a));
  for (const a of failing.slice(0, 8)) {
    lines.push(`performance: ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ""}`);
    // The element it is about (the LCP element, the one that shifted), where it names one.
    const items = a.details?.type === "list" ? a.details.items[0]?.items : a.details?.items;
    const node = items?.find((item) => item.node?.selector)?.node;
    if (node && a.id !== "dom-size") lines.push(`    ${node.selector}`);
  }
  for (const [category] of CATEGORIES.slice(1)) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      if (!a || ref.weight === 0 || a.score == null || a.score >= 1 || a.scoreDisplayMode !== "binary") continue;
      lines.push(`${category}: ${a.title}`);
      for (const item of (a.details?.items ?? []).slice(0, 3)) lines.push(`    ${itemText(item)}`);
    }
  }
  return lines;
}

async function main() {
  if (!existsSync(chromePath)) throw new Error(`no browser at ${chromePath} (set CHROME_PATH, or ./dev setup installs Debian's chromium)`);
  mkdirSync(out, { recursive: true });
  const { url: base, child: server } = await startServer();
  const rows = [];
  let failed = 0;
  try {
    for (const preset of PRESETS) {
      for (const page of PAGES) {
        const url = base + page.hash;
        const name = `${preset.id}-${page.id}`;
        if (!only.test(name)) continue;
        process.stderr.write(`lighthouse ${preset.id}: ${url}${runs > 1 ? ` (${runs} runs)` : ""}\n`);
        const results = [];
        for (let i = 0; i < runs; i++) {
          try {
            const result = await measure(url, preset);
            if (result.lhr.runtimeError) throw new Error(`${result.lhr.runtimeError.code}: ${result.lhr.runtimeError.message}`);
            results.push(result);
          } catch (e) {
            failed++;
            process.stderr.write(`  Lighthouse could not measure ${url} (${preset.id}): ${e.message}\n`);
          }
        }
        if (!results.length) continue;
        const median = computeMedianRun(results.map((r) => r.lhr));
        const result = results.find((r) => r.lhr === median);
        writeFileSync(join(out, `${name}.json`), result.report[0]);
        writeFileSync(join(out, `${name}.html`), result.report[1]);
        rows.push({ preset, page, lhr: median });
      }
    }
  } finally {
    server.removeAllListeners("exit");
    server.kill();
  }
  print(rows);
  if (failed) {
    console.error(`Lighthouse could not measure ${failed} run(s)`);
    process.exit(1);
  }
}

function print(rows) {
  if (!rows.length) return;
  const env = rows[0].lhr.environment;
  const browser = (env.hostUserAgent.match(/(?:Headless)?Chrome\/[\d.]+/) || [""])[0];
  console.log(`\nLighthouse ${version}, ${browser}, simulated throttling (the presets' defaults); ` +
    `CPU benchmark index ${Math.round(env.benchmarkIndex)}${runs > 1 ? `; median of ${runs} runs` : ""}`);
  let met = 0;
  let total = 0;
  const count = (cell) => {
    total++;
    if (cell.met) met++;
    return cell.text;
  };
  const label = (r) => pad(`${r.preset.id}, ${r.page.name}`, 24);

  console.log(`\n${pad("scores (target)", 24)}${CATEGORIES.map(([, h]) => pad(h, 20)).join("")}`);
  for (const r of rows) {
    const cells = CATEGORIES.map(([id], i) => count(scoreCell(r.lhr, id, i === 0 ? r.preset.perfTarget : 100)));
    console.log(label(r) + cells.map((c) => pad(c, 20)).join(""));
  }
  console.log(`\n${pad("timings (green at)", 24)}${METRICS.map(([, h]) => pad(h, 24)).join("")}`);
  for (const r of rows) {
    console.log(label(r) + METRICS.map(([id]) => pad(metricCell(r.lhr, id, r.preset).text, 24)).join(""));
  }
  for (const r of rows) {
    const lines = costs(r.lhr);
    if (!lines.length) continue;
    console.log(`\nwhat costs points, ${r.preset.id}, ${r.page.name}:`);
    for (const line of lines) console.log(`  ${line}`);
  }
  console.log(`\n${met} of ${total} score targets met; full reports in ${out}/ (open the .html, or the .json in the Lighthouse viewer)`);
}

main().catch((e) => {
  console.error(`Lighthouse could not run: ${e.message}`);
  process.exit(1);
});
