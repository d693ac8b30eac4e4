// Browser tests of the second outage, Kinesis on 25 November 2020: the same app, a new scenario.
import fs from "node:fs";
import path from "node:path";
import { test, assert, ready, runIfMain, here, shots } from "../harness.mjs";
import { health, scenarioFile, goldenDigest } from "../helpers.mjs";

const ID = "aws-2020-11-us-east-1";
const LINK = `#v=1&scenario=${ID}`;

function kinesisTests() {
  const file = () => scenarioFile(ID);
  const golden = () => goldenDigest("kinesis");

  test("Kinesis 2020: the title card offers it beside 2025, and choosing it opens its own story over a healthy map", async (ctx) => {
    const page = await ctx.newPage();
    const problems = ctx.problems;
    await page.goto(ctx.baseURL);
    const card = page.getByRole("dialog", { name: /^Title card: AWS us-east-1/ });
    await card.waitFor();
    await card.getByRole("navigation", { name: "Outages" }).getByRole("link", { name: /Kinesis/ }).click();
    const kinesis = page.getByRole("dialog", { name: /^Title card: AWS Kinesis, us-east-1, 25 November 2020/ });
    await kinesis.waitFor();
    await page.locator('main[aria-busy="false"]').waitFor();
    const text = await kinesis.innerText();
    for (const want of [/OS thread limit/, /PST/, /Chapter 1: A fleet where every server knows every other · 2:35 AM PST/]) {
      assert(want.test(text), `the title card lacks ${want}: ${text}`);
    }
    const nodes = await page.locator("[data-service]").evaluateAll((els) => els.map((e) => `${e.dataset.service}=${e.dataset.health}`));
    assert(nodes.length === 11 && nodes.every((n) => n.endsWith("=healthy")), `the map behind the card: ${nodes.join(" ")}`);
    await kinesis.getByRole("button", { name: "Start" }).click();
    await page.getByRole("region", { name: "Lecture" }).getByRole("heading", { name: /Chapter 1 of 9/ }).waitFor();
    assert(problems.length === 0, problems.join("; "));
  });

  test("Kinesis 2020: a link opens a moment of it; the browser's run has the native digest; the map says why Kinesis is red", async (ctx) => {
    const page = await ctx.newPage();
    await page.goto(ctx.baseURL + `${LINK}&t=07:00:00&node=kinesis`);
    await ready(page);
    await page.getByRole("region", { name: "About this run" }).getByText(golden()).waitFor();
    assert((await page.locator('[role="timer"]').textContent()).startsWith("7:00:00 AM PST"), "the link's moment, in PST");
    assert((await health(page, "kinesis")) === "down", `Kinesis is ${await health(page, "kinesis")}`);
    assert((await health(page, "backend")) === "healthy", "the back-end cells stay healthy");
    const why = await page.getByRole("region", { name: "Inspector" }).innerText();
    assert(/useless/.test(why) && /Add 200 front-end servers/.test(why), `why is this red? says ${why}`);
  });

  test("Kinesis 2020: the threads chart draws the OS limit apart from the busiest server's threads, on one axis that says its unit", async (ctx) => {
    const page = await ctx.newPage();
    await page.goto(ctx.baseURL + `${LINK}&t=04:40:00`);
    await ready(page);
    const chart = page.locator("figure.chart", { hasText: "Threads per server and the OS limit" });
    // A constant limit is a flat line: attached, with no height to be "visible".
    await chart.locator("polyline.limit").waitFor({ state: "attached" });
    const ends = await chart.locator(".yaxis .ylabel").allTextContents();
    assert(ends.length === 2 && ends.every((e) => / threads$/.test(e)), `the axis's ends: ${ends.join(" | ")}`);
    assert(parseFloat(ends[1]) > 0, `the axis starts near the limit, not at zero: ${ends[1]}`);
    // Where each line is at the playhead, in screen pixels: the busiest server above the limit.
    const at = await chart.evaluate((fig) => {
      const svg = fig.querySelector("svg");
      const x = Number(fig.querySelector(".playhead").getAttribute("x1"));
      const yAt = (line) => {
        const pts = line.getAttribute("points").trim().split(" ").map((p) => p.split(",").map(Number));
        const near = pts.reduce((a, b) => (Math.abs(b[0] - x) < Math.abs(a[0] - x) ? b : a));
        return near[1] * svg.getBoundingClientRect().height / svg.viewBox.baseVal.height;
      };
      return { threads: yAt(fig.querySelector("polyline.s1")), limit: yAt(fig.querySelector("polyline.limit")) };
    });
    assert(at.limit - at.threads >= 3, `at 4:40 AM the threads line is drawn above the limit, apart from it: ${JSON.stringify(at)}`);
    assert(/┅|limit/.test(await chart.locator(".key.limit").innerText()), "the key names the limit");
  });

  test("Kinesis 2020: restarting every server at once from the inspector starves the builds, and Undo takes it back", async (ctx) => {
    const page = await ctx.newPage();
    // After 9:39 AM, when the operators' own restarts (a few hundred an hour) have begun.
    await page.goto(ctx.baseURL + `${LINK}&t=09:45:00&node=frontend`);
    await ready(page);
    await page.getByRole("region", { name: "About this run" }).getByText(golden()).waitFor();
    const inspector = page.getByRole("region", { name: "Inspector" });
    await inspector.getByRole("button", { name: "Restart every broken server at once" }).click();
    await page.getByRole("button", { name: "Undo" }).waitFor();
    const slider = page.getByRole("slider", { name: "Timeline" });
    await slider.focus();
    await page.keyboard.press("End");
    assert((await health(page, "kinesis")) !== "healthy", "Kinesis has not recovered by the end of the day");
    const log = await page.getByRole("region", { name: "Event log" }).innerText();
    assert(/judged unhealthy and removed/.test(log), `the log says why: ${log.slice(0, 400)}`);
    await page.getByRole("button", { name: "Undo" }).click();
    await page.getByRole("region", { name: "About this run" }).getByText(golden()).waitFor();
    assert((await health(page, "kinesis")) === "healthy", "the incident recovers by the end of the window");
  });
}

kinesisTests();

await runIfMain(import.meta);
