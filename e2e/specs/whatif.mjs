// Browser tests of what-ifs in the 2025 outage: forks, challenges, model and reality.
import fs from "node:fs";
import path from "node:path";
import { test, assert, openApp, ready, runIfMain, here, shots, OUTAGE_LINK } from "../harness.mjs";
import { scrubTo, health, scenarioFile, goldenDigest } from "../helpers.mjs";

test("in a quiet run, delaying an Enactor lets the race happen: DynamoDB goes down and the inspector says why", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  await page.getByRole("button", { name: "Start a quiet run" }).click();
  await page.getByRole("status").filter({ hasText: /quiet run/ }).waitFor();
  await scrubTo(page, 20); // 11:50 PM: in the incident's run the record is empty by now
  assert((await health(page, "dynamodb")) === "healthy", "nothing breaks in a quiet run");
  // Nothing to judge without the trigger: a quiet run meets no challenge, and each says why.
  const challenges = page.getByRole("region", { name: "Challenges" });
  await challenges.getByText(/Nothing to judge: This run has no Enactor delay/).first().waitFor();
  assert((await challenges.getByText(/Nothing to judge: This run has no Enactor delay/).count()) === 4, `a quiet run: ${await challenges.innerText()}`);
  await scrubTo(page, 10); // 11:40 PM
  await page.getByRole("button", { name: /^Enactor B / }).click();
  const inspector = page.getByRole("region", { name: "Inspector" });
  await inspector.getByRole("button", { name: "Delay Enactor B" }).click();
  await page.getByRole("status").filter({ hasText: /Delay Enactor B/ }).waitFor();
  await scrubTo(page, 20); // 11:50 PM
  assert((await health(page, "dynamodb")) === "down", `DynamoDB is ${await health(page, "dynamodb")} ten minutes after the delay`);
  // The person's delay is the trigger: now "Not yet" names the figure to beat.
  const prevented = challenges.getByRole("listitem").filter({ hasText: "Prevent the outage" });
  assert(/Not yet: DynamoDB is impaired from 11:\d\d PM; the goal is healthy all along/.test(await prevented.innerText()), `Prevent the outage: ${await prevented.innerText()}`);
  // The person's one intervention is counted as theirs; the quiet run keeps none of the incident's.
  const about = page.getByRole("region", { name: "About this run" });
  assert(/Your interventions\s+1\s+The incident's scripted events\s+0/.test(await about.innerText()), `About says ${await about.innerText()}`);
  await page.getByRole("button", { name: /^DynamoDB/ }).click();
  const why = await inspector.innerText();
  assert(/overwriting newer plan/.test(why) && /Delay Enactor B/.test(why), `why is this red? says ${why}`);
  // However many what-ifs came before, one button returns to the incident as it happened.
  await page.getByRole("button", { name: "Back to the incident as it happened" }).click();
  const golden = goldenDigest();
  await page.getByRole("region", { name: "About this run" }).getByText(golden).waitFor();
  // The incident's own events are never the person's.
  const counted = await page.getByRole("region", { name: "About this run" }).innerText();
  assert(/Your interventions\s+0\s+The incident's scripted events\s+[1-9]/.test(counted), `About says ${counted}`);
});

test("a challenge is judged on the run: the incident meets none, a mitigation before the race meets 'Prevent the outage', Undo takes it back", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  const challenges = page.getByRole("region", { name: "Challenges" });
  const prevent = challenges.getByRole("listitem").filter({ hasText: "Prevent the outage" });
  assert((await challenges.getByText(/Not yet/).count()) === 4, "the incident as it happened meets no challenge");
  // Each says why, with the figure to beat.
  const collapse = await challenges.getByRole("listitem").filter({ hasText: "End the congestive collapse sooner" }).innerText();
  assert(/Not yet: EC2 DWFM is healthy again from 5:\d\d AM; the goal is 4:30 AM/.test(collapse), `the collapse challenge: ${collapse}`);
  await challenges.getByRole("button", { name: "Try it: Prevent the outage" }).click();
  assert((await page.getByRole("timer", { name: "Simulation time" }).innerText()).startsWith("11:40"), "Try it moves the playhead to the challenge's start");
  const inspector = page.getByRole("region", { name: "Inspector" });
  assert((await inspector.innerText()).includes("DNS Enactor A"), "Try it selects the challenge's node");
  // The scene is on screen: the map's top is in the viewport after Try it.
  const top = await page.locator("svg.graph").evaluate((e) => e.getBoundingClientRect().top);
  assert(top >= -1 && top < (await page.evaluate(() => innerHeight)) / 2, `Try it keeps the map in view (its top at ${top} px)`);
  await inspector.getByRole("button", { name: "Enactor re-checks plan freshness" }).click();
  await prevent.getByText(/Done/).waitFor();
  // "Done" says what did it.
  assert(/Done: DynamoDB is never impaired, with Enactor re-checks plan freshness at 11:40 PM/.test(await prevent.innerText()), `Prevent the outage: ${await prevent.innerText()}`);
  // One fix at the root ticks no other challenge: each is about its own mechanism.
  const others = await challenges.getByText(/Nothing to judge: In this run .* so the problem this challenge is about never arises\. .*\.$/).count();
  assert(others === 3, `the other challenges after preventing the race: ${await challenges.innerText()}`);
  // A switch shows that it is on, and a second click changes nothing.
  const fix = inspector.getByRole("button", { name: /Enactor re-checks plan freshness/ });
  await inspector.getByRole("button", { name: /on since 11:40 PM/ }).waitFor();
  assert((await fix.getAttribute("aria-pressed")) === "true", "the fix's button is pressed while it is on");
  const about = page.getByRole("region", { name: "About this run" });
  const digest = await about.innerText();
  await fix.click();
  await page.getByRole("status").filter({ hasText: /already in force, since 11:40 PM/ }).waitFor();
  assert((await about.innerText()) === digest, "applying a switch that is on again adds nothing");
  assert(/What happened in reality/.test(await prevent.innerText()), "a met challenge shows what happened in reality");
  await page.getByRole("button", { name: "Undo" }).click();
  await prevent.getByText(/Not yet/).waitFor();
});

