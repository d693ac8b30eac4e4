// Browser tests of a class through several outages: any outage from anywhere, the title card on
// demand, and after an outage's last chapter its successor's title card.
import path from "node:path";
import jsQR from "jsqr";
import { test, assert, openSized, ready, runIfMain, shots } from "../harness.mjs";
import { scenarioFile } from "../helpers.mjs";

const card = (page, title) => page.getByRole("dialog", { name: `Title card: ${title}` });
const KINESIS = "AWS Kinesis, us-east-1, 25 November 2020";
const EBS = "AWS EBS, us-east-1, 21–24 April 2011";

test("from a 2025 chapter, the Kinesis title card is one key or one choice away, and the title card comes back on demand", async (ctx) => {
  const page = await openSized(ctx, "#v=1&t=23:40:00&chapter=0&theme=presenter");
  const lecture = page.getByRole("region", { name: "Lecture" });
  await lecture.getByText(/Chapter 1 of 10/).waitFor();
  // The title card on demand: a key, or the header's button.
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("t");
  const own = card(page, "AWS us-east-1, 19–20 October 2025");
  await own.waitFor();
  assert((await own.getByRole("link", { name: "AWS Kinesis" }).count()) === 1, "the card lists the other outages");
  await page.keyboard.press("Escape");
  await own.waitFor({ state: "hidden" });
  await page.getByRole("button", { name: "Title card" }).click();
  await own.waitFor();
  await page.keyboard.press("Escape");
  await own.waitFor({ state: "hidden" });
  // n: the next outage's title card.
  await page.keyboard.press("n");
  await card(page, KINESIS).waitFor();
  assert((await page.evaluate(() => document.documentElement.dataset.theme)) === "presenter", "the stage stays the stage");
  await page.screenshot({ path: path.join(shots, "class-next-outage-card-1280x720.png") });
  // And any outage from the header's picker.
  await page.keyboard.press("Escape");
  await page.getByRole("combobox", { name: "Outage" }).selectOption({ label: EBS });
  await card(page, EBS).waitFor();
  await page.context().close();
});

test("at an outage's last chapter, Next chapter is the next outage's title card; after the last outage it is disabled", async (ctx) => {
  // A bare address opens on the title card: 9 picks chapter 9, PageDown goes on to the last.
  const page = await openSized(ctx, "#v=1&scenario=aws-2025-10-us-east-1");
  const lecture = page.getByRole("region", { name: "Lecture" });
  await card(page, "AWS us-east-1, 19–20 October 2025").waitFor();
  await page.keyboard.press("9");
  await lecture.getByText(/Chapter 9 of 10/).waitFor();
  assert((await page.getByRole("button", { name: "Next chapter ▶" }).count()) === 1, "before the last chapter it is Next chapter");
  await page.keyboard.press("PageDown");
  await lecture.getByText(/Chapter 10 of 10/).waitFor();
  const next = page.getByRole("button", { name: /^Next outage ▶: AWS Kinesis/ });
  await next.waitFor();
  await page.screenshot({ path: path.join(shots, "class-last-chapter-1280x720.png") });
  // What a clicker sends does the same.
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("PageDown");
  await card(page, KINESIS).waitFor();
  await page.context().close();
  // The last outage's last chapter: nothing after it.
  const ebs = await openSized(ctx, "#v=1&scenario=aws-2011-04-us-east-1");
  await card(ebs, EBS).waitFor();
  await ebs.keyboard.press("8");
  await ebs.getByRole("region", { name: "Lecture" }).getByText(/Chapter 8 of 8/).waitFor();
  assert(await ebs.getByRole("button", { name: "Next chapter" }).isDisabled(), "Next chapter is disabled at the very end");
  await ebs.context().close();
});

