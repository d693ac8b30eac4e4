// Browser tests of taking it out: the map at the playhead as SVG and PNG, and the window of
// opportunity as CSV, made in the page (no request leaves it) and read back as files.
import fs from "node:fs";
import path from "node:path";
import { test, assert, openApp, ready, runIfMain, shots } from "../harness.mjs";

/** Click `button` and return the download it starts: its suggested name and its bytes. */
async function download(page, button) {
  const [d] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(await d.path()) };
}

/** The map's disclosure, opened. */
async function downloads(page) {
  const menu = page.locator("details.downloads");
  if (!(await menu.evaluate((d) => d.open))) await menu.locator("summary").click();
  return menu;
}

test("the map at the playhead downloads as SVG (its styles in the file, every node named) and as PNG at twice its size, named by outage and moment", async (ctx) => {
  const { page } = await openApp(ctx); // 1:00 AM PDT
  await ready(page);
  const menu = await downloads(page);
  const svg = await download(page, menu.getByRole("button", { name: "Download map as SVG" }));
  assert(svg.name === "aws-2025-10-us-east-1-2025-10-20T0800Z-map.svg", `the SVG's name: ${svg.name}`);
  await page.getByRole("status").filter({ hasText: `Map saved as ${svg.name}.` }).waitFor();
  // Parsed as XML, as a browser opening the file does.
  const file = await page.evaluate((text) => {
    const d = new DOMParser().parseFromString(text, "image/svg+xml");
    const root = d.documentElement;
    const box = d.querySelector(".node .box");
    return {
      error: d.querySelector("parsererror")?.textContent ?? null,
      root: root.localName, ns: root.namespaceURI,
      width: Number(root.getAttribute("width")), height: Number(root.getAttribute("height")), viewBox: root.getAttribute("viewBox"),
      title: root.querySelector(":scope > title")?.textContent ?? "",
      nodes: d.querySelectorAll("[data-service]").length,
      names: [...d.querySelectorAll(".node text.name")].map((t) => t.textContent.trim()),
      particles: d.querySelectorAll(".particles").length,
      boxStyle: box?.getAttribute("style") ?? "",
      down: d.querySelector('.node[data-health="down"] .box')?.getAttribute("style") ?? "",
      head: text.slice(0, 60),
    };
  }, svg.bytes.toString("utf8"));
  const live = await page.evaluate(() => {
    const g = document.querySelector("svg.graph");
    const down = g.querySelector('.node[data-health="down"] .box');
    return {
      viewBox: g.getAttribute("viewBox"),
      nodes: g.querySelectorAll("[data-service]").length,
      names: [...g.querySelectorAll(".node text.name")].map((t) => t.textContent.trim()),
      downStroke: down ? getComputedStyle(down).stroke : null,
    };
  });
  assert(file.error === null, `the SVG parses as XML: ${file.error}`);
  assert(file.head.startsWith("<?xml") && file.root === "svg" && file.ns === "http://www.w3.org/2000/svg", `an SVG document: ${file.head}`);
  assert(file.viewBox === live.viewBox && `0 0 ${file.width} ${file.height}` === live.viewBox, `its size ${file.width}×${file.height}, viewBox ${file.viewBox}, the page's ${live.viewBox}`);
  assert(file.nodes === live.nodes && file.nodes > 10, `${file.nodes} nodes in the file, ${live.nodes} on the page`);
  assert(JSON.stringify(file.names) === JSON.stringify(live.names), `the file names ${file.names.join(", ")}`);
  assert(/^AWS us-east-1, 19–20 October 2025.*Run [0-9a-f]{16}, at 1:00:00 AM PDT \(2025-10-20T08:00:00Z\)$/.test(file.title), `the file's title: ${file.title}`);
  assert(file.particles === 0, "requests in flight are motion, not a moment: left out");
  // The page's style sheets do not travel: what they set is written on each element.
  assert(/fill:/.test(file.boxStyle) && /stroke-width:/.test(file.boxStyle) && /font-family:/.test(file.boxStyle), `a node's box in the file: ${file.boxStyle}`);
  assert(live.downStroke && file.down.includes(`stroke:${live.downStroke};`), `a down node's outline ${live.downStroke} in the file: ${file.down}`);

  const png = await download(page, menu.getByRole("button", { name: "Download map as PNG" }));
  assert(png.name === "aws-2025-10-us-east-1-2025-10-20T0800Z-map.png", `the PNG's name: ${png.name}`);
  const b = png.bytes;
  assert(b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), "the PNG starts with PNG's signature");
  assert(b.subarray(12, 16).toString("latin1") === "IHDR", "its first chunk is IHDR");
  const [w, h] = [b.readUInt32BE(16), b.readUInt32BE(20)];
  assert(w === Math.round(2 * file.width) && h === Math.round(2 * file.height), `the PNG is ${w}×${h}, the map ${file.width}×${file.height}`);
  // Drawn, not blank: the browser reads it back as an image of that size.
  const decoded = await page.evaluate(async (data) => {
    const img = new Image();
    img.src = "data:image/png;base64," + data;
    await img.decode();
    return [img.naturalWidth, img.naturalHeight];
  }, b.toString("base64"));
  assert(decoded[0] === w && decoded[1] === h, `the PNG decodes as ${decoded}`);
  assert(b.length > 20000, `a drawn map, not an empty canvas: ${b.length} bytes`);
  fs.writeFileSync(path.join(shots, "map-download.png"), b);
});

