// Browser tests of lecture mode: chapters, the title card, narration true of the map, source tags.
import fs from "node:fs";
import path from "node:path";
import { test, assert, openApp, ready, runIfMain, here, shots, OUTAGE_LINK } from "../harness.mjs";
import { scrubTo, health, scenarioFile, goldenDigest, axeViolations, frames } from "../helpers.mjs";

test("lecture mode: chapters by clicker keys, number keys and buttons, and ? lists every key", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  const lecture = page.getByRole("region", { name: "Lecture" });
  const timer = page.getByRole("timer", { name: "Simulation time" });
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("PageDown");
  await lecture.getByText(/Chapter 1 of 10/).waitFor();
  assert((await timer.innerText()).startsWith("11:40:00"), `chapter 1 at ${await timer.innerText()}`);
  // A chapter lights its node on the map (and says so to a screen reader) without opening the
  // inspector over the map.
  const planner = page.getByRole("button", { name: /^Planner / });
  assert((await planner.getAttribute("aria-current")) === "true" && (await planner.getAttribute("aria-pressed")) === "false", "chapter 1 lights the Planner without selecting it");
  assert((await page.getByRole("button", { name: "Close inspector" }).count()) === 0, "a chapter opens no inspector");
  await page.getByRole("button", { name: "Next chapter" }).click();
  await lecture.getByText(/Chapter 2 of 10: The slow Enactor/).waitFor();
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("4");
  await lecture.getByText(/Chapter 4 of 10: The empty record/).waitFor();
  assert((await page.getByRole("button", { name: /^DynamoDB/ }).getAttribute("data-health")) === "down", "the record is empty in chapter 4");
  // The address is rewritten once the state rests (not on every frame of a drag).
  await page.waitForURL(/chapter=3/, { timeout: 2000 }).catch(() => {});
  assert(/chapter=3/.test(page.url()), `link carries the chapter: ${page.url()}`);
  await page.screenshot({ path: path.join(shots, "chapter-empty-record.png") });
  await page.getByRole("button", { name: "Previous chapter" }).click();
  await lecture.getByText(/Chapter 3 of 10: The race/).waitFor();
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await help.waitFor();
  assert(/PageUp/.test(await help.innerText()), "help lists the clicker keys");
  await page.keyboard.press("Escape");
  await help.waitFor({ state: "detached" });
  // The person opens the inspector; it opens over the map without shrinking it, and Escape
  // closes it.
  const inspectorShown = () => page.getByRole("button", { name: "Close inspector" }).count();
  assert((await inspectorShown()) === 0, "the chapter opened no inspector");
  await page.getByRole("button", { name: /^Enactor A / }).click();
  await page.getByRole("button", { name: "Close inspector" }).waitFor();
  const during = (await page.locator("svg.graph").boundingBox()).width;
  await page.keyboard.press("Escape");
  assert((await inspectorShown()) === 0, "Escape closes the inspector");
  const after = (await page.locator("svg.graph").boundingBox()).width;
  assert(during === after, `the inspector shrank the map (${during} -> ${after} px)`);
  // The caption follows the clock: a step away from the chapter's moment shows which chapter
  // the clock has passed, never the narration of another moment; PageUp goes back to it.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("ArrowRight");
  await lecture.getByRole("heading", { name: /^After chapter 3 of 10: The race/ }).waitFor();
  assert(!/freshness check/.test(await lecture.innerText()), "the race's narration is not shown once the clock has left its moment");
  await page.keyboard.press("PageUp");
  await lecture.getByRole("heading", { name: /^Chapter 3 of 10: The race/ }).waitFor();
  assert((await timer.innerText()).startsWith("11:48:01"), `PageUp goes back to the chapter's moment: ${await timer.innerText()}`);
  await page.keyboard.press(".");
  await page.getByRole("button", { name: "Pause", exact: true }).waitFor();
  await page.keyboard.press(".");
  await page.getByRole("button", { name: "Play", exact: true }).waitFor();
});

