// Browser tests of links: copied, reopened, percent-encoded, broken, themes and embedding.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { test, assert, openApp, ready, runIfMain, here, shots, OUTAGE_LINK } from "../harness.mjs";
import { scrubTo, health, scenarioFile, goldenDigest } from "../helpers.mjs";

test("a copied link reopens the same run, moment and selection in a fresh page", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  await scrubTo(page, 10); // 11:40 PM
  await page.getByRole("button", { name: /^Enactor A / }).click();
  await page.getByRole("region", { name: "Inspector" }).getByRole("button", { name: "Pause Enactor A" }).click();
  await page.getByRole("button", { name: "Undo" }).waitFor();
  await scrubTo(page, 30); // 12:00 AM
  await page.getByRole("button", { name: /^Route 53/ }).click();
  // The button is beside the timeline, where the moment is chosen.
  await page.locator(".timeline-dock").getByRole("button", { name: "Copy link" }).click();
  const url = page.url();
  assert(/script=.*pause-enactor\.0/.test(url) && /t=00:00:00/.test(url) && /node=route53/.test(url), `link is ${url}`);
  const about = await page.getByRole("region", { name: "About this run" }).innerText();
  // The native CLI computes the same run from the same link.
  const cli = path.resolve(here, "..", "target", "release", "outage-sim");
  const native = JSON.parse(execFileSync(cli, ["run", "--link", url, "--json"], { encoding: "utf8" }));
  assert(about.includes(native.digest), `browser shows ${about.replace(/\s+/g, " ")}, native CLI gives ${native.digest}`);
  const ctx2 = await ctx.browser().newContext({ viewport: { width: 1280, height: 800 } });
  const fresh = await ctx2.newPage();
  await fresh.goto(url);
  await ready(fresh);
  assert((await fresh.getByRole("region", { name: "About this run" }).innerText()) === about, "same digest in the fresh page");
  assert((await fresh.getByRole("timer", { name: "Simulation time" }).innerText()).startsWith("12:00:00"), "same time");
  assert((await fresh.getByRole("button", { name: /^Route 53/ }).getAttribute("aria-pressed")) === "true", "same selection");
  assert((await fresh.getByRole("region", { name: "Inspector" }).innerText()).includes("Route 53"), "inspector shows the selection");
  // A chapter travels in the link too.
  await fresh.goto(ctx.baseURL + "#v=1&chapter=3&t=23:50:00&node=route53");
  await fresh.reload();
  await ready(fresh);
  await fresh.getByRole("region", { name: "Lecture" }).getByText(/Chapter 4 of 10/).waitFor();
  // A new link typed into an open page asks before replacing the run.
  await fresh.evaluate(() => { location.hash = "#v=1&t=05:00:00&node=nlb"; });
  const ask = fresh.getByRole("alertdialog", { name: "Open the new link?" });
  await ask.waitFor();
  await ask.getByRole("button", { name: "Keep my run" }).click();
  assert((await fresh.getByRole("timer", { name: "Simulation time" }).innerText()).startsWith("11:50:00"), "the run was kept");
  await fresh.evaluate(() => { location.hash = "#v=1&t=05:00:00&node=nlb"; });
  await ask.getByRole("button", { name: "Load the new link" }).click();
  await fresh.getByRole("timer", { name: "Simulation time" }).getByText(/^5:00:00/).waitFor();
  await ctx2.close();
});

test("\"Link copied\" is said only when the clipboard took the link", async (ctx) => {
  for (const allowed of [true, false]) {
    const c = await ctx.browser().newContext({ viewport: { width: 1280, height: 800 }, permissions: allowed ? ["clipboard-read", "clipboard-write"] : [] });
    const page = await c.newPage();
    if (!allowed) await page.addInitScript(() => { navigator.clipboard.writeText = () => Promise.reject(new DOMException("denied", "NotAllowedError")); });
    await page.goto(ctx.baseURL + "#v=1&t=01:00:00");
    await ready(page);
    await page.getByRole("button", { name: "Copy link" }).click();
    // The page's messages (the turning points said while playing are a status of their own).
    const status = page.getByRole("status").filter({ hasText: /link/i });
    if (allowed) {
      await status.getByText(/^Link copied/).waitFor();
    } else {
      await status.getByText(/could not be copied/).waitFor();
      assert(!/Link copied/.test(await status.innerText()), "says copied when it was not");
    }
    await c.close();
  }
});

test("a link percent-encoded by a chat app still opens where it says", async (ctx) => {
  const page = await ctx.newPage();
  await page.goto(ctx.baseURL + "#v=1%26t=01%3A30%3A00%26node=dwfm%26script=23%3A35%3A00%7Edelete-record.regional");
  await ready(page);
  assert((await page.getByRole("alert").count()) === 0, "the link was reported as broken");
  const time = await page.getByRole("timer", { name: "Simulation time" }).innerText();
  assert(time.startsWith("1:30:00"), `opened at ${time}`);
  await page.getByRole("region", { name: "Inspector" }).getByText("EC2 DWFM").first().waitFor();
});

test("broken links each show one clear message and leave the app usable", async (ctx) => {
  const long = "#v=1&seed=" + "9".repeat(20000);
  const cases = [["#v=9&seed=1", /newer version/], ["#hello", /not an Outage Explorer link/], ["#v=1&scenario=mars", /does not have/],
    ["#v=1&t=25:00:00&node=dynamodb", /25:00:00/], ["#v=1&script=01:00:00~launch-missiles", /not one this app knows/], [long, /too long/],
    ["#v=1&p=route53_txn_ms:10,enactor_poll_ms:100,plan_interval_ms:1000,account_endpoints:60", /too large to simulate/]];
  for (const [hash, want] of cases) {
    const page = await ctx.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(ctx.baseURL + hash);
    await ready(page);
    const alert = page.getByRole("alert");
    await alert.waitFor({ timeout: 10000 });
    const text = await alert.innerText();
    assert(want.test(text), `${hash.slice(0, 40)}: message is ${text}`);
    assert(errors.length === 0, `${hash.slice(0, 40)}: ${errors.join("; ")}`);
    assert(await page.getByRole("slider", { name: "Timeline" }).isVisible(), "the app is still usable");
    await page.close();
  }
});

test("the presenter theme and embed mode come from the link", async (ctx) => {
  const page = await ctx.newPage();
  await page.goto(ctx.baseURL + "#v=1&t=03:00:00&theme=presenter&embed=1&node=dwfm");
  await page.getByRole("slider", { name: "Timeline" }).waitFor();
  assert((await page.evaluate(() => document.documentElement.dataset.theme)) === "presenter", "presenter theme set");
  assert(!(await page.getByRole("heading", { level: 1 }).isVisible()), "embed hides the header");
  assert(!(await page.getByRole("region", { name: "Event log" }).isVisible()), "embed hides the side panels");
  assert(await page.getByRole("button", { name: /^EC2 DWFM/ }).isVisible(), "the map is shown");
  // On stage, names are read from the back of the room.
  const size = await page.evaluate(() => {
    const name = document.querySelector(".node .name");
    return parseFloat(getComputedStyle(name).fontSize) * name.getScreenCTM().a;
  });
  assert(size >= 20, `node names on stage render at ${size}px`);
  await page.screenshot({ path: path.join(shots, "presenter-embed.png") });
});

await runIfMain(import.meta);