test("model and reality: each AWS window beside this run's, each boundary fitted, scripted or predicted, and a prevented outage departs from it", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  const panel = page.getByRole("region", { name: "Model and reality" });
  await panel.getByText("Model and reality").click();
  const ddb = panel.getByRole("row").filter({ hasText: "DynamoDB API errors" });
  const before = await ddb.innerText();
  assert(/11:48 PM–2:40 AM PDT \[P\]/.test(before), `AWS's DynamoDB window: ${before}`);
  assert(/starts on time/.test(before) && /ends \d+ min earlier/.test(before), `the model's DynamoDB window beside it: ${before}`);
  // Agreement there is calibration, and the row says so; the one prediction is counted apart.
  assert(/starts on time\s+fitted: enactor_delay_ms/.test(before) && /ends 5 min earlier ✗\s+fitted: negative_ttl_ms/.test(before), `DynamoDB's boundaries name what they were fitted by: ${before}`);
  const nm = await panel.getByRole("row").filter({ hasText: "Propagation latency" }).innerText();
  assert(/starts \d+ min earlier ✗\s+predicted/.test(nm), `Network Manager's start is a prediction: ${nm}`);
  const tally = await panel.locator(".tally").innerText();
  assert(/^0 of 1 predicted boundary agrees with AWS's time; 20 of 27 fitted or scripted ones agree, which is calibration, not a test\.$/.test(tally), `the tally: ${tally}`);
  await scrubTo(page, 10);
  await page.getByRole("button", { name: /^Enactor A / }).click();
  await page.getByRole("region", { name: "Inspector" }).getByRole("button", { name: "Enactor re-checks plan freshness" }).click();
  await ddb.getByText("not impaired in this run").waitFor();
});