test("predict, then see: the race chapter asks the room what Enactor A does, hides what would give it away, and the next click reveals the answer", async (ctx) => {
  const page = await openSized(ctx, "#v=1&scenario=aws-2025-10-us-east-1");
  await card(page, "AWS us-east-1, 19–20 October 2025").waitFor();
  await page.keyboard.press("2");
  const lecture = page.getByRole("region", { name: "Lecture" });
  await lecture.getByText(/Chapter 2 of 10/).waitFor();
  await page.keyboard.press("PageDown");
  await lecture.getByRole("heading", { name: /^Chapter 3 of 10: The race/ }).waitFor();
  const ask = lecture.getByRole("group", { name: "Predict, then see" });
  await ask.waitFor();
  assert(/What happens when Enactor A resumes\?/.test(await ask.innerText()), await ask.innerText());
  assert((await lecture.locator(".narration").count()) === 0, "the narration waits for the answer");
  assert((await page.locator("main.asking").count()) === 1 && !(await page.locator(".callouts").first().isVisible()), "the callouts wait too");
  // The room's guess, marked; then the next click (a clicker's PageDown) reveals.
  await ask.getByRole("button", { name: "It checks again, finds its plan stale and skips it" }).click();
  assert((await ask.getByRole("button", { name: /finds its plan stale/ }).getAttribute("aria-pressed")) === "true", "the guess is marked");
  await page.getByRole("button", { name: "Reveal the answer" }).waitFor();
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("PageDown");
  await lecture.locator(".narration").waitFor();
  const answered = await ask.innerText();
  assert(/It writes its old plan over the newer one ✓ the answer/.test(answered) && /skips it ✗ the room's guess/.test(answered), answered);
  assert(/applied its much older plan/.test(await lecture.locator(".narration").innerText()), "the narration bears the answer out");
  await lecture.getByRole("heading", { name: /^Chapter 3 of 10: The race/ }).waitFor();
  await page.screenshot({ path: path.join(shots, "class-predict-revealed-1280x720.png") });
  await page.keyboard.press("PageDown");
  await lecture.getByRole("heading", { name: /^Chapter 4 of 10/ }).waitFor();
  await page.context().close();
});

/** What a camera reads from the QR code on screen: its drawn modules, as pixels, decoded by jsQR. */
async function scanCode(page) {
  const { d, side } = await page.evaluate(() => {
    const svg = document.querySelector(".follow-code svg");
    return { d: svg.querySelector("path").getAttribute("d"), side: svg.viewBox.baseVal.width };
  });
  const scale = 8, w = side * scale;
  const pixels = new Uint8ClampedArray(w * w * 4).fill(255);
  for (const m of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    const [x, y] = [Number(m[1]), Number(m[2])];
    for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) {
      const o = ((y * scale + dy) * w + x * scale + dx) * 4;
      pixels[o] = pixels[o + 1] = pixels[o + 2] = 0;
    }
  }
  return jsQR(pixels, w, w)?.data ?? null;
}

/** A phone in the back row: 390×844 CSS px held upright, three device pixels to each. */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

/** Whether a phone can read the map: each node name's size on screen (its font size in map units
 * times the map's scale, so CSS px), and the map's box against the screen's width. */
async function readableOnPhone(phone, what) {
  const m = await phone.evaluate(() => {
    const svg = document.querySelector("svg.graph");
    const scale = svg.getScreenCTM().a;
    const names = [...svg.querySelectorAll(".node .name")].map((t) => ({ name: t.textContent.trim(), px: parseFloat(getComputedStyle(t).fontSize) * scale, high: t.getBoundingClientRect().height }));
    const r = svg.getBoundingClientRect();
    return { names, left: r.left, right: r.right, screen: innerWidth, page: document.documentElement.scrollWidth };
  });
  const small = m.names.filter((n) => n.px < 12);
  assert(m.names.length > 0 && small.length === 0, `${what}: names under 12 px on a phone: ${JSON.stringify(small)}`);
  assert(m.left >= 0 && m.right <= m.screen + 0.5, `${what}: the map spans ${m.left.toFixed(0)}–${m.right.toFixed(0)} px on a screen ${m.screen} px wide`);
  assert(m.page <= m.screen + 1, `${what}: the page is ${m.page} px wide, and scrolls sideways`);
}