test("on a phone a long narration scrolls in its box, with a shadow at its foot while more is below; the presenter's view is not offered; the inspector leaves the map in sight", async (ctx) => {
  const c = await ctx.browser().newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const page = await c.newPage();
  await page.goto(ctx.baseURL + "#v=1&t=23:40:00&chapter=0");
  await ready(page);
  const p = page.getByRole("region", { name: "Lecture" }).locator("p.narration").first();
  const got = await p.evaluate((e) => { const s = getComputedStyle(e); return { more: e.scrollHeight - e.clientHeight, attachment: s.backgroundAttachment, image: s.backgroundImage }; });
  assert(got.more > 0, `chapter 1's narration fits its box on a phone (${got.more} px more): nothing to show`);
  assert(/local/.test(got.attachment) && /scroll/.test(got.attachment) && /radial-gradient/.test(got.image), `no cue that it scrolls: ${JSON.stringify(got)}`);
  await page.screenshot({ path: path.join(shots, "phone-narration-390x844.png") });
  // The chapter's numbers on the narrow map lie over no node: one with no clear place is left out.
  const over = await page.evaluate(() => {
    const box = (e) => e.getBoundingClientRect();
    const meet = (a, b) => Math.min(a.right, b.right) > Math.max(a.left, b.left) && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top);
    const nodes = [...document.querySelectorAll(".map .node .box")].map((b) => ({ id: b.closest(".node").dataset.service, r: box(b) }));
    return [...document.querySelectorAll(".map .callout")].flatMap((c) => nodes.filter((n) => meet(n.r, box(c.querySelector("rect")))).map((n) => `${c.getAttribute("aria-label")} over ${n.id}`));
  });
  assert(over.length === 0, over.join("; "));
  // Scrolled to its end, its last words are in the box.
  await p.evaluate((e) => e.scrollTo(0, e.scrollHeight));
  const end = await p.evaluate((e) => e.scrollTop + e.clientHeight >= e.scrollHeight - 1);
  assert(end, "the narration scrolls to its end");
  assert(!(await page.getByRole("button", { name: "Presenter view" }).isVisible()), "a phone is offered the presenter's view");
  // A tapped node's inspector is a sheet over the lower part of the screen: the map above it
  // stays in sight, and the node tapped is not under it.
  const node = page.getByRole("button", { name: /^Enactor A / });
  await node.scrollIntoViewIfNeeded();
  await node.tap();
  const inspector = page.getByRole("region", { name: "Inspector" });
  await inspector.getByRole("button", { name: "Close inspector" }).waitFor();
  const sheet = await inspector.boundingBox();
  const tapped = await node.boundingBox();
  const h = page.viewportSize().height;
  assert(sheet.y >= h * 0.4 && sheet.y + sheet.height <= h + 1, `the inspector covers ${Math.round(sheet.y)}–${Math.round(sheet.y + sheet.height)} of ${h} px`);
  assert(tapped.y + tapped.height <= sheet.y || tapped.y >= sheet.y + sheet.height, `the tapped node (${Math.round(tapped.y)}) is under the inspector (from ${Math.round(sheet.y)})`);
  await page.screenshot({ path: path.join(shots, "phone-inspector-390x844.png") });
  await c.close();
});

