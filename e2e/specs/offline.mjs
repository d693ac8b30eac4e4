// Browser tests of the first screen and the offline copy: the title card is in the page the
// server sends and on screen before the wasm has arrived, the app takes it over in place, the
// outages the wasm does not carry are fetched when a link names them (and a failed fetch says
// so), and after one visit the app opens every outage's links with no network.
import path from "node:path";
import { test, assert, ready, runIfMain, shots } from "../harness.mjs";

const CARD_2025 = "Title card: AWS us-east-1, 19–20 October 2025";
const KINESIS = "AWS Kinesis, us-east-1, 25 November 2020";
const EBS = "AWS EBS, us-east-1, 21–24 April 2011";

/** A page whose wasm response is held until `release()` is called. */
async function withWasmHeld(ctx, options = { viewport: { width: 1280, height: 720 } }) {
  const page = await (await ctx.browser().newContext(options)).newPage();
  let release;
  const released = new Promise((r) => { release = r; });
  let asked = false;
  let answered = false;
  await page.route(/_bg\.wasm$/, async (route) => {
    asked = true;
    await released;
    answered = true;
    await route.continue();
  });
  return { page, release, asked: () => asked, answered: () => answered };
}

const box = async (locator) => {
  const b = await locator.boundingBox();
  return b && { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
};

test("the title card is painted before the wasm has been fetched, and the app takes it over in place", async (ctx) => {
  const { page, release, asked, answered } = await withWasmHeld(ctx);
  await page.goto(ctx.baseURL);
  const card = page.getByRole("dialog", { name: CARD_2025 });
  await card.waitFor();
  // The wasm has not been given: what is on screen is the page the server sent.
  assert(!answered(), "the wasm was answered before the card was looked at");
  const heading = card.getByRole("heading", { level: 2, name: "AWS us-east-1, 19–20 October 2025" });
  assert(await heading.isVisible(), "the card's title is on screen");
  assert(await card.getByRole("button", { name: "Start" }).isVisible(), "Start is on screen");
  assert(await card.getByText(/^Chapter 1: /).isVisible(), "chapter 1's words are on screen");
  const size = await heading.evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
  assert(size >= 24, `the title is ${size} px`);
  const before = { dialog: await box(card), heading: await box(heading) };
  assert(before.dialog.width > 400 && before.dialog.x >= 0 && before.dialog.x + before.dialog.width <= 1280, `the card fits the screen: ${JSON.stringify(before.dialog)}`);
  await page.screenshot({ path: path.join(shots, "first-screen-before-wasm-1280x720.png") });
  const cut = await card.evaluate((d) => d.scrollHeight - d.clientHeight);
  assert(cut <= 1, `nothing of the card is cut off at 1280×720 (${cut} px are)`);
  // The wasm arrives: the app's own card replaces the server's where it was.
  release();
  await ready(page);
  assert(asked() && answered(), "the wasm was asked for and given");
  await card.waitFor();
  const after = { dialog: await box(card), heading: await box(heading) };
  assert(JSON.stringify(after) === JSON.stringify(before), `the card did not move: ${JSON.stringify(before)} then ${JSON.stringify(after)}`);
  await page.screenshot({ path: path.join(shots, "first-screen-after-wasm-1280x720.png") });
  await page.context().close();
});

test("a link into a moment paints the app's header and the map's place before the wasm, at the size the app draws them", async (ctx) => {
  const { page, release } = await withWasmHeld(ctx);
  await page.goto(ctx.baseURL + "#v=1&scenario=aws-2011-04-us-east-1&t=d2+12:00:00");
  const subtitle = page.locator("header.top p", { hasText: EBS });
  await subtitle.waitFor();
  await page.getByText("Drawing the map…").waitFor();
  const before = await box(page.locator("header.top"));
  await page.screenshot({ path: path.join(shots, "first-screen-moment-before-wasm-1280x720.png") });
  release();
  await ready(page);
  const after = await box(page.locator("header.top"));
  assert(before.y === after.y && before.x === after.x && before.width === after.width && before.height === after.height, `the header stays where it was, as tall: ${JSON.stringify(before)} then ${JSON.stringify(after)}`);
  assert((await page.getByText("Drawing the map…").count()) === 0, "the map's place gives way to the map");
  await page.context().close();
});

test("an outage's own address paints its card before the wasm, and Start, o or Escape chosen on it is kept", async (ctx) => {
  const { page, release } = await withWasmHeld(ctx, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await page.goto(ctx.baseURL + "#v=1&scenario=aws-2020-11-us-east-1");
  const card = page.getByRole("dialog", { name: `Title card: ${KINESIS}` });
  await card.waitFor();
  const b = await box(card);
  assert(b.x >= 0 && b.x + b.width <= 390, `the card fits a phone's width: ${JSON.stringify(b)}`);
  await page.screenshot({ path: path.join(shots, "first-screen-kinesis-before-wasm-390x844.png") });
  await card.getByRole("button", { name: "Start" }).click();
  await card.waitFor({ state: "hidden" });
  release();
  await ready(page);
  // The app opens on chapter 1 of the Kinesis outage, with no card over it.
  await page.getByRole("region", { name: "Lecture" }).getByText(/Chapter 1 of \d+/).waitFor();
  assert((await page.getByRole("dialog", { name: `Title card: ${KINESIS}` }).count()) === 0 || !(await card.isVisible()), "the card stays closed");
  await page.context().close();
  // The card's keys work before the wasm as after it: o goes into the outage, Escape starts.
  for (const [key, then] of [["o", (p) => p.getByRole("timer", { name: "Simulation time" }).getByText(/^1:00:00 AM PDT$/)], ["Escape", (p) => p.getByRole("region", { name: "Lecture" }).getByText(/Chapter 1 of 10/)]]) {
    const held = await withWasmHeld(ctx);
    await held.page.goto(ctx.baseURL);
    const early = held.page.getByRole("dialog", { name: CARD_2025 });
    await early.waitFor();
    await held.page.keyboard.press(key);
    await early.waitFor({ state: "hidden" });
    held.release();
    await ready(held.page);
    await then(held.page).waitFor();
    assert(!(await early.isVisible()), `${key}: the app's card stays closed`);
    await held.page.context().close();
  }
});

test("an outage the wasm does not carry is fetched when its link is opened; a failed or wrong file is said, and the default outage shown", async (ctx) => {
  const page = await (await ctx.browser().newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  const fetched = [];
  page.on("request", (r) => { if (/\/scenarios\/.*\.bin$/.test(r.url())) fetched.push(r.url()); });
  await page.goto(ctx.baseURL + "#v=1&t=01:00:00");
  await ready(page);
  assert(fetched.length === 0, `the default outage fetches no data: ${fetched.join(", ")}`);
  await page.goto("about:blank");
  await page.goto(ctx.baseURL + "#v=1&scenario=aws-2011-04-us-east-1&t=d2+12:00:00");
  await ready(page);
  assert(fetched.length === 1 && /aws-2011-04-us-east-1-[0-9a-f]+\.bin$/.test(fetched[0]), `EBS's data fetched once: ${fetched.join(", ")}`);
  await page.getByRole("region", { name: "Dependency map" }).getByText(/EBS/).first().waitFor();
  await page.context().close();

  for (const [why, answer, said] of [
    ["unreachable", (route) => route.abort(), /The data of AWS Kinesis, us-east-1, 25 November 2020 could not be downloaded/],
    ["another build's", (route) => route.fulfill({ status: 200, contentType: "application/octet-stream", body: Buffer.from("not this build's file") }), /is not the file this version of the page expects/],
  ]) {
    const p = await (await ctx.browser().newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await p.route(/\/scenarios\/.*\.bin$/, answer);
    await p.goto(ctx.baseURL + "#v=1&scenario=aws-2020-11-us-east-1&t=05:00:00");
    await ready(p);
    await p.getByText(said).waitFor();
    assert(/default outage is shown instead/.test(await p.getByText(said).innerText()), `${why}: the notice says what is shown`);
    assert((await p.getByRole("heading", { level: 1 }).innerText()).includes("Outage Explorer"), `${why}: the page is drawn`);
    await p.getByRole("region", { name: "Dependency map" }).getByText(/DynamoDB/).first().waitFor();
    await p.context().close();
  }
}, { allow: /Failed to load resource|net::ERR_FAILED/ });

test("on a phone, what is below the map is drawn once the person scrolls or touches, and a link to a node opens its inspector at once", async (ctx) => {
  const phone = { viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
  const context = await ctx.browser().newContext(phone);
  const page = await context.newPage();
  await page.goto(ctx.baseURL + "#v=1&t=01:00:00");
  await ready(page);
  // The first screen is whole: the map with the run on it, its flow, the timeline and its strip.
  await page.locator('.map .node[data-service="dynamodb"][data-health="down"]').waitFor();
  await page.getByRole("slider", { name: "Timeline" }).waitFor();
  await page.locator(".strip").waitFor();
  assert((await page.locator(".particles > *").count()) > 0, "the requests flow on the map");
  const below = ["Event log", "About this run", "Sources", "Model parameters"];
  for (const name of below) {
    assert((await page.getByRole("region", { name }).count()) === 0, `${name} is drawn before the person has done anything`);
  }
  await page.screenshot({ path: path.join(shots, "phone-first-screen-412x823.png") });
  // The person scrolls down: the panels come, and the page says when they are all drawn.
  await page.mouse.wheel(0, 600);
  for (const name of below) await page.getByRole("region", { name }).waitFor();
  await ready(page);
  assert(/Digest\s+[0-9a-f]{16}/.test(await page.getByRole("region", { name: "About this run" }).innerText()), "the run's record is there");
  await context.close();
  // A link to a node: its inspector is below the map on a phone, and drawn without waiting.
  const linked = await (await ctx.browser().newContext(phone)).newPage();
  await linked.goto(ctx.baseURL + "#v=1&t=01:00:00&node=dynamodb");
  await ready(linked);
  await linked.getByRole("region", { name: "Inspector" }).getByRole("heading", { name: "DynamoDB" }).waitFor();
  await linked.getByRole("region", { name: "Model parameters" }).waitFor();
  await linked.context().close();
});

test("after one visit the app opens with no network: a reload, then a Kinesis link and an EBS link", async (ctx) => {
  const context = await ctx.browser().newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: "allow" });
  const page = await context.newPage();
  await page.goto(ctx.baseURL + "#v=1&t=01:00:00");
  await ready(page);
  // The offline copy is kept once the service worker is active and controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  // The network is gone for the page and its worker alike: a file the copy does not keep fails.
  const unkept = await page.evaluate(() => fetch("not-kept.txt").then((r) => `HTTP ${r.status}`, () => "failed"));
  assert(unkept === "failed", `offline, a file the copy lacks is ${unkept}`);
  await page.reload();
  await ready(page);
  await page.getByRole("region", { name: "Dependency map" }).getByText(/DynamoDB/).first().waitFor();
  for (const [link, node] of [["#v=1&scenario=aws-2020-11-us-east-1&t=07:00:00", /Kinesis/], ["#v=1&scenario=aws-2011-04-us-east-1&t=d1+03:00:00", /EBS/]]) {
    await page.goto("about:blank");
    await page.goto(ctx.baseURL + link);
    await ready(page);
    await page.getByRole("region", { name: "Dependency map" }).getByText(node).first().waitFor();
    assert((await page.getByText(/could not be downloaded/).count()) === 0, `${link}: no download failed`);
    assert(decodeURIComponent(await page.evaluate(() => location.hash)).includes(link.split("&")[1]), `${link}: the link's outage is on screen`);
  }
  await page.screenshot({ path: path.join(shots, "offline-ebs-1280x720.png") });
  await context.close();
}, { allow: /Failed to load resource|net::ERR_INTERNET_DISCONNECTED|not-kept/ });

await runIfMain(import.meta);
