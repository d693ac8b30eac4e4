// Browser tests of the presenter's view: a second window with the chapter's narration, the
// speaker's notes, the next chapter and the clocks, which stays in step with the projector's
// window both ways (chapter, time, a what-if), and leaves it working once closed.
import path from "node:path";
import { test, assert, openSized, ready, runIfMain, shots } from "../harness.mjs";
import { scrubTo, scenarioFile, axeViolations } from "../helpers.mjs";

const clock = (page) => page.getByRole("timer", { name: "Simulation time" }).innerText();
/** Wait until `page`'s simulation clock reads what `other`'s reads now. */
const sameClock = async (page, other) => page.waitForFunction(
  (c) => document.querySelector('[role="timer"][aria-label="Simulation time"]')?.textContent === c,
  await clock(other),
);
// On stage the side panels are overlays opened on demand: the digest is read from the closed one.
const projectorDigest = async (page) => /Digest\s*([0-9a-f]{16})/.exec(await page.locator('[aria-label="About this run"]').textContent())[1];
const presenterDigest = async (page) => /Digest\s*([0-9a-f]{16})/.exec(await page.getByRole("region", { name: "This run" }).textContent())[1];

test("the presenter's view and the projector stay in step both ways: chapter, time and a what-if", async (ctx) => {
  const chapters = scenarioFile().chapters;
  const projector = await openSized(ctx, "#v=1&t=23:40:00&chapter=0&theme=presenter");
  const lecture = projector.getByRole("region", { name: "Lecture" });
  await lecture.getByRole("heading", { name: /^Chapter 1 of 10:/ }).waitFor();
  const [presenter] = await Promise.all([
    projector.context().waitForEvent("page"),
    projector.getByRole("button", { name: "Presenter view" }).click(),
  ]);
  await presenter.setViewportSize({ width: 1280, height: 720 });
  await ready(presenter);
  const now = presenter.getByRole("region", { name: "Chapter on screen" });
  const notes = presenter.getByRole("region", { name: "Speaker's notes" });
  const next = presenter.getByRole("region", { name: "Next" });
  await now.getByRole("heading", { name: /^Chapter 1 of 10: The plan pipeline/ }).waitFor();
  assert((await notes.innerText()).includes(chapters[0].notes), "the presenter reads the chapter's speaker's notes");
  assert((await next.innerText()).includes(`Chapter 2 of 10: ${chapters[1].title}`), "and sees which chapter comes next");
  assert(!(await projector.getByText(chapters[0].notes).count()), "the room does not see the notes");

  // Next chapter in the presenter's view moves the projector.
  await presenter.getByRole("button", { name: "Next chapter ▶" }).click();
  await lecture.getByRole("heading", { name: /^Chapter 2 of 10: The slow Enactor/ }).waitFor();
  await sameClock(projector, presenter);

  // A chapter change on the projector (a clicker's PageDown) moves the presenter's view, and so
  // does the room's question being answered there.
  await projector.locator("body").click({ position: { x: 5, y: 300 } });
  await projector.keyboard.press("PageDown");
  await now.getByRole("heading", { name: /^Chapter 3 of 10: The race/ }).waitFor();
  await now.getByText("The room is predicting").waitFor();
  assert((await now.locator("li.answer").innerText()).includes(chapters[2].question.choices[chapters[2].question.answer]), "the presenter sees the answer before the room");
  await projector.keyboard.press("PageDown");
  await now.getByText("The answer is on the projector.").waitFor();
  await lecture.locator(".narration").waitFor();
  await presenter.screenshot({ path: path.join(shots, "presenter-view-1280x720.png") });
  await projector.screenshot({ path: path.join(shots, "presenter-projector-1280x720.png") });

  // A seek in either window shows in the other.
  await scrubTo(projector, 60);
  await sameClock(presenter, projector);
  assert((await clock(presenter)).startsWith(await clock(projector)), "the presenter's run clock follows the projector's");
  // 12:30 AM: past chapter 4's moment.
  await now.getByRole("heading", { name: /^After Chapter 4 of 10/ }).waitFor();
  await scrubTo(presenter, 15);
  await sameClock(projector, presenter);
  // 11:45 PM: past chapter 1's moment, before chapter 2's.
  await lecture.getByRole("heading", { name: /^After chapter 1 of 10/ }).waitFor();

  // A what-if started in the presenter's view is the projector's run too.
  const incident = await projectorDigest(projector);
  await presenter.getByRole("button", { name: "Start a quiet run" }).click();
  await presenter.getByRole("region", { name: "This run" }).getByText(/^a quiet run/).waitFor();
  const quiet = await presenterDigest(presenter);
  assert(quiet !== incident, "a quiet run is another run");
  await projector.waitForFunction((d) => document.querySelector('[aria-label="About this run"]').textContent.includes(d), quiet);

  // And an intervention made on the projector is the presenter's run.
  await scrubTo(projector, 10);
  await projector.getByRole("button", { name: /^Enactor A / }).click();
  await projector.getByRole("region", { name: "Inspector" }).getByRole("button", { name: "Pause Enactor A" }).click();
  await projector.waitForFunction((d) => !document.querySelector('[aria-label="About this run"]').textContent.includes(d), quiet);
  const forked = await projectorDigest(projector);
  await presenter.getByRole("region", { name: "This run" }).getByText(/Pause Enactor A at/).waitFor();
  await presenter.waitForFunction((d) => document.querySelector('[aria-label="This run"]').textContent.includes(d), forked);
  await sameClock(presenter, projector);
  // Neither window told the other to go back: both still show the fork. (At 11:40 PM, past
  // chapter 1's moment, the next chapter is chapter 2.)
  await presenter.getByRole("button", { name: "Next chapter ▶" }).click();
  await lecture.getByRole("heading", { name: /^Chapter 2 of 10/ }).waitFor();
  assert((await projectorDigest(projector)) === forked && (await presenterDigest(presenter)) === forked, "the fork stays on both screens");

  // Closing the presenter's view leaves the projector working. (Chapter 3's question was
  // answered: PageDown goes on to it, then to chapter 4.)
  await presenter.close();
  await projector.locator("body").click({ position: { x: 5, y: 300 } });
  await projector.keyboard.press("PageDown");
  await projector.keyboard.press("PageDown");
  await lecture.getByRole("heading", { name: /^Chapter 4 of 10/ }).waitFor();
  await projector.context().close();
});