test("play, scrub back to 11:40 PM, pause Enactor A: a new future (the record empties later), the old one ghosted, Undo restores it", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  const about = page.getByRole("region", { name: "About this run" });
  const digestBefore = await about.innerText();
  const nlbSegs = () => page.locator('.strip .row[data-row="nlb"] .seg').count();
  assert((await nlbSegs()) > 0, "the default run shows NLB impairment on the strip");
  const firstDdbSeg = () => page.locator('.strip .row[data-row="dynamodb"] .seg').first().getAttribute("x");
  const ddbStart = Number(await firstDdbSeg());
  const started = await page.getByRole("timer", { name: "Simulation time" }).innerText();
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await page.waitForFunction((b) => document.querySelector('[role="timer"]').textContent !== b, started);
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await scrubTo(page, 10); // 11:40 PM: before the race
  assert((await page.getByRole("timer", { name: "Simulation time" }).innerText()).startsWith("11:40"), "scrubbed back to 11:40 PM");
  await page.getByRole("button", { name: /^Enactor A / }).click();
  await page.getByRole("region", { name: "Inspector" }).getByRole("button", { name: "Pause Enactor A" }).click();
  await page.getByRole("button", { name: "Undo" }).waitFor();
  assert((await about.innerText()) !== digestBefore, "the digest changes with the fork");
  // Paused while it still holds the regional endpoint, Enactor A writes it only once the script
  // resumes it: the record empties later than in the incident.
  assert(Number(await firstDdbSeg()) > ddbStart, `DynamoDB's outage starts later in the fork (${await firstDdbSeg()} px, was ${ddbStart} px)`);
  assert((await page.locator(".strip .ghost").count()) > 0, "the old future is ghosted");
  await page.getByRole("button", { name: "Undo" }).click();
  await page.waitForFunction((b) => document.querySelector('[aria-label="About this run"]').innerText === b, digestBefore);
  assert((await page.locator(".strip .ghost").count()) === 0, "ghost gone after undo");
  assert((await nlbSegs()) > 0, "the original strip is back");
  // A mitigation forks the same way.
  await page.getByRole("button", { name: /^Enactor A / }).click();
  await page.getByRole("region", { name: "Inspector" }).getByRole("button", { name: "Enactor re-checks plan freshness" }).click();
  await page.getByRole("button", { name: "Undo" }).waitFor();
  assert((await nlbSegs()) === 0, "with the freshness re-check there is no NLB impairment left on the strip");
});

test("a what-if is badged on the map, and a chapter whose claims it breaks says so and offers the incident back", async (ctx) => {
  const c = await ctx.browser().newContext({ viewport: { width: 1280, height: 720 } });
  const page = await c.newPage();
  await page.goto(ctx.baseURL + "#v=1&t=23:47:00&chapter=1&theme=presenter");
  await ready(page);
  const badge = page.getByRole("note", { name: "This run is a what-if" });
  assert((await badge.count()) === 0, "the incident as it happened carries no what-if badge");
  await page.getByRole("button", { name: /^Enactor A / }).click();
  await page.getByRole("region", { name: "Inspector" }).getByRole("button", { name: "Enactor re-checks plan freshness" }).click();
  await badge.waitFor();
  assert(/What-if: .*freshness.* at 11:47 PM PDT/.test(await badge.innerText()), `the badge: ${await badge.innerText()}`);
  await page.keyboard.press("Escape");
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("4");
  const lecture = page.getByRole("region", { name: "Lecture" });
  await lecture.getByRole("heading", { name: /^Chapter 4 of 10: The empty record/ }).waitFor();
  const caveat = lecture.getByRole("note");
  await caveat.waitFor();
  assert(/Not in this what-if: .*DynamoDB is healthy, the narration says down/.test(await caveat.innerText()), `the caveat: ${await caveat.innerText()}`);
  await page.screenshot({ path: path.join(shots, "whatif-badge-stage-1280x720.png") });
  await caveat.getByRole("button", { name: "Show the incident as it happened" }).click();
  await badge.waitFor({ state: "detached" });
  assert((await lecture.getByRole("note").count()) === 0, "the incident's narration holds again");
  await c.close();
});

