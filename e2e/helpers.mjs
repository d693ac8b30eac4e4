// What several browser tests do alike: move the playhead, read a node's health, read a scenario
// file.
import fs from "node:fs";
import path from "node:path";
import { here, ready, shots } from "./harness.mjs";

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

/** axe-core's WCAG 2.1 A/AA rules, run in the page: every control named, roles valid, contrast. */
export async function axeViolations(page) {
  // Evaluated rather than added as a <script>: the page's Content-Security-Policy (rightly)
  // refuses scripts it does not know.
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(fs.readFileSync(path.resolve(here, "node_modules", "axe-core", "axe.min.js"), "utf8"));
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** A golden digest of crates/sim/tests. */
export const goldenDigest = (name = "default") => fs.readFileSync(path.resolve(here, "..", "crates", "sim", "tests", `golden-${name}-digest.txt`), "utf8").trim();

/** Wait until `n` more frames (two by default) have begun in the page. Size observers report
 * in the next frame after a change of layout, and the page redraws what they change before that
 * frame is painted, so once a second frame begins the page is drawn for the new size. Frames also
 * prove that time has passed in the page, for a test that something did not happen: at most 60 a
 * second, fewer on a busy machine, whatever the machine's speed. */
export const frames = (page, n = 2) => page.evaluate((n) => new Promise((done) => {
  const next = (k) => (k >= n ? done() : requestAnimationFrame(() => next(k + 1)));
  next(0);
}), n);

/** Wait until the simulation clock reads `clock` ("2:30:00 AM"): the map, the log and the charts
 * are drawn from the same playhead in the same update, so they show that moment too. */
export const clockShows = (page, clock) => page.waitForFunction(
  (c) => document.querySelector('[role="timer"][aria-label="Simulation time"]')?.textContent.startsWith(c),
  clock,
);

/** Open `url` as a new document, not as a change of the fragment: the page on screen answers a
 * new fragment by writing its own link back, which a reload that came after would open instead. */
export async function openAnew(page, url) {
  await page.goto("about:blank");
  await page.goto(url);
}

/** Open outage `id` on stage at its first chapter and step through every chapter as a clicker
 * does (PageDown, with the focus wherever it was), calling `each(i, chapter, lecture)` once the
 * caption shows chapter `i`. */
export async function everyChapterOnStage(page, baseURL, id, each) {
  const chapters = scenarioFile(id).chapters;
  await openAnew(page, baseURL + `#v=1&scenario=${id}&t=${chapters[0].at.slice(11, 19)}&chapter=0&theme=presenter`);
  await ready(page);
  const lecture = page.getByRole("region", { name: "Lecture" });
  for (let i = 0; i < chapters.length; i++) {
    if (i > 0) await page.keyboard.press("PageDown");
    try {
      await lecture.getByRole("heading", { name: new RegExp(`^Chapter ${i + 1} of ${chapters.length}:`) }).waitFor();
    } catch (e) {
      // Which step of which outage did not come, and what the page showed instead.
      const file = `failed-clicker-${id}-${i + 1}.png`;
      await page.screenshot({ path: path.join(shots, file) }).catch(() => {});
      const shown = await lecture.innerText().catch(() => "(no lecture region)");
      throw new Error(`${id}: chapter ${i + 1} did not come after PageDown (${file}); the caption shows: ${shown.slice(0, 160)} | ${e.message.split("\n")[0]}`);
    }
    // A chapter that asks the room a question: the next click reveals its answer.
    if (chapters[i].question) {
      await page.keyboard.press("PageDown");
      await lecture.locator(".narration").waitFor();
    }
    await each(i, chapters[i], lecture);
  }
}
