// Browser tests of the stage (the presenter theme) as a room sees it through a clicker: for every
// chapter of every outage, the chapter's node is on screen and nothing covers the map.
import path from "node:path";
import { test, assert, ready, runIfMain, shots } from "../harness.mjs";
import { health, everyChapterOnStage, openAnew } from "../helpers.mjs";

const OUTAGES = ["aws-2025-10-us-east-1", "aws-2020-11-us-east-1", "aws-2011-04-us-east-1"];
/** The README's pictures of each outage's chapters. */
const PICTURES = { "aws-2025-10-us-east-1": "stage-2025-chapter", "aws-2020-11-us-east-1": "kinesis-chapter", "aws-2011-04-us-east-1": "ebs-chapter" };

/** What covers the map: every visible panel, bar or dialog, and the map's visible rectangle. */
function coverage(nodeId) {
  const rect = (e) => { const r = e.getBoundingClientRect(); return { l: r.left, t: r.top, r: r.right, b: r.bottom }; };
  const meet = (a, b) => ({ l: Math.max(a.l, b.l), t: Math.max(a.t, b.t), r: Math.min(a.r, b.r), b: Math.min(a.b, b.b) });
  const area = (a) => Math.max(0, a.r - a.l) * Math.max(0, a.b - a.t);
  const screen = { l: 0, t: 0, r: innerWidth, b: innerHeight };
  const map = meet(rect(document.querySelector(".map svg.graph")), screen);
  const shown = (e) => { const s = getComputedStyle(e); return s.display !== "none" && s.visibility !== "hidden" && e.getClientRects().length > 0; };
  const overlays = [...document.querySelectorAll("aside, .inspector, .lecture-row, header.top, .mechanism, [role=dialog], dialog[open]")]
    .filter(shown).map((e) => ({ what: e.getAttribute("aria-label") || e.className || e.tagName, box: rect(e) }));
  const covered = overlays.map((o) => ({ what: o.what, area: area(meet(o.box, map)) })).filter((o) => o.area > 0);
  const node = rect(document.querySelector(`.map .node[data-service="${nodeId}"] .box`));
  // The chapter's numbers: each on the map, clear of every node.
  const boxes = [...document.querySelectorAll(".map .node .box")].map((b) => ({ id: b.closest(".node").dataset.service, box: rect(b) }));
  const callouts = [...document.querySelectorAll(".map .callout")].map((g) => {
    const box = rect(g.querySelector("rect"));
    return { what: g.getAttribute("aria-label"), inside: box.l >= map.l - 1 && box.t >= map.t - 1 && box.r <= map.r + 1 && box.b <= map.b + 1, under: boxes.filter((b) => area(meet(b.box, box)) > 0).map((b) => b.id), size: parseFloat(getComputedStyle(g.querySelector(".callout-value")).fontSize) * document.querySelector(".map svg.graph").getScreenCTM().a };
  });
  const inside = node.l >= map.l - 1 && node.t >= map.t - 1 && node.r <= map.r + 1 && node.b <= map.b + 1;
  const over = overlays.filter((o) => area(meet(o.box, node)) > 0).map((o) => o.what);
  return { share: covered.reduce((s, o) => s + o.area, 0) / area(map), covered: covered.map((o) => o.what), inside, over, callouts };
}