test("every what-if is a step of a history: Undo and Redo (buttons, Ctrl+Z, Ctrl+Shift+Z) and the browser's Back and Forward walk it, and Back from the first run stays in the app", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  const about = page.getByRole("region", { name: "About this run" });
  const digest = async () => /Digest\s+([0-9a-f]{16})/.exec(await about.innerText())[1];
  const shows = (d) => page.waitForFunction((d) => document.querySelector('[aria-label="About this run"]').innerText.includes(d), d);
  const digests = [await digest()];
  // Five what-ifs: DWFM's hosts restarted at five instants.
  for (let i = 1; i <= 5; i++) {
    await scrubTo(page, 5 * i);
    await page.getByRole("button", { name: /^EC2 DWFM/ }).click();
    await page.getByRole("region", { name: "Inspector" }).getByRole("button", { name: "Restart DWFM hosts", exact: true }).click();
    await page.waitForFunction((d) => !document.querySelector('[aria-label="About this run"]').innerText.includes(d), digests[i - 1]);
    digests.push(await digest());
  }
  assert(new Set(digests).size === 6, `six different runs: ${digests}`);
  const undo = page.getByRole("button", { name: "Undo" });
  const redo = page.getByRole("button", { name: "Redo" });
  await undo.click();
  await shows(digests[4]);
  await undo.click();
  await shows(digests[3]);
  await page.keyboard.press("Control+z");
  await shows(digests[2]);
  await redo.click();
  await shows(digests[3]);
  await page.keyboard.press("Control+Shift+z");
  await shows(digests[4]);
  // The browser's Back and Forward are the same steps.
  await page.goBack();
  await shows(digests[3]);
  await page.goBack();
  await shows(digests[2]);
  await page.goForward();
  await shows(digests[3]);
  for (const d of [digests[2], digests[1], digests[0]]) {
    await page.goBack();
    await shows(d);
  }
  // Back from the first run stays, and says that once more leaves.
  await page.goBack();
  await page.getByRole("status").filter({ hasText: /first run of this page: Back once more leaves/ }).waitFor();
  assert((await digest()) === digests[0], "still the first run");
  await page.getByRole("heading", { level: 1, name: /Outage Explorer/ }).waitFor();
  // A new what-if from the middle drops the steps after it, as in any history.
  await page.goForward();
  await shows(digests[0]);
  await page.goForward();
  await shows(digests[1]);
  await scrubTo(page, 40);
  await page.getByRole("button", { name: /^EC2 DWFM/ }).click();
  await page.getByRole("region", { name: "Inspector" }).getByRole("button", { name: "Restart DWFM hosts", exact: true }).click();
  await page.waitForFunction((d) => !document.querySelector('[aria-label="About this run"]').innerText.includes(d), digests[1]);
  assert((await redo.count()) === 0, "nothing to redo after a new what-if");
});

test("the window of opportunity: 'Enactor re-checks plan freshness' swept across the window still prevents the outage until its point of no return, the one the command line finds", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  await page.getByRole("button", { name: /^Enactor A / }).click();
  const inspector = page.getByRole("region", { name: "Inspector" });
  await inspector.getByRole("group", { name: "Enactor re-checks plan freshness" }).getByRole("button", { name: "Until when?" }).click();
  const panel = page.getByRole("region", { name: "Window of opportunity" });
  const summary = panel.locator(".summary");
  await summary.waitFor({ timeout: 120000 });
  // The answer is brought on screen, below the inspector that asked.
  await page.waitForFunction(() => { const r = document.querySelector("section.opportunity").getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; });
  const said = await summary.innerText();
  const m = /Enactor re-checks plan freshness still changes the outcome if applied by (\d{1,2}:\d\d [AP]M)/.exec(said);
  assert(m, `the panel says until when it helps: ${said}`);
  // Green instants up to the point of no return, grey after it.
  const cells = await panel.locator(".band rect").evaluateAll((rs) => rs.map((r) => r.getAttribute("class")));
  const lastHelp = cells.lastIndexOf("helps");
  assert(lastHelp > 0 && cells.slice(0, lastHelp + 1).every((c) => c === "helps") && cells.slice(lastHelp + 1).every((c) => c === "too-late"), `the band: ${cells.join(",")}`);
  // The command line, swept the same way, finds the same point of no return for DynamoDB.
  const cli = path.resolve(here, "..", "target", "debug", "outage-sim");
  if (fs.existsSync(cli)) {
    const { execFileSync } = await import("node:child_process");
    // Every minute around the race: the page finds its point of no return to the minute too.
    const out = JSON.parse(execFileSync(cli, ["sweep", "aws-2025-10-us-east-1", "--token", "enable.recheck-freshness", "--from", "2025-10-19T23:30:00-07:00", "--to", "2025-10-20T00:10:00-07:00", "--every", "1", "--json"]).toString());
    const ddb = out.services.find((s) => s.service === "dynamodb").last_changed;
    const clock = new Date(ddb).toLocaleTimeString("en-US", { timeZone: "America/Los_Angeles", hour: "numeric", minute: "2-digit" });
    assert(clock === m[1], `the command line's point of no return ${clock} (${ddb}) against the page's ${m[1]}`);
  }
  // Asked again, the sweep is not recomputed.
  await inspector.getByRole("group", { name: "Enactor re-checks plan freshness" }).getByRole("button", { name: "Until when?" }).click();
  await page.getByRole("status").filter({ hasText: /still changes the outcome if applied by/ }).waitFor();
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(shots, "window-of-opportunity.png") });
});

await runIfMain(import.meta);
