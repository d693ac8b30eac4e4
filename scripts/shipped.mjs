// What the build ships, as a browser downloads it: each file's size raw, gzip and brotli (the
// build's own .gz and .br beside it), what the first screen loads, and what is fetched later.
import fs from "node:fs";
import path from "node:path";

const dist = process.argv[2] || "dist";
const files = [];
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (!/\.(gz|br)$/.test(e.name)) files.push(path.relative(dist, p));
  }
};
walk(dist);
const size = (f) => (fs.existsSync(path.join(dist, f)) ? fs.statSync(path.join(dist, f)).size : NaN);
const row = (f) => ({ f, raw: size(f), gz: size(f + ".gz"), br: size(f + ".br") });
const first = files.filter((f) => !f.startsWith("scenarios/") && f !== "sw.js" && f !== "manifest.webmanifest").map(row);
const rest = files.filter((f) => !first.some((r) => r.f === f)).map(row);
const fmt = (n) => (Number.isNaN(n) ? "-" : n.toLocaleString("en-US"));
const print = (title, rows) => {
  console.log(title);
  for (const r of rows.sort((a, b) => b.raw - a.raw)) console.log(`  ${r.f.padEnd(48)} ${fmt(r.raw).padStart(10)} raw ${fmt(r.gz).padStart(9)} gzip ${fmt(r.br).padStart(9)} brotli`);
  const sum = (k) => rows.reduce((s, r) => s + (Number.isNaN(r[k]) ? r.raw : r[k]), 0);
  console.log(`  ${"total".padEnd(48)} ${fmt(sum("raw")).padStart(10)} raw ${fmt(sum("gz")).padStart(9)} gzip ${fmt(sum("br")).padStart(9)} brotli`);
};
print("shipped, the first visit's page and its files:", first);
print("shipped, fetched when needed (another outage, the offline copy):", rest);
