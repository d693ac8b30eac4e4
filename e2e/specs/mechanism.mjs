// Browser tests of the mechanism views: how each outage works, drawn from the run in step with
// the playhead, beside the map on stage and below it elsewhere, in words for screen readers.
import path from "node:path";
import { test, assert, ready, runIfMain, shots } from "../harness.mjs";
import { scrubTo, clockShows, everyChapterOnStage } from "../helpers.mjs";

/** The page at `hash`, and its mechanism view once it shows the heading `view`. */
async function openView(ctx, hash, heading) {
  const page = await ctx.newPage();
  await page.goto(ctx.baseURL + hash);
  await ready(page);
  const view = page.getByRole("region", { name: "How it works" });
  await view.getByRole("heading", { name: heading }).waitFor();
  return { page, view };
}

const OUTAGES = ["aws-2025-10-us-east-1", "aws-2020-11-us-east-1", "aws-2011-04-us-east-1"];

test("the race view shows Enactor A's stale plan written to the regional record and the record empty, in lanes, words and a figure that agree with the inspector", async (ctx) => {
  const { page, view } = await openView(ctx, "#v=1&t=23:50:00&chapter=3", "The race");
  const lanes = view.getByRole("list", { name: /^The race, / });
  const record = lanes.getByRole("listitem").filter({ hasText: "Regional record" });
  await record.locator(".now", { hasText: "EMPTY (its plan 84 was deleted)" }).waitFor();
  // The lanes in words: Enactor A's plan written stale, then the record empty.
  const a = await lanes.getByRole("listitem").filter({ hasText: "DNS Enactor A" }).locator(".visually-hidden").textContent();
  assert(/plan 84 · regional to write from 11:4\d:\d\d PM to 11:48:\d\d PM; plan 84 written to regional from 11:48:\d\d PM/.test(a), `Enactor A's lane in words: ${a}`);
  assert(/EMPTY from 11:48:\d\d PM/.test(await record.locator(".visually-hidden").textContent()), "the record empties at 11:48 PM");
  // The figure, in words, is the record's plan against what the clean-up keeps.
  const figure = view.getByRole("img", { name: /^Regional record's plan: 84 against the oldest plan the clean-up keeps of \d+, under it$/ });
  await figure.waitFor();
  // A segment of each tone is drawn with a pattern, not colour alone.
  const patterned = await view.locator(".seg.tone-failed").first().evaluate((e) => getComputedStyle(e).backgroundImage);
  assert(patterned.includes("repeating-linear-gradient"), `a failed state is hatched: ${patterned}`);
  // Scrubbing back before the race: the record resolves again, in the view as on the map.
  await scrubTo(page, 5);
  await clockShows(page, "11:35:00 PM");
  await record.locator(".now", { hasText: "dynamodb.us-east-1.amazonaws.com → plan" }).waitFor();
  assert(await view.locator(".seg.tone-failed").count() === 0, "nothing failed at 11:35 PM");
  await page.screenshot({ path: path.join(shots, "mechanism-race-default.png"), fullPage: true });
});

test("the view follows the chapter: the collapse from chapter 5 on, and the person can pick the other view", async (ctx) => {
  const { page, view } = await openView(ctx, "#v=1&t=03:00:00&chapter=6", "The congestive collapse");
  const dwfm = view.getByRole("listitem").filter({ hasText: "EC2 DWFM" });
  assert((await dwfm.locator(".now").textContent()).includes("timed out/min"), "DWFM's work in words");
  await view.getByRole("img", { name: /^DWFM's lease work: \d+ leases\/min offered, \d+ leases\/min done$/ }).waitFor();
  await view.getByLabel("Show").selectOption({ label: "The race" });
  await view.getByRole("heading", { name: "The race" }).waitFor();
});

for (const [width, height] of [[1280, 720], [1920, 1080]]) {
  test(`on stage at ${width}×${height}, every chapter that names a view shows it beside the map, clear of it, whole and large enough for a room`, async (ctx) => {
    const c = await ctx.browser().newContext({ viewport: { width, height } });
    const page = await c.newPage();
    const wrong = [];
    for (const id of OUTAGES) {
      await everyChapterOnStage(page, ctx.baseURL, id, async (i, chapter) => {
        const where = `${id} chapter ${i + 1}`;
        const view = page.getByRole("region", { name: "How it works" });
        if (!chapter.mechanism) {
          await page.locator("main:not(.with-mechanism)").waitFor();
          if (await view.isVisible()) wrong.push(`${where}: a view is shown though the chapter names none`);
          return;
        }
        await page.locator("main.with-mechanism").waitFor();
        await view.locator(".lanes .lane").first().waitFor();
        const got = await page.evaluate(() => {
          const r = (e) => e.getBoundingClientRect();
          const v = document.querySelector(".mechanism");
          const map = r(document.querySelector(".map .graph-scroll"));
          const box = r(v);
          const overlap = Math.max(0, Math.min(map.right, box.right) - Math.max(map.left, box.left)) * Math.max(0, Math.min(map.bottom, box.bottom) - Math.max(map.top, box.top));
          const px = (sel) => parseFloat(getComputedStyle(v.querySelector(sel)).fontSize);
          return { overlap, inside: box.left >= 0 && box.right <= innerWidth + 1 && box.bottom <= innerHeight + 1, whole: v.scrollHeight <= v.clientHeight + 1, actor: px(".lane .actor"), now: px(".lane .now"), value: px(".figure-label") };
        });
        if (got.overlap > 0) wrong.push(`${where}: the view lies over the map`);
        if (!got.inside) wrong.push(`${where}: the view is off the screen`);
        if (!got.whole) wrong.push(`${where}: the view is cut off (it scrolls)`);
        const least = height * 0.02;
        for (const [what, size] of [["actors", got.actor], ["states", got.now], ["figures", got.value]]) {
          if (size < least) wrong.push(`${where}: ${what} at ${size.toFixed(1)} px, under 2% of the height`);
        }
        await page.screenshot({ path: path.join(shots, `mechanism-stage-${width}-${id.slice(4, 11)}-${i + 1}.png`) });
      });
    }
    await c.close();
    assert(wrong.length === 0, wrong.join("; "));
  });
}

test("under reduced motion, the view does not animate while the run plays", async (ctx) => {
  const c = await ctx.browser().newContext({ reducedMotion: "reduce" });
  const page = await c.newPage();
  await page.goto(ctx.baseURL + "#v=1&t=23:45:00&chapter=2");
  await ready(page);
  const view = page.getByRole("region", { name: "How it works" });
  await view.locator(".lanes .lane").first().waitFor();
  await page.getByRole("button", { name: "Play" }).click();
  await page.waitForFunction(() => !document.querySelector("[role=timer]").textContent.startsWith("11:45:00"));
  const moving = await view.evaluate((v) => v.getAnimations({ subtree: true }).length);
  await page.getByRole("button", { name: "Pause" }).click();
  await c.close();
  assert(moving === 0, `${moving} animations in the view`);
});

await runIfMain(import.meta);
