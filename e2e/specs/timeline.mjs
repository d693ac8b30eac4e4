// Browser tests of the timeline's axis at the sizes people use: ticks, labels, the thumb on the
// playhead.
import fs from "node:fs";
import path from "node:path";
import { test, assert, openApp, ready, runIfMain, here, shots, OUTAGE_LINK } from "../harness.mjs";
import { scrubTo, health, scenarioFile, goldenDigest, frames, clockShows } from "../helpers.mjs";

// The timeline's geometry, read from the page: boxes in CSS px.
const boxesOf = (scope, selector) => scope.locator(selector).evaluateAll((els) => els.map((e) => {
  const r = e.getBoundingClientRect();
  return { text: e.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom };
}));
const firstOverlap = (boxes) => {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b) return `"${a.text}" and "${b.text}"`;
    }
  }
  return null;
};
// Font size as drawn on screen: the computed size times the SVG's scale, if any.
const smallestText = (scope, selector) => scope.locator(selector).evaluateAll((els) => Math.min(...els.map((e) => {
  const scale = e.getScreenCTM ? e.getScreenCTM().a : 1;
  return parseFloat(getComputedStyle(e).fontSize) * scale;
})));
// Where the Timeline slider's thumb centre is (the browser keeps it half a thumb inside the
// track at both ends) and where the strip draws the playhead.
const thumbAndPlayhead = (page) => page.evaluate(() => {
  const input = document.querySelector('input[aria-label="Timeline"]');
  const r = input.getBoundingClientRect();
  const cs = getComputedStyle(input);
  const thumb = parseFloat(cs.getPropertyValue("--thumb"));
  const inner = r.width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  const f = (Number(input.value) - Number(input.min)) / (Number(input.max) - Number(input.min));
  const line = document.querySelector(".strip .playhead").getBoundingClientRect();
  return { thumb: r.left + parseFloat(cs.paddingLeft) + thumb / 2 + (inner - thumb) * f, playhead: (line.left + line.right) / 2 };
});

async function checkTimeline(page, where) {
  const strip = page.locator(".strip");
  const ticks = await boxesOf(strip, "svg .tick text");
  assert(ticks.length >= 3, `${where}: only ${ticks.length} tick labels on the strip`);
  assert(ticks.length <= 12, `${where}: ${ticks.length} tick labels on the strip is too many to read`);
  for (const t of ticks) assert(/^\d{1,2}( [AP]M|:\d\d(:\d\d)?)$/.test(t.text), `${where}: tick label "${t.text}"`);
  const tickClash = firstOverlap(ticks);
  assert(!tickClash, `${where}: strip tick labels ${tickClash} overlap`);
  const charts = page.locator(".chart");
  for (let i = 0; i < (await charts.count()); i++) {
    const labels = await boxesOf(charts.nth(i), ".axis .tick");
    assert(labels.length >= 2, `${where}: chart ${i + 1} has ${labels.length} tick labels`);
    const clash = firstOverlap(labels);
    assert(!clash, `${where}: chart ${i + 1} tick labels ${clash} overlap`);
    const plot = await charts.nth(i).locator("svg").boundingBox();
    for (const l of labels) assert(l.l >= plot.x - 1 && l.r <= plot.x + plot.width + 1, `${where}: chart ${i + 1} label "${l.text}" sticks out of its chart`);
  }
  const refs = await boxesOf(strip, "svg .ref text");
  const refClash = firstOverlap(refs);
  assert(!refClash, `${where}: reference labels ${refClash} overlap`);
  const small = Math.min(await smallestText(strip, "svg text"), await smallestText(charts, ".axis .tick"));
  assert(small >= 12, `${where}: timeline text drawn at ${small.toFixed(1)} px`);
  const { thumb, playhead } = await thumbAndPlayhead(page);
  assert(Math.abs(thumb - playhead) <= 3, `${where}: slider thumb at ${thumb.toFixed(1)} px, strip playhead at ${playhead.toFixed(1)} px`);
  return { ticks: ticks.map((t) => t.text), refs: refs.length };
}

