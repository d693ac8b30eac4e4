// Browser tests of an embed with a range (`embed=1&from=…&to=…`): nothing outside the range is
// reachable, and the embed fills the frame a course page gives it.
import path from "node:path";
import { test, assert, runIfMain, shots } from "../harness.mjs";
import { frames, scenarioFile, openAnew } from "../helpers.mjs";

const file = scenarioFile();
/** Milliseconds from the window's start to an instant of the scenario file. */
const ms = (rfc3339) => Date.parse(rfc3339) - Date.parse(file.start);
// `from=ch2&to=ch4`: chapter 2's moment (11:47 PM) until chapter 5 begins (2:24 AM).
const FROM = ms(file.chapters[1].at);
const TO = ms(file.chapters[4].at);
const RANGE = "#v=1&embed=1&from=ch2&to=ch4";

/** An embed has no header: it is ready once its run is on screen. */
async function embedReady(page) {
  await page.locator('main[aria-busy="false"]').waitFor();
  await page.getByRole("slider", { name: "Timeline" }).waitFor();
}

/** The playhead in ms from the window's start, once the page has drawn what it was sent. */
async function playhead(page) {
  await frames(page);
  return Number(await page.getByRole("slider", { name: "Timeline" }).inputValue());
}

async function assertAt(page, want, how) {
  const got = await playhead(page);
  assert(got === want, `${how}: the playhead is at ${got} ms, not ${want} (the range is ${FROM}–${TO})`);
}

async function assertInside(page, how) {
  const got = await playhead(page);
  assert(got >= FROM && got <= TO, `${how}: the playhead left the range (${got} ms, the range is ${FROM}–${TO})`);
}