test("the map's downloads are reached by keyboard, are offered only once the run is on screen, and sit at the timeline bar's right end at 1280×720, on stage too (screenshots)", async (ctx) => {
  for (const theme of ["", "&theme=presenter"]) {
    const c = await ctx.browser().newContext({ viewport: { width: 1280, height: 720 } });
    const page = await c.newPage();
    await page.goto(ctx.baseURL + "#v=1&t=01:00:00" + theme);
    await ready(page);
    const summary = page.locator("details.downloads summary");
    // While the run is still computed (the page busy) the map has nothing to give: no menu.
    await page.evaluate(() => document.querySelector("main").setAttribute("aria-busy", "true"));
    assert(!(await summary.isVisible()), "no downloads while the run is computed");
    await page.evaluate(() => document.querySelector("main").setAttribute("aria-busy", "false"));
    await summary.focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement.textContent);
    assert(focused === "Download map as SVG", `Tab from the opened menu reaches ${focused}`);
    for (const name of ["Download map as SVG", "Download map as PNG"]) {
      const button = page.getByRole("button", { name });
      assert(await button.isEnabled(), `${name} is offered`);
      const r = await button.boundingBox();
      assert(r && r.y >= 0 && r.y + r.height <= 720 && r.x >= 0 && r.x + r.width <= 1280, `${name} is on screen: ${JSON.stringify(r)}`);
    }
    await summary.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `map-downloads${theme ? "-stage" : ""}-1280x720.png`) });
    await c.close();
  }
});

test("the window of opportunity downloads as CSV: a header, a row per instant of the band, times in PDT and UTC, and its point of no return is the panel's", async (ctx) => {
  const { page, requests } = await openApp(ctx);
  await ready(page);
  await page.getByRole("button", { name: /^Enactor A / }).click();
  await page.getByRole("region", { name: "Inspector" }).getByRole("group", { name: "Enactor re-checks plan freshness" }).getByRole("button", { name: "Until when?" }).click();
  const panel = page.getByRole("region", { name: "Window of opportunity" });
  await panel.locator(".summary").waitFor({ timeout: 120000 });
  const said = await panel.locator(".summary").innerText();
  const m = /still changes the outcome if applied by (\d{1,2}:\d\d [AP]M)/.exec(said);
  assert(m, `the panel's point of no return: ${said}`);
  const cells = await panel.locator(".band rect").evaluateAll((rs) => rs.map((r) => r.getAttribute("class")));
  const before = requests.length;
  const csv = await download(page, panel.getByRole("button", { name: "Download sweep as CSV" }));
  assert(csv.name === "aws-2025-10-us-east-1-enable.recheck-freshness-sweep.csv", `the CSV's name: ${csv.name}`);
  assert(requests.slice(before).every((u) => u.startsWith("blob:")), `made in the page: ${requests.slice(before)}`);
  const text = csv.bytes.toString("utf8");
  assert(text.endsWith("\r\n"), "every line of the CSV ends in CRLF");
  const lines = text.split("\r\n").slice(0, -1);
  const header = lines[0].split(",");
  assert(header[0] === "instant (PDT)" && header[1] === "instant (UTC)" && header[2] === "changes the outcome", `the header: ${lines[0]}`);
  assert(header.includes("DynamoDB impaired until (PDT)") && header.includes("DynamoDB impaired until (UTC)"), `per service: ${lines[0]}`);
  const rows = lines.slice(1).map((l) => l.split(","));
  assert(rows.length === cells.length, `${rows.length} rows, ${cells.length} instants in the band`);
  assert(rows.every((r) => r.length === header.length), "every row has a cell per column");
  // Each instant twice, the same instant: in the outage's zone and in UTC.
  for (const r of rows) assert(/-07:00$/.test(r[0]) && /Z$/.test(r[1]) && Date.parse(r[0]) === Date.parse(r[1]), `an instant in PDT and UTC: ${r.slice(0, 2)}`);
  // Row by row the band's colours, and the last row that still changes the outcome is the panel's.
  assert(rows.every((r, i) => (r[2] === "yes") === (cells[i] === "helps")), "yes where the band is green");
  const last = rows.map((r) => r[2]).lastIndexOf("yes");
  const clock = new Date(rows[last][0]).toLocaleTimeString("en-US", { timeZone: "America/Los_Angeles", hour: "numeric", minute: "2-digit" });
  assert(clock === m[1], `the CSV's point of no return ${rows[last][0]} against the panel's ${m[1]}`);
});

await runIfMain(import.meta);
