// Browser tests of the third outage, the EBS re-mirroring storm of April 2011: a window of days.
import fs from "node:fs";
import path from "node:path";
import { test, assert, ready, runIfMain, here, shots } from "../harness.mjs";
import { health, scenarioFile, goldenDigest } from "../helpers.mjs";

const ID = "aws-2011-04-us-east-1";
const LINK = `#v=1&scenario=${ID}`;

function ebsTests() {
  const file = () => scenarioFile(ID);
  const golden = () => goldenDigest("ebs");
  const timer = (page) => page.getByRole("timer", { name: "Simulation time" }).innerText();

  test("EBS 2011: a link into day 2 opens there, the clock says the day, and the browser's run has the native digest", async (ctx) => {
    const page = await ctx.newPage();
    const problems = ctx.problems;
    await page.goto(ctx.baseURL + `${LINK}&t=d2+12:00:00&node=ebs`);
    await ready(page);
    await page.getByRole("region", { name: "About this run" }).getByText(golden()).waitFor();
    const now = await timer(page);
    assert(now.startsWith("Fri 22 Apr 12:00:00 PM PDT"), `the clock says ${now}`);
    assert((await health(page, "ebs")) !== "healthy", "volumes are still stuck on day 2");
    assert((await health(page, "ebs-api")) === "healthy", "the region's APIs were contained on day 1");
    const inspector = await page.getByRole("region", { name: "Inspector" }).innerText();
    assert(/stuck/.test(inspector), `the inspector: ${inspector.slice(0, 300)}`);
    assert(problems.length === 0, problems.join("; "));
  });

  test("EBS 2011: the timeline zooms from days to seconds and back, and the range says its day", async (ctx) => {
    const page = await ctx.newPage();
    await page.goto(ctx.baseURL + `${LINK}&t=01:00:00`);
    await ready(page);
    const label = () => page.locator(".zoom-label").innerText();
    const whole = await label();
    assert(/Thu 21 Apr/.test(whole) && /Sun 24 Apr/.test(whole), `whole window: ${whole}`);
    // Over days, the axes name each midnight by its day rather than "12 AM" three times.
    for (const where of [".strip svg .tick text", ".chart .axis .tick"]) {
      const ticks = await page.locator(where).allTextContents();
      assert(ticks.filter((t) => /^(Thu|Fri|Sat|Sun) 2\d$/.test(t.trim())).length >= 2 && !ticks.some((t) => t.trim() === "12 AM"), `${where}: ${ticks.join(" | ")}`);
    }
    const zoomIn = page.getByRole("button", { name: "Zoom in" });
    const seen = [whole];
    for (let i = 0; i < 12 && !(await zoomIn.isDisabled()); i++) {
      await zoomIn.click();
      seen.push(await label());
    }
    assert(seen.length >= 10, `zoom levels: ${seen.join(" | ")}`);
    assert(/Thu 21 Apr/.test(seen[seen.length - 1]), `the closest zoom still says the day: ${seen[seen.length - 1]}`);
    const zoomOut = page.getByRole("button", { name: "Zoom out" });
    for (let i = 0; i < 12 && !(await zoomOut.isDisabled()); i++) await zoomOut.click();
    assert((await label()) === whole, `back to the whole window: ${await label()}`);
  });

  test("EBS 2011: a per-AZ control plane from the inspector keeps the region's EBS APIs healthy", async (ctx) => {
    const page = await ctx.newPage();
    await page.goto(ctx.baseURL + `${LINK}&t=00:40:00&node=control-plane`);
    await ready(page);
    await page.getByRole("region", { name: "About this run" }).getByText(golden()).waitFor();
    await page.getByRole("region", { name: "Inspector" }).getByRole("button", { name: "Give each AZ its own control plane" }).click();
    await page.getByRole("button", { name: "Undo" }).waitFor();
    const slider = page.getByRole("slider", { name: "Timeline" });
    await slider.focus();
    for (let i = 0; i < 50; i++) await page.keyboard.press("ArrowRight"); // 1:30 AM
    assert((await health(page, "ebs-api")) === "healthy", "the other zones' APIs keep working");
    assert((await health(page, "ebs-api-az")) !== "healthy", "the affected zone's own control plane starves");
    const reality = page.getByRole("region", { name: "Model and reality" });
    await reality.locator("summary").click();
    // The departures are computed from the run once the panel is open.
    await reality.locator(".departures li").first().waitFor();
    const text = await reality.innerText();
    assert(/Where the model departs from the record/.test(text) && /not verified|unverified/i.test(text), `Model and reality: ${text.slice(0, 400)}`);
  });
}

ebsTests();

await runIfMain(import.meta);