for (const [width, height] of [[1280, 720], [1920, 1080]]) {
  test(`on stage at ${width}×${height}, through every chapter of the three outages by clicker, the chapter's node is fully on screen, panels cover at most a tenth of the map, and the narration's claims hold on the drawn map`, async (ctx) => {
    const c = await ctx.browser().newContext({ viewport: { width, height } });
    const page = await c.newPage();
    const wrong = [];
    // The smallest name of each chapter's nodes beside its view.
    const names = [];
    for (const id of OUTAGES) {
      await everyChapterOnStage(page, ctx.baseURL, id, async (i, chapter, lecture) => {
        const node = chapter.node;
        await page.locator(`.map .node.focus[data-service="${node}"]`).waitFor();
        const got = await page.evaluate(coverage, node);
        const where = `${id} chapter ${i + 1} (${node})`;
        if (!got.inside) wrong.push(`${where}: the node is not fully on the map`);
        if (got.over.length) wrong.push(`${where}: the node is under ${got.over.join(", ")}`);
        if (got.share > 0.1) wrong.push(`${where}: ${Math.round(got.share * 100)}% of the map covered by ${got.covered.join(", ")}`);
        // A chapter with a mechanism view shows it beside the map instead of its callouts.
        const want = chapter.mechanism ? 0 : (chapter.callouts || []).length;
        if (got.callouts.length !== want) wrong.push(`${where}: ${got.callouts.length} callouts drawn, the chapter names ${want}`);
        for (const co of got.callouts) {
          if (!co.inside) wrong.push(`${where}: callout "${co.what}" is off the map`);
          if (co.under.length) wrong.push(`${where}: callout "${co.what}" lies over ${co.under.join(", ")}`);
          if (co.size < 20) wrong.push(`${where}: callout "${co.what}" drawn at ${co.size.toFixed(1)} px`);
        }
        // Beside a chapter's view the map frames the nodes the chapter is about: each whole on
        // the map, its name large enough to read from the back of the room.
        if (chapter.mechanism) {
          const ids = [...new Set([chapter.node, ...chapter.claims.map((c) => c.node)])];
          const framed = await page.evaluate((ids) => {
            const svg = document.querySelector(".map svg.graph");
            const m = svg.getBoundingClientRect();
            return ids.map((id) => {
              const n = document.querySelector(`.map .node[data-service="${id}"]`);
              const b = n.querySelector(".box").getBoundingClientRect();
              const inside = b.left >= m.left - 1 && b.top >= m.top - 1 && b.right <= m.right + 1 && b.bottom <= m.bottom + 1;
              return { id, inside, px: parseFloat(getComputedStyle(n.querySelector("text.name")).fontSize) * svg.getScreenCTM().a };
            });
          }, ids);
          for (const f of framed) {
            if (!f.inside) wrong.push(`${where}: ${f.id} is not whole on the map beside the chapter's view`);
          }
          names.push({ where, px: Math.min(...framed.map((f) => f.px)) });
        }
        // Every control of the top bar is on screen, for the mouse as for the keyboard.
        const cut = await page.evaluate(() => [...document.querySelectorAll("header.top button, header.top select, header.top .stage-clock")]
          .filter((e) => e.getClientRects().length > 0)
          .filter((e) => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth + 0.5; })
          .map((e) => e.getAttribute("aria-label") || e.textContent.trim().slice(0, 20)));
        if (cut.length) wrong.push(`${where}: the top bar cuts ${cut.join(", ")}`);
        // The narration is read from the back of the room in at most three lines at 1280×720.
        const lines = await lecture.locator("p.narration").first().evaluate((p) => Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)));
        if (lines > 3) wrong.push(`${where}: the narration takes ${lines} lines`);
        for (const claim of chapter.claims) {
          const got = await health(page, claim.node);
          if (got !== claim.health) wrong.push(`${where}: ${claim.node} is ${got}, the narration says ${claim.health}`);
        }
        if (width === 1280) await page.screenshot({ path: path.join(shots, `${PICTURES[id]}-${i + 1}.png`) });
      });
    }
    await c.close();
    // Framed, the chapter's nodes are drawn larger than the whole map beside the view would
    // draw them (12.5 px at 1280×720): at 18 px, the stage's size, where they lie close
    // together, and never smaller than the whole map where they span it (Kinesis's chapter 5, 13 px).
    const large = names.filter((n) => n.px >= 18).length;
    const small = names.filter((n) => n.px < (width === 1280 ? 12.5 : 18));
    if (large < names.length * 0.75) wrong.push(`only ${large} of ${names.length} chapters beside a view draw their nodes' names at 18 px: ${names.map((n) => `${n.where} ${n.px.toFixed(1)}`).join(", ")}`);
    for (const n of small) wrong.push(`${n.where}: names drawn at ${n.px.toFixed(1)} px beside the chapter's view`);
    assert(wrong.length === 0, wrong.join("; "));
  });
}