test("on stage the QR code of the link decodes to the link on screen (run, moment, chapter), a phone opening it sees the same moment, and q or Escape hides it", async (ctx) => {
  const page = await openSized(ctx, "#v=1&t=23:40:00&chapter=0&theme=presenter&script=23:35:00~delay-enactor.1");
  await page.getByRole("region", { name: "Lecture" }).getByText(/Chapter 1 of 10/).waitFor();
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("q");
  const code = page.getByRole("img", { name: /^QR code of this link: / });
  await code.waitFor();
  assert((await page.getByRole("button", { name: "QR code" }).getAttribute("aria-pressed")) === "true", "the button says the code is shown");
  await page.waitForFunction(() => location.hash.includes("chapter=0"));
  const scanned = await scanCode(page);
  // The link on screen, but not the stage's theme: a phone picks its own.
  assert(scanned === (await page.evaluate(() => location.href)).replace("&theme=presenter", ""), `the code reads ${scanned}`);
  assert(/script=23:35:00~delay-enactor\.1/.test(scanned) && /t=23:40:00/.test(scanned) && /chapter=0/.test(scanned), `the run, the moment and the chapter: ${scanned}`);
  await page.screenshot({ path: path.join(shots, "class-qr-code-1280x720.png") });
  // A phone in the back row opens it: the same moment of the same run.
  const phone = await (await ctx.browser().newContext(PHONE)).newPage();
  await phone.goto(scanned);
  await phone.locator('main[aria-busy="false"]').waitFor();
  await phone.getByRole("region", { name: "Lecture" }).getByText(/Chapter 1 of 10/).waitFor();
  assert((await phone.getByRole("timer", { name: "Simulation time" }).innerText()).startsWith("11:40:00"), "the same moment");
  // The run's record is below the map, drawn once the student scrolls.
  await phone.mouse.wheel(0, 600);
  await phone.getByRole("region", { name: "About this run" }).waitFor();
  await phone.evaluate(() => window.scrollTo(0, 0));
  const digest = async (p) => p.evaluate(() => /Digest\s+([0-9a-f]{16})/.exec(document.querySelector('[aria-label="About this run"]').textContent.replace(/\s+/g, " "))?.[1]);
  assert((await digest(phone)) === (await digest(page)), "the same run");
  await readableOnPhone(phone, "2025");
  await phone.screenshot({ path: path.join(shots, "class-qr-phone-390x844.png") });
  await phone.screenshot({ path: path.join(shots, "class-qr-phone-390x844-whole.png"), fullPage: true });
  await phone.context().close();
  // q again hides it; Escape does too.
  await page.keyboard.press("q");
  await code.waitFor({ state: "detached" });
  await page.keyboard.press("q");
  await code.waitFor();
  await page.keyboard.press("Escape");
  await code.waitFor({ state: "detached" });
  assert((await page.getByRole("button", { name: "QR code" }).getAttribute("aria-pressed")) === "false", "the button says the code is hidden");
  await page.context().close();
});

const COMPARISON = "Comparison of the lecture's outages";