test("a clock that stands on a later chapter's moment says so, and offers that chapter's narration", async (ctx) => {
  // Chapter 4 chosen, the clock at chapter 5's moment (2:24 AM), as a scrub or a step leaves it.
  const page = await (await ctx.browser().newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await page.goto(ctx.baseURL + "#v=1&t=02:24:00&chapter=3");
  await ready(page);
  const lecture = page.getByRole("region", { name: "Lecture" });
  await lecture.getByRole("heading", { name: /^Chapter 5 of 10: The cascade into EC2$/ }).waitFor();
  const said = await lecture.innerText();
  assert(/The clock is at this chapter's moment/.test(said) && !/moved on/.test(said), `the caption: ${said}`);
  await lecture.getByRole("button", { name: "Show chapter 5 · 2:24 AM PDT" }).click();
  await lecture.getByRole("heading", { name: /^Chapter 5 of 10: The cascade into EC2 · 2:24 AM PDT/ }).waitFor();
  assert(/DWFM's periodic state checks/.test(await lecture.innerText()), "chapter 5's narration is shown");
  // A step off the moment: the clock has moved on.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("ArrowRight");
  await lecture.getByRole("heading", { name: /^After chapter 5 of 10/ }).waitFor();
  assert(/The clock has moved on to /.test(await lecture.innerText()), "the caption says the clock moved on");
  await page.context().close();
});

test("a bare address opens on a title card over healthy chapter 1: Start tells the story, o jumps into the outage", async (ctx) => {
  const { page, problems } = await openApp(ctx, { bare: true });
  const card = page.getByRole("dialog", { name: /^Title card: AWS us-east-1/ });
  await card.waitFor();
  // The card is up at once; the run behind it is computed while it is read.
  await page.locator('main[aria-busy="false"]').waitFor();
  const text = await card.innerText();
  for (const want of [/AWS us-east-1, 19–20 October 2025/, /A DNS race empties/, /PDT/, /Chapter 1: The plan pipeline, working normally · 11:40 PM PDT/, /The DNS Planner watches/]) {
    assert(want.test(text), `the title card lacks ${want}: ${text}`);
  }
  assert((await page.evaluate(() => document.activeElement && document.activeElement.textContent)) === "Start", "Start has the focus");
  const outages = await card.getByRole("navigation", { name: "Outages" }).innerText();
  assert(/AWS us-east-1, 19–20 October 2025 \(shown\)/.test(outages), `the list of outages: ${outages}`);
  const nodes = await page.locator("[data-service]").evaluateAll((els) => els.map((e) => `${e.dataset.service}=${e.dataset.health}`));
  assert(nodes.length > 10 && nodes.every((n) => n.endsWith("=healthy")), `the map behind the card is healthy: ${nodes.join(" ")}`);
  assert((await page.locator('[role="timer"]').textContent()).startsWith("11:40:00 PM PDT"), "chapter 1's instant, with its zone");
  await page.setViewportSize({ width: 1280, height: 720 });
  await frames(page); // laid out again by the sizes measured at 1280x720
  await page.screenshot({ path: path.join(shots, "title-card.png") });
  assert(!page.url().includes("#"), `the address stays bare under the card (a reload shows it again): ${page.url()}`);
  const found = await axeViolations(page);
  assert(found.length === 0, `the title card: ${found.join("; ")}`);
  await page.keyboard.press("Enter");
  await card.waitFor({ state: "hidden" });
  const lecture = page.getByRole("region", { name: "Lecture" });
  await lecture.getByText(/Chapter 1 of 10: The plan pipeline, working normally/).waitFor();
  assert(/The DNS Planner watches/.test(await lecture.innerText()), "Start shows chapter 1's narration");
  assert((await health(page, "dynamodb")) === "healthy", "chapter 1 is before the race");
  await page.keyboard.press("o");
  await page.getByRole("timer", { name: "Simulation time" }).getByText(/^1:00:00 AM PDT$/).waitFor();
  assert((await health(page, "dynamodb")) === "down", "the outage key shows DynamoDB down");
  assert(problems.length === 0, problems.join("; "));
  // The same from the card's buttons and keys, in fresh pages.
  const second = await ctx.newPage();
  await second.goto(ctx.baseURL);
  const card2 = second.getByRole("dialog", { name: /^Title card/ });
  await card2.waitFor();
  await card2.getByRole("button", { name: /Jump into the outage/ }).click();
  await card2.waitFor({ state: "hidden" });
  await second.getByRole("timer", { name: "Simulation time" }).getByText(/^1:00:00 AM PDT$/).waitFor();
  assert((await health(second, "dynamodb")) === "down", "Jump into the outage shows DynamoDB down");
  const third = await ctx.newPage();
  await third.goto(ctx.baseURL);
  const card3 = third.getByRole("dialog", { name: /^Title card/ });
  await card3.waitFor();
  await third.keyboard.press("Escape");
  await card3.waitFor({ state: "hidden" });
  await third.getByRole("region", { name: "Lecture" }).getByText(/Chapter 1 of 10/).waitFor();
  await third.keyboard.press("?");
  assert(/Jump into the outage/.test(await third.getByRole("dialog", { name: "Keyboard shortcuts" }).innerText()), "? lists the outage key");
  // A link opens exactly where it says: no card.
  const linked = await ctx.newPage();
  await linked.goto(ctx.baseURL + "#v=1&t=02:00:00&node=dwfm");
  // The card is up from a page's first screen (see above), long before its run is on screen:
  // once ready, a card that was coming would be there.
  await ready(linked);
  assert((await linked.getByRole("dialog", { name: /^Title card/ }).count()) === 0 || !(await linked.getByRole("dialog", { name: /^Title card/ }).isVisible()), "a link shows no title card");
  assert((await linked.getByRole("timer", { name: "Simulation time" }).innerText()).startsWith("2:00:00 AM PDT"), "a link opens at its time");
});

test("every chapter's narration is true of the map: its claims match the nodes' health", async (ctx) => {
  const chapters = scenarioFile().chapters;
  const { page } = await openApp(ctx);
  await ready(page);
  const lecture = page.getByRole("region", { name: "Lecture" });
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("1");
  const wrong = [];
  for (let i = 0; i < chapters.length; i++) {
    if (i > 0) await page.getByRole("button", { name: "Next chapter" }).click();
    await lecture.getByRole("heading", { name: `Chapter ${i + 1} of ${chapters.length}: ${chapters[i].title}` , exact: false }).waitFor();
    if (chapters[i].question) await page.getByRole("button", { name: "Reveal the answer" }).click();
    assert(chapters[i].claims.length > 0, `chapter ${i + 1} claims nothing`);
    for (const c of chapters[i].claims) {
      const got = await health(page, c.node);
      if (got !== c.health) wrong.push(`chapter ${i + 1} (${chapters[i].title}): ${c.node} is ${got}, narration says ${c.health}`);
    }
  }
  assert(wrong.length === 0, wrong.join("; "));
});

test("chapters show their source tags; a tag opens its meaning in Sources, AWS's summary first with its address", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("4");
  const lecture = page.getByRole("region", { name: "Lecture" });
  await lecture.getByText(/Chapter 4 of 10: The empty record · 11:50 PM PDT/).waitFor();
  const chips = await lecture.getByRole("button", { name: /^\[(P|Q|S1|S2)\] / }).allInnerTexts();
  assert(chips.length === 2 && chips.some((c) => c.startsWith("[Q]")) && chips.some((c) => c.startsWith("[P]")), `chapter 4's tags: ${chips.join(" | ")}`);
  // The chapter and its tags, with the map beside them rather than the inspector over them.
  await page.keyboard.press("Escape");
  await page.setViewportSize({ width: 1280, height: 720 });
  await frames(page); // laid out again by the sizes measured at 1280x720
  await page.screenshot({ path: path.join(shots, "chapter-sources.png") });
  await lecture.getByRole("button", { name: /^\[P\] / }).click();
  const sources = page.getByRole("region", { name: "Sources" });
  const entry = sources.locator("#source-tag-P");
  await entry.waitFor();
  assert(await entry.evaluate((e) => e === document.activeElement), "the tag's entry has the focus");
  assert(/post-event summary/.test(await sources.locator("#source-tag-P + dd").innerText()), "[P] is explained");
  const docs = sources.getByRole("listitem");
  const first = await docs.first().innerText();
  assert(/Summary of the Amazon DynamoDB Service Disruption/.test(first) && first.includes("https://aws.amazon.com/message/101925"), `first document: ${first}`);
  assert((await sources.getByRole("link", { name: "https://aws.amazon.com/message/101925" }).count()) === 1, "the summary's address is a visible link");
  const all = await sources.innerText();
  for (const tag of ["[P]", "[Q]", "[S2]", "[S1]"]) assert(all.includes(tag), `Sources explains ${tag}`);
  assert(/simonwillison/.test(all) && /Walkthrough/.test(all), "quoting sources and write-ups are listed");
  assert((await sources.locator("li.cited").count()) >= 1, "the documents behind the tag are marked");
  await page.screenshot({ path: path.join(shots, "sources-panel.png") });
  // On stage the side panels are closed overlays: a tag opens them at its entry.
  const stage = await ctx.newPage();
  await stage.goto(ctx.baseURL + "#v=1&t=23:50:00&chapter=3&theme=presenter");
  await stage.getByRole("region", { name: "Lecture" }).getByRole("button", { name: /^\[Q\] / }).click();
  const q = stage.locator("#source-tag-Q");
  await q.waitFor({ state: "visible" });
  await stage.waitForFunction(() => document.activeElement && document.activeElement.id === "source-tag-Q");
});

await runIfMain(import.meta);
