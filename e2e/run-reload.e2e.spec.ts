// A reload during a live run: the studio picks the run up again instead of starting fresh. The
// run bar shows the same run still playing (Pause offered), the canvas shows what happened before
// the reload at once, and the trace counter keeps climbing as the run goes on.
import { expect, test } from "@playwright/test";
import { canvasNode, openDemo, openTab, shot } from "./run-helpers";

test.describe.configure({ timeout: 120_000 });

test("a reload during a live run reattaches: same run, still playing, its history on the canvas, counters climbing", async ({ page }) => {
  await openDemo(page, "fan-out");
  const status = page.getByTestId("run-status");
  const feed = page.getByTestId("run-feed");
  await expect(status).toHaveAttribute("data-state", "none");

  // A live run with work for a minute: the analytics group slowed by 300 ms per delivery, 200 orders.
  await page.getByRole("button", { name: "Play" }).click();
  await expect(status).toHaveAttribute("data-state", "playing");
  await canvasNode(page, "analytics-consumer").getByRole("button", { name: "Inject a fault here" }).click();
  await page.getByLabel("Slow it down").check();
  await page.getByRole("textbox", { name: "Delay", exact: true }).fill("300");
  await page.getByRole("button", { name: "Inject fault" }).click();
  await expect(canvasNode(page, "analytics-consumer").getByTestId("run-fault")).toContainText("300 ms");
  await openTab(page, "Console");
  await page.getByRole("combobox", { name: "Command", exact: true }).selectOption({ label: "Order · PlaceOrder" });
  await page.getByLabel("Aggregate id").fill("reload");
  await page.getByRole("textbox", { name: "amount", exact: true }).fill("10");
  await page.getByLabel("Repeat count").fill("200");
  await page.getByRole("button", { name: "times as a script" }).click();
  await expect(status).toContainText("200 commands");
  await expect.poll(async () => Number(await feed.getAttribute("data-shown"))).toBeGreaterThan(100);
  const runId = await status.getAttribute("data-run-id");
  const handledBefore = await page.getByTestId("run-handled").count();
  expect(handledBefore).toBeGreaterThan(0);
  const shownBefore = Number(await feed.getAttribute("data-shown"));

  await page.reload();
  await expect(page.getByTestId("run-bar")).toBeVisible();
  await expect(status).toHaveAttribute("data-run-id", runId!);
  await expect(status).toHaveAttribute("data-state", "playing");
  await expect(page.getByRole("button", { name: "Pause" })).toBeEnabled();
  await expect(page.getByRole("button", { name: "Play" })).toBeDisabled();
  await expect(status).toContainText("200 commands");
  await expect(canvasNode(page, "analytics-consumer").getByTestId("run-fault")).toContainText("300 ms");
  // What happened before the reload is on the canvas at once: nodes that handled orders say so.
  await expect.poll(async () => Number(await feed.getAttribute("data-shown"))).toBeGreaterThanOrEqual(shownBefore);
  await expect.poll(() => page.getByTestId("run-handled").count()).toBeGreaterThanOrEqual(handledBefore);
  // The run goes on: the trace counter keeps climbing.
  const shownAfter = Number(await feed.getAttribute("data-shown"));
  await expect.poll(async () => Number(await feed.getAttribute("data-shown")), { timeout: 30_000 }).toBeGreaterThan(shownAfter);
  await shot(page, "run-reload-reattached");

  // Pause works on the reattached run.
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(status).toHaveAttribute("data-state", "paused");
});
