// Browser tests of a class through several outages: any outage from anywhere, the title card on
// demand, and after an outage's last chapter its successor's title card.
import path from "node:path";
import { test, assert, openSized, runIfMain, shots } from "../harness.mjs";

const card = (page, title) => page.getByRole("dialog", { name: `Title card: ${title}` });
const KINESIS = "AWS Kinesis, us-east-1, 25 November 2020";
const EBS = "AWS EBS, us-east-1, 21–24 April 2011";

test("from a 2025 chapter, the Kinesis title card is one key or one choice away, and the title card comes back on demand", async (ctx) => {
  const page = await openSized(ctx, "#v=1&t=23:40:00&chapter=0&theme=presenter");
  const lecture = page.getByRole("region", { name: "Lecture" });
  await lecture.getByText(/Chapter 1 of 10/).waitFor();
  // The title card on demand: a key, or the header's button.
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("t");
  const own = card(page, "AWS us-east-1, 19–20 October 2025");
  await own.waitFor();
  assert((await own.getByRole("link", { name: "AWS Kinesis" }).count()) === 1, "the card lists the other outages");
  await page.keyboard.press("Escape");
  await own.waitFor({ state: "hidden" });
  await page.getByRole("button", { name: "Title card" }).click();
  await own.waitFor();
  await page.keyboard.press("Escape");
  await own.waitFor({ state: "hidden" });
  // n: the next outage's title card.
  await page.keyboard.press("n");
  await card(page, KINESIS).waitFor();
  assert((await page.evaluate(() => document.documentElement.dataset.theme)) === "presenter", "the stage stays the stage");
  await page.screenshot({ path: path.join(shots, "class-next-outage-card-1280x720.png") });
  // And any outage from the header's picker.
  await page.keyboard.press("Escape");
  await page.getByRole("combobox", { name: "Outage" }).selectOption({ label: EBS });
  await card(page, EBS).waitFor();
  await page.context().close();
});

test("at an outage's last chapter, Next chapter is the next outage's title card; after the last outage it is disabled", async (ctx) => {
  // A bare address opens on the title card: 9 picks chapter 9, PageDown goes on to the last.
  const page = await openSized(ctx, "#v=1&scenario=aws-2025-10-us-east-1");
  const lecture = page.getByRole("region", { name: "Lecture" });
  await card(page, "AWS us-east-1, 19–20 October 2025").waitFor();
  await page.keyboard.press("9");
  await lecture.getByText(/Chapter 9 of 10/).waitFor();
  assert((await page.getByRole("button", { name: "Next chapter ▶" }).count()) === 1, "before the last chapter it is Next chapter");
  await page.keyboard.press("PageDown");
  await lecture.getByText(/Chapter 10 of 10/).waitFor();
  const next = page.getByRole("button", { name: /^Next outage: AWS Kinesis/ });
  await next.waitFor();
  await page.screenshot({ path: path.join(shots, "class-last-chapter-1280x720.png") });
  // What a clicker sends does the same.
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("PageDown");
  await card(page, KINESIS).waitFor();
  await page.context().close();
  // The last outage's last chapter: nothing after it.
  const ebs = await openSized(ctx, "#v=1&scenario=aws-2011-04-us-east-1");
  await card(ebs, EBS).waitFor();
  await ebs.keyboard.press("8");
  await ebs.getByRole("region", { name: "Lecture" }).getByText(/Chapter 8 of 8/).waitFor();
  assert(await ebs.getByRole("button", { name: "Next chapter" }).isDisabled(), "Next chapter is disabled at the very end");
  await ebs.context().close();
});

await runIfMain(import.meta);
