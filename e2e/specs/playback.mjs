// Browser tests of playback: Play, Pause, Next event, turning points said to a screen reader, zoom,
// and the small charts following the playhead.
import fs from "node:fs";
import path from "node:path";
import { test, assert, openApp, ready, runIfMain, here, shots, OUTAGE_LINK } from "../harness.mjs";
import { scrubTo, health, scenarioFile, goldenDigest, frames, clockShows } from "../helpers.mjs";

test("Play advances the simulated time, Pause stops it, and Next event jumps to the next event", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  const timer = page.getByRole("timer", { name: "Simulation time" });
  const before = await timer.innerText();
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await page.waitForFunction((b) => document.querySelector('[role="timer"]').textContent !== b, before);
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await page.getByRole("button", { name: "Play", exact: true }).waitFor();
  const paused = await timer.innerText();
  // Standing still is shown by time passing in the page: thirty frames, half a second at the
  // least, in which a clock still playing would take five steps (one every 100 ms).
  await frames(page, 30);
  assert((await timer.innerText()) === paused, "time moved while paused");
  await scrubTo(page, 0);
  await page.getByRole("button", { name: "Next event" }).click();
  const log = await page.getByRole("region", { name: "Event log" }).innerText();
  assert(/Delay Enactor A/.test(log), `first event is not the Enactor delay: ${log.slice(0, 200)}`);
  assert((await timer.innerText()).startsWith("11:46:25"), `next event at ${await timer.innerText()}`);
});

test("a screen reader hears each turning point as playback passes it, and nothing while scrubbing; the event log is not a live region", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  const log = page.getByRole("region", { name: "Event log" });
  assert((await log.getAttribute("aria-live")) === null, "the event log is not a live region (a scrub replaces forty entries at once)");
  const said = page.getByRole("status", { name: "Turning points while playing" });
  assert((await said.innerText()) === "", `nothing said before playing: ${await said.innerText()}`);
  await scrubTo(page, 10); // 11:40 PM: the race and the cascade ahead
  assert((await said.innerText()) === "", "nothing said while stepping through the timeline");
  await page.locator("label.speed select").selectOption({ label: "1 h/s" });
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await page.waitForFunction(() => document.querySelector('[aria-label="Turning points while playing"]').textContent !== "", null, { timeout: 20000 });
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  const heard = await said.innerText();
  // What is said is one of the markers on the timeline, word for word.
  const markers = await page.locator(".strip .marker title").allTextContents();
  assert(markers.includes(heard), `"${heard}" is not one of the timeline's markers: ${markers.slice(0, 4).join(" | ")}`);
  await scrubTo(page, 0);
  await page.keyboard.press("End");
  // The clock at the window's end: the announcer hears the same move of the playhead, so by
  // then it has said whatever it would.
  await clockShows(page, "3:30:00 PM");
  assert((await said.innerText()) === heard, "a scrub says nothing new");
});

test("zoom in on the seconds of the race and out again", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("3"); // the race
  await page.keyboard.press("Escape"); // the chapter's node, inspected, may cover the zoom buttons
  const slider = page.getByRole("slider", { name: "Timeline" });
  const span = () => slider.evaluate((el) => Number(el.max) - Number(el.min));
  assert((await span()) === 16 * 3600 * 1000, "whole window at first");
  const zoomIn = page.getByRole("button", { name: "Zoom in" });
  while (await zoomIn.isEnabled()) await zoomIn.click();
  await page.getByText(/^Showing \d+:\d\d:\d\d–\d+:\d\d:\d\d [AP]M PDT$/).waitFor();
  assert((await span()) === 20000, `zoomed span is ${await span()}`);
  const before = Number(await slider.inputValue());
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  const after = Number(await slider.inputValue());
  assert(after - before > 0 && after - before <= 100, `one arrow moves ${after - before} ms when zoomed in`);
  assert(await page.locator(".strip .marker").count() > 0, "the race's events are on the zoomed strip");
  const zoomOut = page.getByRole("button", { name: "Zoom out" });
  while (await zoomOut.isEnabled()) await zoomOut.click();
  await page.getByText("Showing the whole window").waitFor();
  assert((await span()) === 16 * 3600 * 1000, "whole window again");
});

test("small charts follow the run and carry the playhead", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  const charts = page.locator(".chart");
  assert((await charts.count()) === 4, "four charts");
  const errors = await page.getByRole("img", { name: /^Error rate at / }).getAttribute("aria-label");
  assert(/^Error rate at 1:00:00 AM( PDT)?: DynamoDB 100%, EC2 launches \d+%, NLB 0%$/.test(errors), `the chart's text alternative reads the values at the playhead: ${errors}`);
  const dwfm = page.getByRole("img", { name: /DWFM queue and goodput/ });
  const points = await dwfm.locator("polyline").first().getAttribute("points");
  assert(points && points.split(" ").length > 100, "the DWFM queue series covers the run");
  const x0 = Number(await dwfm.locator(".playhead").getAttribute("x1"));
  await scrubTo(page, 600);
  const x1 = Number(await dwfm.locator(".playhead").getAttribute("x1"));
  assert(x1 > x0, `the playhead moves on the chart (${x0} -> ${x1})`);
});

await runIfMain(import.meta);