test("a lecture link plays through chapters of all three outages and lands on the comparison chapter, and the link holds the position", async (ctx) => {
  const page = await openSized(ctx, "#v=1&scenario=aws-2011-04-us-east-1&theme=presenter&lecture=2011,2020,2025");
  const lecture = page.getByRole("region", { name: "Lecture" });
  const ebs = card(page, EBS);
  await ebs.waitFor();
  assert(/a lecture across outages: 1 of 3/.test(await ebs.innerText()), "the card says where in the lecture it is");
  // Each outage: the card, its first chapters, a jump to its last, and Next to what follows.
  const outage = async (count, lastKey, nextName) => {
    await page.keyboard.press("PageDown");
    await lecture.getByRole("heading", { name: new RegExp(`^Chapter 1 of ${count}:`) }).waitFor();
    await page.keyboard.press("PageDown");
    await lecture.getByRole("heading", { name: new RegExp(`^Chapter 2 of ${count}:`) }).waitFor();
    await page.keyboard.press(lastKey);
    if (lastKey !== String(count)) {
      await lecture.getByRole("heading", { name: new RegExp(`^Chapter ${lastKey} of ${count}:`) }).waitFor();
      await page.keyboard.press("PageDown");
    }
    await lecture.getByRole("heading", { name: new RegExp(`^Chapter ${count} of ${count}:`) }).waitFor();
    await page.getByRole("button", { name: nextName }).waitFor();
    await page.keyboard.press("PageDown");
  };
  await outage(8, "8", /^Next outage ▶: AWS Kinesis/);
  await card(page, KINESIS).waitFor();
  await ready(page);
  assert(/lecture=2011,2020,2025/.test(await page.evaluate(() => location.hash)), "the next outage keeps the lecture");
  assert((await page.evaluate(() => document.documentElement.dataset.theme)) === "presenter", "and the stage");
  await outage(9, "9", /^Next outage ▶: AWS us-east-1, 19–20 October 2025/);
  await card(page, "AWS us-east-1, 19–20 October 2025").waitFor();
  await ready(page);
  await page.screenshot({ path: path.join(shots, "class-lecture-third-card-1280x720.png") });
  await outage(10, "9", /^Next ▶: the comparison of the lecture's outages/);
  const compared = page.getByRole("dialog", { name: COMPARISON });
  await compared.waitFor();
  const text = await compared.innerText();
  // Each outage's trigger, and how long the model's run of each was impaired.
  for (const trigger of [/shifted EBS traffic onto the low-capacity secondary network/, /small addition of capacity to the Kinesis front-end fleet/, /latent race in DynamoDB's DNS automation/]) {
    assert(trigger.test(text), `the comparison names the trigger ${trigger}`);
  }
  const durations = text.match(/In the model's run: [^.]*?(\d+ days?( \d+ h)?|\d+ h( \d+ min)?)\./g) || [];
  assert(durations.length === 3, `a recovery duration for each outage: ${durations.join(" | ")}`);
  assert((await compared.getByRole("columnheader").allInnerTexts()).join(" / ") === `${EBS} / ${KINESIS} / AWS us-east-1, 19–20 October 2025`, "oldest first, as the lecture tells them");
  await page.screenshot({ path: path.join(shots, "class-lecture-comparison-1280x720.png") });
  // The link holds the position: a reload reopens the comparison.
  await page.waitForFunction(() => location.hash.includes("comparison=1") && location.hash.includes("chapter=9"));
  await page.reload();
  await ready(page);
  await compared.waitFor();
  // Back (a clicker's PageUp) is the last chapter of the last outage.
  await page.keyboard.press("PageUp");
  await compared.waitFor({ state: "hidden" });
  await lecture.getByRole("heading", { name: /^Chapter 10 of 10:/ }).waitFor();
  await page.waitForFunction(() => !location.hash.includes("comparison=1") && location.hash.includes("lecture=2011,2020,2025"));
  await page.context().close();
});

test("the title card starts a lecture of every outage, oldest first; a lecture naming an outage the app lacks is left out with a notice", async (ctx) => {
  const page = await openSized(ctx, "#v=1&scenario=aws-2025-10-us-east-1&theme=presenter");
  await card(page, "AWS us-east-1, 19–20 October 2025").waitFor();
  await page.getByRole("button", { name: "Lecture: all three outages, oldest first" }).click();
  const ebs = card(page, EBS);
  await ebs.waitFor();
  await ready(page);
  assert(/a lecture across outages: 1 of 3/.test(await ebs.innerText()), "it starts with the oldest outage");
  assert(/scenario=aws-2011-04-us-east-1/.test(await page.evaluate(() => location.hash)) && /lecture=2011,2020,2025/.test(await page.evaluate(() => location.hash)), "the lecture is in the link");
  await page.context().close();
  const bad = await openSized(ctx, "#v=1&t=01:00:00&lecture=1999,2025");
  const notice = bad.getByText(/The lecture in this link was left out: the lecture names "1999", which is none of this app's outages/);
  await notice.waitFor();
  await bad.getByRole("region", { name: "Dependency map" }).waitFor();
  await bad.context().close();
});

test("a phone scanning the QR code on stage of the Kinesis and the EBS outage sees the same moment, the map at the screen's width with names of 12 px or more", async (ctx) => {
  for (const [id, name] of [["aws-2020-11-us-east-1", "kinesis"], ["aws-2011-04-us-east-1", "ebs"]]) {
    const chapters = scenarioFile(id).chapters;
    const first = new RegExp(`Chapter 1 of ${chapters.length}`);
    const page = await openSized(ctx, `#v=1&scenario=${id}&t=${chapters[0].at.slice(11, 19)}&chapter=0&theme=presenter`);
    await page.getByRole("region", { name: "Lecture" }).getByText(first).waitFor();
    await page.locator("body").click({ position: { x: 5, y: 300 } });
    await page.keyboard.press("q");
    await page.getByRole("img", { name: /^QR code of this link: / }).waitFor();
    const scanned = await scanCode(page);
    assert(scanned && scanned.includes(`scenario=${id}`) && !scanned.includes("theme="), `${name}: the code reads ${scanned}`);
    const phone = await (await ctx.browser().newContext(PHONE)).newPage();
    await phone.goto(scanned);
    await phone.locator('main[aria-busy="false"]').waitFor();
    await phone.getByRole("region", { name: "Lecture" }).getByText(first).waitFor();
    const clock = (p) => p.getByRole("timer", { name: "Simulation time" }).innerText();
    assert((await clock(phone)) === (await clock(page)), `${name}: the phone shows ${await clock(phone)}, the stage ${await clock(page)}`);
    await readableOnPhone(phone, name);
    await phone.screenshot({ path: path.join(shots, `class-qr-phone-${name}-390x844.png`) });
    await phone.context().close();
    await page.context().close();
  }
});

await runIfMain(import.meta);
