// Browser tests of loading: the page starts, names itself, asks nothing of other hosts, allows only
// its own scripts, and shows a readable panel when the wasm fails or panics.
import fs from "node:fs";
import path from "node:path";
import { test, assert, openApp, ready, runIfMain, here, shots, OUTAGE_LINK } from "../harness.mjs";
import { scrubTo, health, scenarioFile, goldenDigest, frames } from "../helpers.mjs";

test("the app renders its main view, named for the product", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  assert((await page.title()).includes("Outage Explorer"), `title is ${await page.title()}`);
  assert((await page.locator("#loading").count()) === 0, "loading panel still shown");
  assert(await page.getByRole("region", { name: "Event log" }).isVisible(), "no event log region");
});

test("no console error or warning during load", async (ctx) => {
  const { page, problems } = await openApp(ctx);
  await ready(page);
  // What loading sets off once the run is on screen (the size observers' first reports and the
  // redraw they cause) has run by the second frame after.
  await frames(page);
  assert(problems.length === 0, problems.join("; "));
});

test("no request leaves 127.0.0.1", async (ctx) => {
  const { page, requests } = await openApp(ctx);
  await ready(page);
  // Whatever the run on screen asks for is asked by the time it has been drawn.
  await frames(page);
  const foreign = requests.filter((u) => !/^(https?:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(u));
  assert(requests.length > 0, "no requests recorded");
  assert(foreign.length === 0, `foreign requests: ${foreign.join(", ")}`);
});

test("the page allows only its own origin (a Content-Security-Policy) and breaks none of it", async (ctx) => {
  const page = await ctx.newPage();
  const violations = [];
  await page.exposeFunction("__cspViolation", (v) => violations.push(v));
  await page.addInitScript(() => document.addEventListener("securitypolicyviolation", (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto(ctx.baseURL + "#v=1&t=01:00:00&node=dwfm");
  await ready(page);
  const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || "");
  for (const want of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval' 'sha256-", "connect-src 'self'", "object-src 'none'"]) {
    assert(policy.includes(want), `the policy lacks ${want}: ${policy}`);
  }
  assert(!/unsafe-inline[^;]*;?/.test(policy.split(";").find((d) => d.trim().startsWith("script-src")) || ""), "scripts may run inline");
  assert(!/https?:/.test(policy), `the policy names another host: ${policy}`);
  // The app works under it: a run, a fork, the title card's page.
  await page.getByRole("region", { name: "Inspector" }).getByRole("button").nth(1).click();
  await page.getByRole("button", { name: "Undo" }).waitFor();
  assert(violations.length === 0, `blocked by the policy: ${violations.join(", ")}`);
  // And it refuses what it should: an inline script the build did not write.
  await page.evaluate(() => { const s = document.createElement("script"); s.textContent = "window.__injected = true"; document.body.append(s); });
  assert(!(await page.evaluate(() => window.__injected === true)), "an injected inline script ran");
}, { allow: /Content Security Policy.*inline/ });

test("a wasm that fails to load shows a readable error panel", async (ctx) => {
  const { page } = await openApp(ctx, { route: (p) => p.route("**/*.wasm", (r) => r.abort()) });
  const alert = page.getByRole("alert");
  await alert.waitFor({ timeout: 15000 });
  const text = await alert.innerText();
  assert(/could not start|failed/i.test(text), `alert says: ${text}`);
}, { allow: /Failed to load resource|Failed to fetch|WebAssembly|wasm/ });

test("a panic in the app shows a readable error panel, not a blank page", async (ctx) => {
  const { page } = await openApp(ctx);
  await ready(page);
  await page.evaluate(() => { try { window.wasmBindings.panic_for_test(); } catch (_) { /* the trap after the hook */ } });
  const alert = page.getByRole("alert");
  await alert.waitFor({ timeout: 5000 });
  const text = await alert.innerText();
  assert(/stopped/i.test(text) && /panic requested/.test(text), `alert says: ${text}`);
}, { allow: /panicked at|panic requested|RuntimeError|unreachable/ });

await runIfMain(import.meta);