test("an embed with a range refuses to leave it", async (ctx) => {
  const page = await (await ctx.browser().newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await page.goto(ctx.baseURL + RANGE);
  await embedReady(page);
  const slider = page.getByRole("slider", { name: "Timeline" });
  const lecture = page.getByRole("region", { name: "Lecture" });
  // It opens on the range's first chapter, and its timeline spans the range alone.
  await lecture.getByRole("heading", { name: /^Chapter 2 of 10:/ }).waitFor();
  await assertAt(page, FROM, "on opening");
  assert(Number(await slider.getAttribute("min")) === FROM && Number(await slider.getAttribute("max")) === TO,
    `the timeline spans ${await slider.getAttribute("min")}–${await slider.getAttribute("max")}`);
  await page.screenshot({ path: path.join(shots, "embed-range-1280x720.png") });

  // Nothing leads to another outage or to the title card.
  assert(!(await page.getByRole("combobox", { name: "Outage" }).isVisible()), "no outage picker");
  assert(!(await page.getByRole("button", { name: "Title card" }).isVisible()), "no title card button");
  assert((await page.getByRole("link").count()) === 0, "no link anywhere in the embed");
  await page.keyboard.press("t");
  await page.keyboard.press("n");
  await frames(page);
  assert((await page.getByRole("dialog").count()) === 0, "t opens no title card");
  assert(page.url().endsWith(RANGE) || page.url().includes("from=ch2&to=ch4"), `n left the embed: ${page.url()}`);
  assert(!/scenario=aws-20(20|11)/.test(page.url()), `n opened another outage: ${page.url()}`);

  // Chapters: forward to the range's last, and no further; back to its first, and no further.
  const next = lecture.getByRole("button", { name: "Next chapter ▶" });
  await next.click();
  await lecture.getByRole("heading", { name: /^Chapter 3 of 10:/ }).waitFor();
  // A chapter that asks the room a question: the next click reveals its answer.
  if (file.chapters[2].question) {
    await page.keyboard.press("PageDown");
    await lecture.locator(".narration").waitFor();
  }
  await page.keyboard.press("PageDown");
  await lecture.getByRole("heading", { name: /^Chapter 4 of 10:/ }).waitFor();
  assert(await next.isDisabled(), "Next chapter is disabled at the range's last chapter");
  await page.keyboard.press("PageDown");
  await page.keyboard.press("9");
  await assertAt(page, ms(file.chapters[3].at), "PageDown and 9 past the range's last chapter");
  assert(await lecture.getByRole("heading", { name: /^Chapter 4 of 10:/ }).isVisible(), "still chapter 4");
  for (let i = 0; i < 3; i++) await page.keyboard.press("PageUp");
  await lecture.getByRole("heading", { name: /^Chapter 2 of 10:/ }).waitFor();
  await page.keyboard.press("1");
  await assertAt(page, FROM, "PageUp and 1 before the range's first chapter");

  // The timeline by keyboard: Home and End are the range's ends; arrows stop there.
  await slider.focus();
  await page.keyboard.press("End");
  await assertAt(page, TO, "End");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await assertAt(page, TO, "arrows past the end");
  await page.keyboard.press("Home");
  await assertAt(page, FROM, "Home");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
  await assertAt(page, FROM, "arrows before the start");
  // The previous and next event, from the page's keys and buttons, from near each end (the
  // outage's next turning points lie past the range's end, its previous ones before its start).
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await page.evaluate(() => document.activeElement.blur());
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
  await assertAt(page, TO, "the next event, again and again");
  await slider.focus();
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
  for (let i = 0; i < 10; i++) await page.getByRole("button", { name: "Previous event" }).click();
  await assertAt(page, FROM, "the previous event, again and again");

  // The mouse: a click or a drag before the start or past the end.
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.click(box.x + box.width - 1, y);
  await assertAt(page, TO, "a click at the timeline's right end");
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(1, y, { steps: 5 });
  await assertAt(page, FROM, "a drag past the timeline's left end");
  await page.mouse.move(1279, y, { steps: 5 });
  await assertAt(page, TO, "a drag past the timeline's right end");
  await page.mouse.up();
  const strip = await page.locator(".strip svg").boundingBox();
  await page.mouse.click(strip.x + strip.width - 2, strip.y + 8);
  await assertInside(page, "a click at the strip's right end");

  // Playing stops at the range's end.
  await page.getByRole("combobox", { name: /^Speed/ }).selectOption({ label: "1 h/s" });
  await page.keyboard.press("Home");
  await slider.focus();
  await page.keyboard.press("Home");
  await page.getByRole("button", { name: "Play" }).click();
  await page.getByRole("button", { name: "Pause" }).waitFor();
  await page.getByRole("button", { name: "Play" }).waitFor();
  await assertAt(page, TO, "playing to the end");
  await page.getByRole("button", { name: "Play" }).click();
  await page.getByRole("button", { name: "Play" }).waitFor();
  await assertAt(page, TO, "playing again from the end");
  // The address keeps the range: a reload is the same embed.
  await page.waitForFunction(() => location.hash.includes("from=ch2&to=ch4") && location.hash.includes("embed=1"));
  await page.context().close();
});

test("an embed's link outside its range opens at the range's edge and says so", async (ctx) => {
  const page = await (await ctx.browser().newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await page.goto(ctx.baseURL + "#v=1&embed=1&from=01:00&to=03:00&t=05:00:00");
  await embedReady(page);
  const notice = page.getByRole("alert");
  await notice.getByText(/the time 05:00:00 is outside the embed's range \(01:00:00 to 03:00:00\); it opens at 03:00:00/).waitFor();
  await page.getByRole("timer", { name: "Simulation time" }).getByText(/^3:00:00 AM/).waitFor();
  // Chapters 5 and 6 (2:24 and 3:00 AM) are the range's: the embed shows them.
  const lecture = page.getByRole("region", { name: "Lecture" });
  await lecture.getByText("This embed holds chapters 5 to 6 of 10").waitFor();
  await page.keyboard.press("PageDown");
  await lecture.getByRole("heading", { name: /^Chapter 5 of 10:/ }).waitFor();
  await page.keyboard.press("PageDown");
  await lecture.getByRole("heading", { name: /^Chapter 6 of 10:/ }).waitFor();
  await page.keyboard.press("PageDown");
  await assertAt(page, ms(file.chapters[5].at), "PageDown past the range's last chapter");
  // A range that makes no sense is dropped, and the link opens without one.
  await openAnew(page, ctx.baseURL + "#v=1&embed=1&from=ch4&to=ch2&t=01:00:00");
  await embedReady(page);
  await page.getByRole("alert").getByText(/ends before it starts; the link opens without a range/).waitFor();
  assert(Number(await page.getByRole("slider", { name: "Timeline" }).getAttribute("min")) === 0, "the timeline spans the whole window");
  await page.context().close();
});

test("an embed fills its frame on a course page", async (ctx) => {
  const page = await (await ctx.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  for (const [w, h] of [[800, 500], [640, 400], [1024, 600]]) {
    // A course page of the app's origin with the embed in an iframe of that size.
    await page.route("**/course-page.html", (r) => r.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><body style="margin:16px;font-family:sans-serif"><h1>Week 3: cascading failures</h1>
        <iframe title="The 2025 outage, chapters 2 to 4" src="/${RANGE}" width="${w}" height="${h}" style="border:1px solid #888"></iframe></body></html>`,
    }));
    await page.goto(ctx.baseURL + "course-page.html");
    const frame = page.frameLocator("iframe");
    await frame.locator('main[aria-busy="false"]').waitFor();
    await frame.getByRole("slider", { name: "Timeline" }).waitFor();
    await frames(page);
    const inside = await page.frames()[1].evaluate(() => {
      const r = document.querySelector("svg.graph").getBoundingClientRect();
      const s = document.querySelector('input[type="range"]').getBoundingClientRect();
      const root = document.documentElement;
      return {
        map: [r.left, r.top, r.right, r.bottom].map(Math.round),
        slider: [s.top, s.bottom].map(Math.round),
        scroll: [root.scrollWidth - root.clientWidth, root.scrollHeight - root.clientHeight],
        names: [...document.querySelectorAll("svg.graph text.name")].map((t) => t.getBoundingClientRect().height),
      };
    });
    const [l, t, r, b] = inside.map;
    assert(l >= 0 && t >= 0 && r <= w && b <= h, `${w}×${h}: the map is cut (${inside.map})`);
    assert((r - l) * (b - t) >= 0.25 * w * h, `${w}×${h}: the map takes ${Math.round((r - l) * (b - t) / (w * h) * 100)}% of the frame`);
    assert(inside.slider[0] >= 0 && inside.slider[1] <= h, `${w}×${h}: the timeline is out of the frame (${inside.slider})`);
    assert(inside.scroll[0] <= 0, `${w}×${h}: the frame scrolls sideways by ${inside.scroll[0]}px`);
    // A node's name can be read on the course page: the map is drawn at a scale that shows it.
    const smallest = Math.min(...inside.names);
    assert(inside.names.length > 0 && smallest >= 8, `${w}×${h}: the smallest node name is ${smallest.toFixed(1)} px high`);
    await page.screenshot({ path: path.join(shots, `embed-course-page-${w}x${h}.png`) });
    await page.unroute("**/course-page.html");
  }
  await page.context().close();
});

await runIfMain(import.meta);
