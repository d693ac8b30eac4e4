// Browser tests of two runs side by side in the 2025 outage: the comparison panel, the map's
// badges, the charts' lines, its link and its CSV.
import fs from "node:fs";
import path from "node:path";
import { test, assert, openApp, openSized, ready, runIfMain, shots } from "../harness.mjs";
import { scrubTo } from "../helpers.mjs";

/** The fields of CSV text, row by row (quotes honoured). */
function parseCsv(text) {
  const rows = [];
  let row = [], f = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { f += '"'; i++; }
      else if (c === '"') quoted = false;
      else f += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(f); f = ""; }
    else if (c === "\n") { row.push(f); rows.push(row); row = []; f = ""; }
    else if (c !== "\r") f += c;
  }
  return rows;
}

const digestOf = async (page) => /Digest\s+([0-9a-f]{16})/.exec(await page.getByRole("region", { name: "About this run" }).innerText())[1];

/** Apply "Enactor re-checks plan freshness" at 11:40 PM and wait for its run. */
async function preventTheRace(page) {
  const before = await digestOf(page);
  await page.getByRole("region", { name: "Challenges" }).getByRole("button", { name: "Try it: Prevent the outage" }).click();
  await page.getByRole("region", { name: "Inspector" }).getByRole("button", { name: "Enactor re-checks plan freshness" }).click();
  await page.waitForFunction((d) => !document.querySelector('[aria-label="About this run"]').innerText.includes(d), before);
}