test("p opens the presenter's view; a presenter's view opened alone still works", async (ctx) => {
  const projector = await openSized(ctx, "#v=1&t=23:47:00&chapter=1");
  await projector.locator("body").click({ position: { x: 5, y: 300 } });
  const [presenter] = await Promise.all([
    projector.context().waitForEvent("page"),
    projector.keyboard.press("p"),
  ]);
  await ready(presenter);
  await presenter.getByRole("region", { name: "Chapter on screen" }).getByRole("heading", { name: /^Chapter 2 of 10/ }).waitFor();
  assert((await presenter.getByRole("timer", { name: "Lecture time" }).innerText()).match(/^\d+:\d\d:\d\d$/), "the lecture clock reads h:mm:ss");
  // The lecture clock runs: it leaves 0:00:00 once a second has passed.
  await presenter.waitForFunction(() => /^0:00:0[1-9]/.test(document.querySelector('[role="timer"][aria-label="Lecture time"]').textContent));
  await projector.context().close();
  // Every chapter of every outage has notes for the presenter; the 2011 one opened by its link.
  const alone = await openSized(ctx, "#v=1&scenario=aws-2011-04-us-east-1&t=d1+00:40:00&chapter=0&presenter=1");
  const ebs = scenarioFile("aws-2011-04-us-east-1").chapters;
  await alone.getByRole("region", { name: "Speaker's notes" }).getByText(ebs[0].notes).waitFor();
  await alone.keyboard.press("PageDown");
  await alone.getByRole("region", { name: "Speaker's notes" }).getByText(ebs[1].notes).waitFor();
  const violations = await axeViolations(alone);
  assert(violations.length === 0, `the presenter's view meets WCAG 2.1 AA: ${violations.join("; ")}`);
  await alone.context().close();
});

await runIfMain(import.meta);
