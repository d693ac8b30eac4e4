// Browser tests of the stage (the presenter theme) as a room sees it through a clicker: for every
// chapter of every outage, the chapter's node is on screen and nothing covers the map.
import path from "node:path";
import { test, assert, ready, runIfMain, shots } from "../harness.mjs";
import { scenarioFile } from "../helpers.mjs";

const OUTAGES = ["aws-2025-10-us-east-1", "aws-2020-11-us-east-1", "aws-2011-04-us-east-1"];

/** What covers the map: every visible panel, bar or dialog, and the map's visible rectangle. */
function coverage(nodeId) {
  const rect = (e) => { const r = e.getBoundingClientRect(); return { l: r.left, t: r.top, r: r.right, b: r.bottom }; };
  const meet = (a, b) => ({ l: Math.max(a.l, b.l), t: Math.max(a.t, b.t), r: Math.min(a.r, b.r), b: Math.min(a.b, b.b) });
  const area = (a) => Math.max(0, a.r - a.l) * Math.max(0, a.b - a.t);
  const screen = { l: 0, t: 0, r: innerWidth, b: innerHeight };
  const map = meet(rect(document.querySelector(".map svg.graph")), screen);
  const shown = (e) => { const s = getComputedStyle(e); return s.display !== "none" && s.visibility !== "hidden" && e.getClientRects().length > 0; };
  const overlays = [...document.querySelectorAll("aside, .inspector, .lecture-row, header.top, [role=dialog], dialog[open]")]
    .filter(shown).map((e) => ({ what: e.getAttribute("aria-label") || e.className || e.tagName, box: rect(e) }));
  const covered = overlays.map((o) => ({ what: o.what, area: area(meet(o.box, map)) })).filter((o) => o.area > 0);
  const node = rect(document.querySelector(`.map .node[data-service="${nodeId}"] .box`));
  const inside = node.l >= map.l - 1 && node.t >= map.t - 1 && node.r <= map.r + 1 && node.b <= map.b + 1;
  const over = overlays.filter((o) => area(meet(o.box, node)) > 0).map((o) => o.what);
  return { share: covered.reduce((s, o) => s + o.area, 0) / area(map), covered: covered.map((o) => o.what), inside, over };
}

for (const [width, height] of [[1280, 720], [1920, 1080]]) {
  test(`on stage at ${width}×${height}, through every chapter of the three outages by clicker, the chapter's node is fully on screen and panels cover at most a tenth of the map`, async (ctx) => {
    const c = await ctx.browser().newContext({ viewport: { width, height } });
    const page = await c.newPage();
    const wrong = [];
    for (const id of OUTAGES) {
      const chapters = scenarioFile(id).chapters;
      await page.goto(ctx.baseURL + `#v=1&scenario=${id}&t=${chapters[0].at.slice(11, 19)}&chapter=0&theme=presenter`);
      await page.reload();
      await ready(page);
      const lecture = page.getByRole("region", { name: "Lecture" });
      for (let i = 0; i < chapters.length; i++) {
        // What a clicker sends: PageDown, with the focus wherever it was.
        if (i > 0) await page.keyboard.press("PageDown");
        await lecture.getByRole("heading", { name: new RegExp(`^Chapter ${i + 1} of ${chapters.length}:`) }).waitFor();
        const node = chapters[i].node;
        await page.locator(`.map .node.focus[data-service="${node}"]`).waitFor();
        const got = await page.evaluate(coverage, node);
        const where = `${id} chapter ${i + 1} (${node})`;
        if (!got.inside) wrong.push(`${where}: the node is not fully on the map`);
        if (got.over.length) wrong.push(`${where}: the node is under ${got.over.join(", ")}`);
        if (got.share > 0.1) wrong.push(`${where}: ${Math.round(got.share * 100)}% of the map covered by ${got.covered.join(", ")}`);
        if (width === 1280) await page.screenshot({ path: path.join(shots, `stage-${id}-chapter-${i + 1}.png`) });
      }
    }
    await c.close();
    assert(wrong.length === 0, wrong.join("; "));
  });
}

test("on stage, a node the person inspects is not covered by its own panel, on either side of the map", async (ctx) => {
  const c = await ctx.browser().newContext({ viewport: { width: 1280, height: 720 } });
  const page = await c.newPage();
  await page.goto(ctx.baseURL + "#v=1&t=01:00:00&theme=presenter");
  await ready(page);
  const ids = await page.locator(".map .node").evaluateAll((els) => els.map((e) => e.dataset.service));
  const wrong = [];
  for (const id of ids) {
    await page.locator(`.map .node[data-service="${id}"]`).click();
    await page.getByRole("region", { name: "Inspector" }).waitFor();
    const got = await page.evaluate(coverage, id);
    if (got.over.length) wrong.push(`${id} under ${got.over.join(", ")}`);
    await page.keyboard.press("Escape");
    await page.getByRole("region", { name: "Inspector" }).waitFor({ state: "detached" });
  }
  await c.close();
  assert(ids.length >= 10, `only ${ids.length} nodes`);
  assert(wrong.length === 0, wrong.join("; "));
});

await runIfMain(import.meta);
