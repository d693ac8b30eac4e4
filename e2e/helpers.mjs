// What several browser tests do alike: move the playhead, read a node's health, read a scenario
// file.
import fs from "node:fs";
import path from "node:path";
import { here } from "./harness.mjs";

/** Move the playhead to `minutesFromStart` minutes after the window's start, by keyboard. */
export async function scrubTo(page, minutesFromStart) {
  const slider = page.getByRole("slider", { name: "Timeline" });
  await slider.focus();
  await page.keyboard.press("Home");
  for (let i = 0; i < minutesFromStart; i++) await page.keyboard.press("ArrowRight");
}

/** A node's health as the map draws it (`data-health`). */
export const health = (page, id) => page.locator(`[data-service="${id}"]`).getAttribute("data-health");

/** A scenario file of crates/sim/scenarios, parsed. */
export const scenarioFile = (name = "aws-2025-10-us-east-1") => JSON.parse(fs.readFileSync(path.resolve(here, "..", "crates", "sim", "scenarios", `${name}.json`), "utf8"));

/** A golden digest of crates/sim/tests. */
export const goldenDigest = (name = "default") => fs.readFileSync(path.resolve(here, "..", "crates", "sim", "tests", `golden-${name}-digest.txt`), "utf8").trim();