test("each outage's title card is whole on a 1280×720 stage, and opens at its title on a phone", async (ctx) => {
  for (const id of OUTAGES) {
    for (const [viewport, theme, whole] of [[{ width: 1280, height: 720 }, "&theme=presenter", true], [{ width: 390, height: 844 }, "", false]]) {
      const c = await ctx.browser().newContext({ viewport });
      const page = await c.newPage();
      await page.goto(ctx.baseURL + `#v=1&scenario=${id}${theme}`);
      await ready(page);
      const card = page.locator("dialog.title-card[open]");
      await card.waitFor();
      const where = `${id} at ${viewport.width}×${viewport.height}`;
      const got = await card.evaluate((d) => ({ cut: d.scrollHeight - d.clientHeight, top: d.scrollTop, title: d.querySelector("h2").getBoundingClientRect().top, size: parseFloat(getComputedStyle(d.querySelector("h2")).fontSize) }));
      if (whole) {
        assert(got.cut <= 1, `${where}: ${got.cut} px of the card are cut off`);
        assert(got.size >= 28, `${where}: the title is ${got.size} px`);
        await page.screenshot({ path: path.join(shots, `stage-title-card-${id}-1280x720.png`) });
      }
      assert(got.top === 0 && got.title >= 0, `${where}: the card opens scrolled ${got.top} px, its title at ${got.title}`);
      assert(await card.getByRole("button", { name: "Start" }).evaluate((b) => b === document.activeElement), `${where}: Start has the focus`);
      await c.close();
    }
  }
});

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

test("a chapter's callouts are the run's numbers at the playhead: Kinesis's threads against the OS limit, the 2025 record emptied", async (ctx) => {
  const c = await ctx.browser().newContext({ viewport: { width: 1280, height: 720 } });
  const page = await c.newPage();
  // Reads a row of the inspector's details for a node, as the model lists it.
  const row = async (node, label) => {
    await page.locator(`.map .node[data-service="${node}"]`).click();
    const inspector = page.getByRole("region", { name: "Inspector" });
    await inspector.waitFor();
    const value = await inspector.locator("dt", { hasText: label }).first().evaluate((dt) => dt.nextElementSibling.textContent.trim());
    await page.keyboard.press("Escape");
    return value;
  };
  const number = (v) => parseFloat(v);
  await openAnew(page, ctx.baseURL + "#v=1&scenario=aws-2020-11-us-east-1&t=04:40:00&chapter=2");
  await ready(page);
  const threads = page.getByRole("note", { name: /: Most threads on a server / });
  await threads.waitFor();
  const [most, limit] = [await row("frontend", "Most threads on a server"), await row("frontend", "OS thread limit")];
  const over = number(most) > number(limit);
  assert(over, `in chapter 3 the busiest server is past the limit: ${most} against ${limit}`);
  assert((await threads.textContent()).trim() === `Most threads on a server ${most} / limit ${limit} ▲ over`, `the callout: ${await threads.textContent()}`);
  await page.screenshot({ path: path.join(shots, "callouts-kinesis-1280x720.png") });
  // Played on, the callout follows the playhead: once the capacity is removed (chapter 5's
  // moment), the busiest server is back under the limit.
  await page.keyboard.press("5");
  await page.getByRole("region", { name: "Lecture" }).getByRole("heading", { name: /^Chapter 5 of 9/ }).waitFor();
  const after = await row("frontend", "Most threads on a server");
  assert(number(after) <= number(limit), `after the capacity is removed: ${after}`);
  await page.waitForFunction((v) => [...document.querySelectorAll(".map .callout")].some((g) => g.textContent.includes(`${v} / limit`) && !g.textContent.includes("over")), after);
  // 2025: the lesson of chapter 4 is a record with no addresses.
  await openAnew(page, ctx.baseURL + "#v=1&t=23:50:00&chapter=3");
  await ready(page);
  const record = page.getByRole("note", { name: /: dynamodb\.us-east-1\.amazonaws\.com / });
  await record.waitFor();
  const shown = (await record.textContent()).trim();
  assert(/EMPTY/.test(shown), `the regional record at 11:50 PM: ${shown}`);
  assert(shown === `dynamodb.us-east-1.amazonaws.com ${await row("dynamodb", "dynamodb.us-east-1.amazonaws.com")}`, `the callout agrees with the inspector: ${shown}`);
  await page.screenshot({ path: path.join(shots, "callouts-2025-1280x720.png") });
  await c.close();
});

await runIfMain(import.meta);
