// Browser tests of accessibility: axe in every theme, and motion (particles, or numbers when
// motion is reduced).
import fs from "node:fs";
import path from "node:path";
import { test, assert, openApp, ready, runIfMain, here, shots, OUTAGE_LINK } from "../harness.mjs";
import { scrubTo, health, scenarioFile, goldenDigest, axeViolations, clockShows } from "../helpers.mjs";

test("accessibility: axe finds no WCAG 2.1 A/AA violation in the light and dark themes and on the light and dark stages", async (ctx) => {
  for (const [scheme, hash] of [["light", "#v=1&t=01:00:00&node=dwfm"], ["dark", "#v=1&t=05:40:00&node=nlb"], ["light", "#v=1&t=23:50:00&node=route53&theme=presenter&chapter=3"], ["light", "#v=1&t=03:00:00&theme=stage-dark&chapter=5"]]) {
    const c = await ctx.browser().newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
    const page = await c.newPage();
    await page.goto(ctx.baseURL + hash);
    await ready(page);
    // On stage the side panels open over the map on request.
    if (/theme=(presenter|stage-dark)/.test(hash)) await page.getByRole("button", { name: "Panels" }).click();
    await page.getByRole("region", { name: "Model parameters" }).getByText("Model parameters").click();
    await page.getByRole("region", { name: "Model and reality" }).getByText("Model and reality").click();
    await page.getByRole("region", { name: "Sources" }).locator("summary").click();
    const found = await axeViolations(page);
    await c.close();
    assert(found.length === 0, `${scheme} ${hash}: ${found.join("; ")}`);
  }
});

test("on a phone the title card, taller than the screen, passes axe: its links to the other outages are not read as skip links", async (ctx) => {
  const c = await ctx.browser().newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
  const page = await c.newPage();
  await page.goto(ctx.baseURL);
  await ready(page);
  const card = page.getByRole("dialog", { name: /^Title card: / });
  await card.waitFor();
  assert(await card.evaluate((d) => d.scrollHeight > d.clientHeight), "the card fits the phone's screen: nothing here to check");
  const found = await axeViolations(page);
  await page.evaluate(() => window.axe.run(document, { runOnly: { type: "rule", values: ["skip-link"] } })).then((r) => found.push(...r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(", ")}`)));
  await c.close();
  assert(found.length === 0, found.join("; "));
});

test("requests animate along edges, failures drawn as crosses; reduced motion shows numbers instead", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  const failed = await page.locator(".map .particle.failed:not(.hidden)").count();
  const ok = await page.locator(".map .particle:not(.failed):not(.hidden)").count();
  assert(failed > 0 && ok > 0, `particles: ${ok} ok, ${failed} failed at 1:00 AM`);
  assert(failed + ok <= 27 * 8, "particles are capped");
  // Density follows the simulated rate at 1:00 AM: the failed SQS poller carries nothing, the
  // DNS Planner's plans flow as normal, and so do launches (leased droplets still have room).
  const edge = (from, to) => page.locator(`.link[data-from="${from}"][data-to="${to}"]`);
  const drawn = async (from, to) => edge(from, to).locator(".particle:not(.hidden)").count();
  assert((await drawn("lambda", "lambda-sqs")) === 0, "the failed SQS poller's edge still animates");
  assert((await drawn("dns-planner", "enactor-a")) === 3, "plans do not flow at the normal density");
  const launches = await drawn("ec2-api", "ec2-launch");
  // 2:30 AM: no leased room is left, and retried launch requests surge against the EC2 API.
  await scrubTo(page, 180);
  await clockShows(page, "2:30:00 AM");
  const retried = await drawn("ec2-api", "ec2-launch");
  assert(retried > launches, `launch requests: ${launches} particles at 1:00 AM, ${retried} at 2:30 AM`);
  // Dragging the scrubber freezes the requests in flight; letting go starts them again.
  const paused = () => page.evaluate(() => document.querySelector("svg.graph").animationsPaused());
  await page.getByRole("slider", { name: "Timeline" }).scrollIntoViewIfNeeded();
  const box = await page.getByRole("slider", { name: "Timeline" }).boundingBox();
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
  assert(await paused(), "particles keep moving while the scrubber is dragged");
  await page.mouse.up();
  assert(!(await paused()), "particles stay frozen after the drag");
  const ctx2 = await ctx.browser().newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
  const calm = await ctx2.newPage();
  await calm.goto(ctx.baseURL + OUTAGE_LINK);
  await ready(calm);
  assert(!(await calm.locator(".map .particles").first().isVisible()), "no particles under reduced motion");
  const rates = await calm.locator(".map .rate").allTextContents();
  assert(await calm.locator(".map .rate").filter({ hasText: "fail" }).first().isVisible(), "the numbers are visible");
  assert(rates.some((r) => /% fail/.test(r)), "edges say their failure share in numbers");
  assert(rates.some((r) => /transactions\/min/.test(r)), `edges say their rate in numbers: ${rates.join(" | ")}`);
  await ctx2.close();
});

await runIfMain(import.meta);
