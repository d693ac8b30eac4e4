// Browser tests of the 2025 incident as it happened: the map, the digest, the record deleted by
// hand, the event log, the cascade phase by phase.
import fs from "node:fs";
import path from "node:path";
import { test, assert, openApp, ready, runIfMain, here, shots, OUTAGE_LINK } from "../harness.mjs";
import { scrubTo, health, scenarioFile, goldenDigest, clockShows } from "../helpers.mjs";

test("the map shows DynamoDB down during the outage and healthy before it", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  const ddb = page.locator('[data-service="dynamodb"]');
  assert((await ddb.getAttribute("data-health")) === "down", `DynamoDB is ${await ddb.getAttribute("data-health")} at 1:00 AM`);
  assert(/^DynamoDB/.test(await ddb.getAttribute("aria-label")), "node name starts with the service name");
  const slider = page.getByRole("slider", { name: "Timeline" });
  await slider.focus();
  await page.keyboard.press("Home");
  await page.waitForFunction(() => document.querySelector('[data-service="dynamodb"]').getAttribute("data-health") === "healthy");
  const time = await page.getByRole("timer", { name: "Simulation time" }).innerText();
  assert(time.includes("11:30"), `time after Home is ${time}`);
  const log = await page.getByRole("region", { name: "Event log" }).innerText();
  assert(!/record .* is empty/.test(log), "the log shows the future");
});

test("the run in the browser has the same digest as the native simulation", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  const golden = goldenDigest();
  const about = await page.getByRole("region", { name: "About this run" }).innerText();
  assert(about.includes(golden), `About this run shows ${about.replace(/\s+/g, " ")}, native digest is ${golden}`);
});

test("deleting the DynamoDB record by hand starts the cascade, and the log says why", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  await scrubTo(page, 5); // 11:35 PM, before the race
  assert((await health(page, "dynamodb")) === "healthy", "DynamoDB healthy before the deletion");
  const node = page.getByRole("button", { name: /^DynamoDB/ });
  await node.focus();
  await page.keyboard.press("Enter");
  const inspector = page.getByRole("region", { name: "Inspector" });
  await inspector.getByRole("button", { name: "Delete record" }).click();
  await page.waitForFunction(() => document.querySelector('.status').textContent.includes("Delete record"));
  await scrubTo(page, 8); // 11:38 PM: caches have refreshed onto the empty record
  assert((await health(page, "dynamodb")) === "down", `DynamoDB is ${await health(page, "dynamodb")} after the deletion`);
  assert((await health(page, "ec2-launch")) === "healthy", "launches still work before leases expire");
  assert(/dynamodb\.us-east-1\.amazonaws\.com\s*EMPTY/.test(await inspector.innerText()), "the inspector shows the regional record empty");
  const log = await page.getByRole("region", { name: "Event log" }).innerText();
  assert(/deleted by hand/.test(log), "the log names the deletion");
  await scrubTo(page, 120); // 1:30 AM: most leases have lapsed, the leased droplets left still have room
  assert((await health(page, "ec2-launch")) === "healthy", "launches go to the droplets still leased");
  await scrubTo(page, 170); // 2:20 AM: the last leases lapsed at about 2:10 AM
  assert((await health(page, "ec2-launch")) !== "healthy", "EC2 launches fail once no leased room is left");
  await node.focus();
  await page.keyboard.press("Enter");
  const why = await inspector.innerText();
  assert(/deleted by hand/.test(why), `why is this red? says ${why}`);
  await page.screenshot({ path: path.join(shots, "record-deleted.png") });
});

test("the event log can include routine events and narrow to the node in the inspector", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  const log = page.getByRole("region", { name: "Event log" });
  const items = log.getByRole("listitem");
  assert(!/applied plan/.test(await log.innerText()), "routine plan applications are hidden by default");
  await log.getByRole("checkbox", { name: /Routine events too/ }).check();
  await log.getByText(/applied plan \d+ to \d+ endpoints/).first().waitFor();
  await log.getByRole("checkbox", { name: /Routine events too/ }).uncheck();
  await page.getByRole("button", { name: /^EC2 DWFM/ }).click();
  await log.getByRole("checkbox", { name: /Only the node in the inspector/ }).check();
  const texts = await items.allInnerTexts();
  assert(texts.length > 0 && texts.every((t) => /DWFM|droplets|lease/i.test(t)), `only DWFM's events: ${texts.join(" | ")}`);
});

test("after the record is deleted the cascade runs phase by phase, and recovers once the operators restore it", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  await scrubTo(page, 5); // 11:35 PM
  await page.getByRole("button", { name: /^DynamoDB/ }).click();
  await page.getByRole("region", { name: "Inspector" }).getByRole("button", { name: "Delete record" }).click();
  await page.getByRole("button", { name: "Undo" }).waitFor();
  const phases = [
    [8, "11:38:00 PM", "1-dns", { dynamodb: "down", "ec2-launch": "healthy" }],
    // 2:20 AM: no leased room left; the operators have restored the record 157 minutes after it
    // emptied, and clients' caches are still catching up.
    [170, "2:20:00 AM", "2-ec2", { dynamodb: "!healthy", "ec2-launch": "!healthy", "lambda-sqs": "down" }],
    [210, "3:00:00 AM", "3-collapse", { dynamodb: "healthy", dwfm: "down" }],
    [420, "6:30:00 AM", "4-nlb", { dwfm: "healthy", "network-manager": "!healthy", nlb: "!healthy" }],
    [900, "2:30:00 PM", "5-recovered", { dynamodb: "healthy", dwfm: "healthy", "ec2-launch": "healthy", nlb: "healthy", "lambda-sqs": "healthy" }],
  ];
  for (const [minutes, clock, name, want] of phases) {
    await scrubTo(page, minutes);
    await clockShows(page, clock);
    for (const [id, h] of Object.entries(want)) {
      const got = await health(page, id);
      const ok = h.startsWith("!") ? got !== h.slice(1) : got === h;
      assert(ok, `${name}: ${id} is ${got}, wanted ${h}`);
    }
    if (name === "3-collapse") {
      const log = await page.getByRole("region", { name: "Event log" }).innerText();
      assert(/restored the regional record/.test(log), "the log records the restore");
      assert(/congestive collapse/.test(log), "the log names the collapse");
    }
  }
});

await runIfMain(import.meta);