test("a comparison of the incident and a what-if shows both on the map, the strip and the charts, names the first divergence, exports as CSV and survives a reload from its link", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  assert((await page.getByRole("button", { name: "Compare with the incident" }).count()) === 0, "the incident is not compared with itself");
  await preventTheRace(page);
  await page.getByRole("button", { name: "Compare with the incident" }).click();
  const panel = page.getByRole("region", { name: "Comparison of two runs" });
  await panel.waitFor();
  const said = await panel.innerText();
  assert(/A: the incident as it happened/.test(said) && /B, on screen: Enactor re-checks plan freshness at 11:40 PM/.test(said), `the pair: ${said}`);
  assert(/First divergence 11:40 PM PDT: B: .*Enactor re-checks plan freshness/.test(said), `the first divergence: ${said}`);
  await panel.getByText(/^What changed from A to B \(\d+\)$/).click();
  const changes = await panel.getByRole("listitem").allInnerTexts();
  assert(changes.some((c) => /DynamoDB is not impaired in B; in A it is \(11:\d\d PM–/.test(c)), `the changes: ${changes.join(" | ")}`);
  // At 1:00 AM the map says where A differs: DynamoDB is down in A, healthy here.
  await scrubTo(page, 90);
  const ddb = page.locator('[data-service="dynamodb"]');
  assert((await ddb.getAttribute("data-health")) === "healthy", "DynamoDB is healthy in B");
  assert((await ddb.locator(".vs-badge text").textContent()) === "A: down", "its badge says A's health");
  assert(/In run A: down\./.test(await ddb.getAttribute("aria-label")), "and so does its name");
  // The strip ghosts A; every chart draws A's lines on the same axes.
  assert((await page.locator(".strip .ghost").count()) > 0, "the strip ghosts A's impairments");
  assert((await page.locator(".strip .parted").count()) === 1, "the strip marks where the runs part");
  assert(/runs A and B part at 11:40 PM PDT/.test(await page.locator(".strip svg").getAttribute("aria-label")), "and says where");
  const charts = await page.locator(".chart").count();
  assert((await page.locator(".chart .series.vs").count()) >= charts, "each chart has A's lines");
  await page.screenshot({ path: path.join(shots, "compare-1280.png") });
  // The comparison as CSV: the first divergence, then a row per change, local and UTC times.
  const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: "Download comparison as CSV" }).click()]);
  const rows = parseCsv(fs.readFileSync(await download.path(), "utf8"));
  assert(download.suggestedFilename() === "aws-2025-10-us-east-1-comparison.csv", download.suggestedFilename());
  assert(rows.length === changes.length + 2 && rows.every((r) => r.length === rows[0].length), `${rows.length} rows for ${changes.length} changes`);
  assert(rows[1][0] === "first divergence" && rows[1][2] === "2025-10-19T23:40:00-07:00" && rows[1][3] === "2025-10-20T06:40:00Z", `the first row: ${rows[1]}`);
  assert(rows.slice(2).some((r) => r[0] === "vanishes" && r[1] === "DynamoDB"), "DynamoDB's change is a row");
  // A further what-if is compared with the same A.
  await scrubTo(page, 300);
  await page.getByRole("button", { name: /^EC2 DWFM/ }).click();
  await page.getByRole("region", { name: "Inspector" }).getByRole("button", { name: "Restart DWFM hosts", exact: true }).click();
  await panel.getByText(/B, on screen: .*Restart DWFM hosts/).waitFor();
  assert(/A: the incident as it happened/.test(await panel.innerText()), "A stays the incident");
  // The link addresses the comparison: a projector opening it sees the same pair.
  await page.waitForFunction(() => location.hash.includes("vs=1"));
  const link = await page.evaluate(() => location.hash);
  const first = /First divergence [^\n]*/.exec(await panel.innerText())[0];
  const count = /What changed from A to B \((\d+)\)/.exec(await panel.innerText())[1];
  const stage = await openSized(ctx, `${link}&theme=presenter`);
  const again = stage.getByRole("region", { name: "Comparison of two runs" });
  await again.waitFor();
  const shown = await again.textContent();
  const squeezed = (t) => t.replace(/\s+/g, "");
  assert(squeezed(shown).includes(squeezed(first)), `reloaded: ${shown}`);
  assert(shown.includes(`(${count})`), `reloaded with the same changes: ${shown}`);
  // On a projector the comparison is one line on screen, and the map keeps its room.
  const box = await again.boundingBox();
  const map = await stage.locator("svg.graph").boundingBox();
  assert(box.y + box.height <= 720 && box.height <= 60, `the comparison on stage: ${JSON.stringify(box)}`);
  assert(map.height >= 360, `the map on stage keeps ${map.height} px`);
  await stage.screenshot({ path: path.join(shots, "compare-link-1280x720.png") });
  await stage.context().close();
  // Stopping the comparison takes its marks away.
  await page.getByRole("button", { name: "Stop comparing" }).click();
  await panel.waitFor({ state: "detached" });
  assert((await page.locator(".vs-badge").count()) === 0 && (await page.locator(".chart .series.vs").count()) === 0, "no badges or A lines after stopping");
});

test("two what-ifs compared: DWFM's hosts restarted again at 6:00 AM against only at 5:00 AM part at 6:00 AM", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  const restartAt = async (minutes) => {
    const before = await digestOf(page);
    await scrubTo(page, minutes);
    await page.getByRole("button", { name: /^EC2 DWFM/ }).click();
    await page.getByRole("region", { name: "Inspector" }).getByRole("button", { name: "Restart DWFM hosts", exact: true }).click();
    await page.waitForFunction((d) => !document.querySelector('[aria-label="About this run"]').innerText.includes(d), before);
  };
  await restartAt(330); // 5:00 AM
  // The run before is the incident: comparing with it is the other button.
  assert((await page.getByRole("button", { name: "Compare with the run before" }).count()) === 0, "no second button for the incident");
  await restartAt(390); // 6:00 AM, on top
  await page.getByRole("button", { name: "Compare with the run before" }).click();
  const panel = page.getByRole("region", { name: "Comparison of two runs" });
  await panel.waitFor();
  const said = await panel.innerText();
  assert(/A: Restart DWFM hosts at 5:00 AM/.test(said) && !/A: .*6:00 AM/.test(said), `A is the run before: ${said}`);
  assert(/First divergence 6:00 AM PDT/.test(said), `the second restart parts the runs: ${said}`);
});

await runIfMain(import.meta);
