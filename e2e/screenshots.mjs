// The README's pictures (`./dev screenshots` writes them to docs/screenshots/).
import fs from "node:fs";
import path from "node:path";
import { test, assert, openApp, ready, run, here, shots, OUTAGE_LINK } from "./harness.mjs";
import "./all.mjs";
import { scrubTo, health, scenarioFile, goldenDigest } from "./helpers.mjs";

test("the README's pictures: the stage at 1280×720, chapter by chapter", async (ctx) => {
  const c = await ctx.browser().newContext({ viewport: { width: 1280, height: 720 } });
  const page = await c.newPage();
  fs.mkdirSync(shots, { recursive: true });
  // The incident as it happened, as a lecturer shows it: chapter, instant and node from a link.
  const pictures = [
    ["first-screen", "t=02:24:00&chapter=4"],
    ["phase-1-dns", "t=23:50:00&chapter=3"],
    ["phase-2-ec2", "t=02:24:00&chapter=4"],
    ["phase-3-collapse", "t=03:00:00&chapter=5"],
    ["phase-4-nlb", "t=07:00:00&chapter=7"],
    ["phase-5-recovered", "t=14:10:00&chapter=8"],
  ];
  for (const [name, link] of pictures) {
    await page.goto(ctx.baseURL + `#v=1&${link}&theme=presenter`);
    await ready(page);
    await page.reload();
    await ready(page);
    await page.getByRole("region", { name: "Lecture" }).getByRole("heading").first().waitFor();
    const file = path.join(shots, `${name}.png`);
    await page.screenshot({ path: file });
    assert(fs.statSync(file).size > 10000, `${name}: screenshot too small`);
  }
  await c.close();
});

await run();
