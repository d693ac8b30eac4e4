// Browser tests of the map as a room sees it: measured on the drawn page, at the sizes people use
// (a 1280×720 projector, a 1920×1080 screen), in the default theme and on stage.
import path from "node:path";
import { test, assert, ready, runIfMain, here, shots, openSized } from "../harness.mjs";

/** Geometry of the drawn map, in map units and in CSS pixels. */
function measure() {
  const svg = document.querySelector("svg.graph");
  const scale = svg.getScreenCTM().a;
  const box = (el) => { const b = el.getBBox(); return { x: b.x, y: b.y, w: b.width, h: b.height }; };
  const nodes = [...svg.querySelectorAll(".node")].map((n) => {
    const rect = box(n.querySelector(".box"));
    const texts = [...n.querySelectorAll("text")].filter((t) => getComputedStyle(t).display !== "none" && t.textContent.trim() !== "").map((t) => ({ text: t.textContent, cls: t.getAttribute("class"), ...box(t) }));
    const names = [...n.querySelectorAll(".name")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    return { id: n.dataset.service, rect, texts, names };
  });
  const inside = (r, x, y, by = 0) => x > r.x - by && x < r.x + r.w + by && y > r.y - by && y < r.y + r.h + by;
  const crossings = [];
  for (const link of svg.querySelectorAll(".link")) {
    const edge = link.querySelector(".edge");
    const len = edge.getTotalLength();
    for (let d = 0; d <= len; d += 3) {
      const p = edge.getPointAtLength(d);
      for (const n of nodes) {
        if (n.id === link.dataset.from || n.id === link.dataset.to) continue;
        if (inside(n.rect, p.x, p.y, -1)) { crossings.push(`${link.dataset.from}→${link.dataset.to} through ${n.id}`); break; }
      }
    }
  }
  const arrows = [...svg.querySelectorAll(".link .edge")].filter((e) => {
    const id = (e.getAttribute("marker-end") || "").match(/#([\w-]+)/);
    return id && svg.querySelector(`marker#${id[1]}`);
  }).length;
  const r = svg.getBoundingClientRect();
  return {
    scale, nodes, crossings: [...new Set(crossings)], arrows, links: svg.querySelectorAll(".link").length,
    mapShare: (r.width * r.height) / (innerWidth * innerHeight),
    // In the page's coordinates: a click that scrolls a node into view moves nothing.
    mapRect: { x: r.x + scrollX, y: r.y + scrollY, w: r.width, h: r.height },
  };
}

const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

// Every outage's map, mid-outage: (name in the test, link, edges it draws, screenshot prefix).
const MAPS = [
  ["", "#v=1&t=01:00:00", 27, "map"],
  ["Kinesis 2020: ", "#v=1&scenario=aws-2020-11-us-east-1&t=07:00:00", 10, "kinesis-map"],
  ["EBS 2011: ", "#v=1&scenario=aws-2011-04-us-east-1&t=06:30:00", 9, "ebs-map"],
];

function mapTests() {
  for (const [scenario, link, edges, prefix] of MAPS)
  for (const [w, h] of [[1280, 720], [1920, 1080]]) {
    for (const stage of [false, true]) {
      const mode = stage ? "stage" : "default theme";
      test(`${scenario}at ${w}×${h} in the ${mode} the map reads like a diagram: large names, no overlap, no overflow, edges around boxes with arrowheads`, async (ctx) => {
        const c = await ctx.browser().newContext({ viewport: { width: w, height: h } });
        const page = await c.newPage();
        await page.goto(ctx.baseURL + link + (stage ? "&theme=presenter" : ""));
        await ready(page);
        const m = await page.evaluate(measure);
        const smallest = Math.min(...m.nodes.flatMap((n) => n.names));
        // On stage the map shares the screen with the docked timeline and the caption bar: at
        // 1280×720 its names are drawn at 2.5% of the screen's height, the narration's size.
        const need = stage ? 18 : 14;
        assert(smallest >= need, `node names render at ${smallest.toFixed(1)} px (need ${need})`);
        for (let i = 0; i < m.nodes.length; i++) {
          for (let j = i + 1; j < m.nodes.length; j++) {
            assert(!overlap(m.nodes[i].rect, m.nodes[j].rect), `${m.nodes[i].id} overlaps ${m.nodes[j].id}`);
          }
          const n = m.nodes[i];
          for (const t of n.texts) {
            const r = n.rect;
            const ok = t.x >= r.x - 0.5 && t.y >= r.y - 0.5 && t.x + t.w <= r.x + r.w + 0.5 && t.y + t.h <= r.y + r.h + 0.5;
            assert(ok, `"${t.text}" (${t.cls}) overflows ${n.id}'s box`);
          }
        }
        assert(m.crossings.length === 0, `edges through boxes: ${m.crossings.join(", ")}`);
        assert(m.arrows === m.links && m.links === edges, `${m.arrows} of ${m.links} edges have an arrowhead (the file has ${edges})`);
        if (stage) {
          assert(m.mapShare >= 0.6, `the map takes ${(m.mapShare * 100).toFixed(0)}% of the screen`);
          // The timeline is on screen without scrolling, below the map and above the caption.
          const dock = await page.evaluate(() => {
            const r = (s) => document.querySelector(s).getBoundingClientRect();
            return { dock: r(".timeline-dock"), slider: r('input[aria-label="Timeline"]'), map: r("svg.graph"), caption: r(".lecture-row"), h: innerHeight };
          });
          assert(dock.slider.bottom <= dock.h && dock.slider.top >= dock.map.bottom - 1, `the slider is not on screen below the map: ${JSON.stringify(dock)}`);
          assert(dock.dock.bottom <= dock.caption.top + 1, `the caption bar lies over the timeline: ${JSON.stringify(dock)}`);
        } else {
          // The header is one row of controls and the outage's line under it: the map is not
          // pushed down the screen.
          const head = await page.evaluate(() => {
            const centres = [...document.querySelectorAll("header.top button, header.top select")].map((e) => e.getBoundingClientRect()).filter((r) => r.height > 0).map((r) => r.top + r.height / 2);
            return { height: document.querySelector("header.top").getBoundingClientRect().height, spread: Math.max(...centres) - Math.min(...centres) };
          });
          assert(head.height <= 100 && head.spread <= 4, `the header is ${head.height} px tall, its controls ${head.spread} px apart in height`);
        }
        await page.screenshot({ path: path.join(shots, `${prefix}-${stage ? "stage" : "default"}-${w}x${h}.png`) });
        await c.close();
      });
    }
  }

  for (const stage of [false, true]) {
    test(`${stage ? "on stage" : "in the default theme"} at 1280×720 the inspector${stage ? " and the panels open" : " opens"} over the map and never shrinks it`, async (ctx) => {
      const c = await ctx.browser().newContext({ viewport: { width: 1280, height: 720 } });
      const page = await c.newPage();
      await page.goto(ctx.baseURL + "#v=1&t=01:00:00" + (stage ? "&theme=presenter" : ""));
      await ready(page);
      const before = await page.evaluate(measure);
      await page.getByRole("button", { name: /^DynamoDB/ }).click();
      const inspector = page.getByRole("region", { name: "Inspector" });
      await inspector.waitFor();
      const during = await page.evaluate(measure);
      assert(JSON.stringify(before.mapRect) === JSON.stringify(during.mapRect), `the map moved or shrank: ${JSON.stringify(before.mapRect)} → ${JSON.stringify(during.mapRect)}`);
      assert(during.scale === before.scale, "the map was redrawn smaller");
      const shown = await inspector.boundingBox();
      assert(shown && shown.y < 720 && shown.x < 1280 && shown.width > 300, `the inspector is not on screen: ${JSON.stringify(shown)}`);
      await page.screenshot({ path: path.join(shots, `inspector-${stage ? "stage" : "default"}-1280x720.png`) });
      await page.keyboard.press("Escape");
      await page.waitForFunction(() => !document.querySelector("main").classList.contains("inspecting"));
      if (stage) {
        await page.getByRole("button", { name: "Panels" }).click();
        await page.getByRole("region", { name: "Event log" }).waitFor();
        const withPanels = await page.evaluate(measure);
        assert(JSON.stringify(before.mapRect) === JSON.stringify(withPanels.mapRect), "the panels shrank the map");
      }
      await c.close();
    });
  }

  for (const stage of [false, true]) {
    test(`on a phone${stage ? " with the stage's link" : ""} the map is its portrait layout at the screen's width: names legible, nothing scrolls sideways; turned on its side, the wide map`, async (ctx) => {
      const c = await ctx.browser().newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const page = await c.newPage();
      await page.goto(ctx.baseURL + "#v=1&t=01:00:00" + (stage ? "&theme=presenter" : ""));
      await ready(page);
      const m = await page.evaluate(measure);
      const smallest = Math.min(...m.nodes.flatMap((n) => n.names));
      assert(smallest >= 14, `node names render at ${smallest.toFixed(1)} px on a phone`);
      assert(m.crossings.length === 0, `edges through boxes: ${m.crossings.join(", ")}`);
      assert(m.arrows === m.links && m.links === 27, `${m.arrows} of ${m.links} edges have an arrowhead`);
      const wide = await page.evaluate(() => ({ map: document.querySelector("svg.graph").getBoundingClientRect().right, page: document.documentElement.scrollWidth, viewBox: document.querySelector("svg.graph").viewBox.baseVal.width }));
      assert(wide.map <= 390 && wide.page <= 390 + 1, `the map or the page is wider than the phone: ${JSON.stringify(wide)}`);
      // The stage's fixed bars would leave a phone no room: its link shows the ordinary page.
      const theme = await page.evaluate(() => document.documentElement.dataset.theme ?? null);
      assert(theme === (stage ? "light" : null), `the page's theme on a phone is ${theme}`);
      await page.screenshot({ path: path.join(shots, `phone${stage ? "-stage" : ""}.png`) });
      // On its side the phone is wide enough for the map everyone else sees.
      await page.setViewportSize({ width: 844, height: 390 });
      await page.waitForFunction((w) => document.querySelector("svg.graph")?.viewBox.baseVal.width > w, wide.viewBox);
      if (stage) await page.waitForFunction(() => document.documentElement.dataset.theme === "presenter");
      await page.screenshot({ path: path.join(shots, `phone${stage ? "-stage" : ""}-on-its-side.png`) });
      await c.close();
    });
  }

  test("\"why is this red?\" lights its chain on the map and dims the rest", async (ctx) => {
    const page = await openSized(ctx, "#v=1&t=01:00:00&node=dynamodb");
    const c = page.context();
    await page.getByRole("region", { name: "Inspector" }).waitFor();
    const opacity = (id) => page.evaluate((id) => getComputedStyle(document.querySelector(`.node[data-service="${id}"]`)).opacity, id);
    // DynamoDB is down because Route 53's record emptied (the race among the Enactors); DWFM and
    // the customer's app are its victims, not its causes.
    assert(Number(await opacity("dynamodb")) === 1 && Number(await opacity("route53")) === 1, "the chain is not lit");
    assert(Number(await opacity("customer-app")) < 0.5, "the rest of the map is not dimmed");
    const traced = await page.locator(".link.traced").evaluateAll((ls) => ls.map((l) => `${l.dataset.from}>${l.dataset.to}`));
    assert(traced.includes("route53>dynamodb"), `edges lit: ${traced.join(", ")}`);
    await page.screenshot({ path: path.join(shots, "why-chain.png") });
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !document.querySelector("svg.graph").classList.contains("tracing"));
    await c.close();
  });

  test("failure spreading along an edge is a wide moving band; healthy edges carry none", async (ctx) => {
    const page = await openSized(ctx, "#v=1&t=01:00:00&theme=presenter");
    const c = page.context();
    const pulse = (from, to) => page.evaluate(([f, t]) => {
      const p = document.querySelector(`.link[data-from="${f}"][data-to="${t}"] .pulse`);
      const s = getComputedStyle(p);
      return { anim: s.animationName, width: parseFloat(s.strokeWidth) * document.querySelector("svg.graph").getScreenCTM().a, stroke: s.stroke };
    }, [from, to]);
    const down = await pulse("dynamodb", "customer-app");
    assert(down.anim === "pulse-run" && down.width >= 7, `failure band: ${JSON.stringify(down)}`);
    const calm = await pulse("ec2-api", "ec2-launch");
    assert(calm.anim === "none" || calm.stroke === "none", `a healthy edge pulses: ${JSON.stringify(calm)}`);
    await c.close();
  });

  test("under reduced motion the numbers on edges cover neither each other nor any box", async (ctx) => {
    const c = await ctx.browser().newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
    const page = await c.newPage();
    for (const t of ["00:10:00", "01:00:00", "03:00:00", "07:00:00"]) {
      await page.goto(ctx.baseURL + `#v=1&t=${t}`);
      await ready(page);
      await page.reload();
      await ready(page);
      const m = await page.evaluate(() => {
        const svg = document.querySelector("svg.graph");
        const box = (el) => { const b = el.getBBox(); return { x: b.x, y: b.y, w: b.width, h: b.height }; };
        const labels = [...svg.querySelectorAll(".rate.shown text")].filter((t) => t.textContent.trim()).map((t) => ({ id: t.closest(".link").dataset.from + "→" + t.closest(".link").dataset.to, ...box(t) }));
        const nodes = [...svg.querySelectorAll(".node")].map((n) => ({ id: n.dataset.service, ...box(n.querySelector(".box")) }));
        return { labels, nodes };
      });
      assert(m.labels.length > 0 || t === "00:10:00", `no numbers at ${t}`);
      for (let i = 0; i < m.labels.length; i++) {
        for (const n of m.nodes) assert(!overlap(m.labels[i], n), `at ${t} the numbers of ${m.labels[i].id} cover ${n.id}`);
        for (let j = i + 1; j < m.labels.length; j++) assert(!overlap(m.labels[i], m.labels[j]), `at ${t} the numbers of ${m.labels[i].id} and ${m.labels[j].id} overlap`);
      }
    }
    await page.screenshot({ path: path.join(shots, "reduced-motion-numbers.png") });
    await c.close();
  });
}

mapTests();

await runIfMain(import.meta);