for (const [width, height] of [[1280, 720], [1920, 1080]]) {
  test(`timeline axis at ${width}x${height}: ticks on the strip and charts at three zooms, nothing overlaps, the slider thumb sits on the playhead`, async (ctx) => {
    const { page } = await openApp(ctx);
    await page.setViewportSize({ width, height });
    await ready(page);
    // The strip and the charts are laid out by their measured widths: measured at this size two
    // frames on.
    await frames(page);
    const range = page.locator(".zoom-label");
    assert(/^Showing the whole window, 11:30 PM – 3:30 PM PDT$/.test(await range.innerText()), `range text: ${await range.innerText()}`);
    const whole = await checkTimeline(page, "whole window");
    assert(whole.ticks.includes("12 AM") && whole.ticks.includes("6 AM"), `ticks on round local hours: ${whole.ticks.join(" ")}`);
    assert(whole.refs >= 20, `the AWS lane shows every reference time (${whole.refs})`);
    const legend = page.getByRole("list", { name: "What the reference tags mean" });
    const legendText = await legend.innerText();
    for (const [tag, meaning] of [["P", /post-event summary/], ["Q", /quoted by a third party/], ["S2", /two or more write-ups/], ["S1", /one secondary source/]]) {
      assert(new RegExp(`(^|\\s)${tag}\\s`).test(legendText) && meaning.test(legendText), `the legend explains ${tag}: ${legendText}`);
    }
    // The thumb on the playhead at the start, middle and end of the window.
    const slider = page.getByRole("slider", { name: "Timeline" });
    await slider.focus();
    for (const key of ["Home", "End"]) {
      await page.keyboard.press(key);
      const { thumb, playhead } = await thumbAndPlayhead(page);
      assert(Math.abs(thumb - playhead) <= 3, `${key}: slider thumb at ${thumb.toFixed(1)} px, strip playhead at ${playhead.toFixed(1)} px`);
    }
    // A click on the track puts the thumb's centre under the pointer: the playhead follows to it.
    await slider.scrollIntoViewIfNeeded();
    const box = await slider.boundingBox();
    for (const f of [0.5, 0.25, 0.8]) {
      const x = box.x + box.width * f;
      await page.mouse.click(x, box.y + box.height / 2);
      const { playhead } = await thumbAndPlayhead(page);
      assert(Math.abs(playhead - x) <= 3, `clicked the slider at ${x.toFixed(1)} px, strip playhead at ${playhead.toFixed(1)} px`);
    }
    await page.keyboard.press("Home");
    for (let i = 0; i < 100; i++) await page.keyboard.press("ArrowRight"); // 1:10 AM
    const zoomIn = page.getByRole("button", { name: "Zoom in" });
    for (const [clicks, span] of [[4, "1 hour"], [3, "5 minutes"]]) {
      for (let i = 0; i < clicks; i++) await zoomIn.click();
      await page.locator(`.zoom-label[title="Zoom: ${span}"]`).waitFor();
      const text = await range.innerText();
      assert(/^Showing \d{1,2}:\d\d(:\d\d)?( [AP]M)?( – |–)\d{1,2}:\d\d(:\d\d)? [AP]M PDT$/.test(text), `range text at ${span}: ${text}`);
      assert(!/whole window/.test(text), `zoomed to ${span}, the text still says: ${text}`);
      await checkTimeline(page, span);
      await slider.scrollIntoViewIfNeeded();
      const zb = await slider.boundingBox();
      const x = zb.x + zb.width * 0.3;
      await page.mouse.click(x, zb.y + zb.height / 2);
      const { playhead } = await thumbAndPlayhead(page);
      assert(Math.abs(playhead - x) <= 3, `${span}: clicked the slider at ${x.toFixed(1)} px, strip playhead at ${playhead.toFixed(1)} px`);
    }
    if (width === 1280) {
      // The whole window: every reference time on the AWS lane.
      const zoomOut = page.getByRole("button", { name: "Zoom out" });
      while (await zoomOut.isEnabled()) await zoomOut.click();
      await slider.focus();
      await page.keyboard.press("Home");
      for (let i = 0; i < 90; i++) await page.keyboard.press("ArrowRight"); // 1:00 AM
      await slider.evaluate((el) => el.blur()); // no focus ring in the picture
      await page.locator(".timebar").evaluate((el) => el.scrollIntoView({ block: "start" }));
      await clockShows(page, "1:00:00 AM");
      await frames(page); // the scroll and the blurred slider drawn
      const top = await page.locator(".timebar").boundingBox();
      const bottom = await page.locator(".charts").boundingBox();
      const y0 = Math.max(0, top.y - 6);
      const clip = { x: 0, y: y0, width, height: Math.min(height - y0, bottom.y + bottom.height + 6 - y0) };
      const file = path.join(shots, "timeline-axis.png");
      await page.screenshot({ path: file, clip });
      assert(fs.statSync(file).size > 10000, "screenshot too small");
    }
  });
}

await runIfMain(import.meta);
