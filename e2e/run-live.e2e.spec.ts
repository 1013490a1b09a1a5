// The live run as a person watches it: the outbox's pending row before the relay runs, tokens
// travelling, a saga instance stepping through, projections changing, read models, saga history
// and live metrics in the panels; faults injected from the canvas and cleared; retries with their
// attempt count; dead letters redriven after a preview; a duplicate stopped by idempotency.
import { expect, test, type Page } from "@playwright/test";
import { animationCaughtUp, canvasNode, openDemo, openTab, overlappingBadges, shot } from "./run-helpers";

test.describe.configure({ timeout: 150_000 });

async function dispatch(page: Page, command: string, aggregateId: string, fields: Record<string, string>) {
  await openTab(page, "Console");
  await page.getByRole("combobox", { name: "Command", exact: true }).selectOption({ label: command });
  await page.getByLabel("Aggregate id").fill(aggregateId);
  for (const [name, value] of Object.entries(fields)) await page.getByRole("textbox", { name, exact: true }).fill(value);
  await page.getByRole("button", { name: "Dispatch" }).click();
  await expect(page.getByTestId("dispatch-outcome")).toHaveAttribute("data-status", /accepted|rejected/);
}

/** Opens the fault form from the node's ⚡ button on the canvas. */
async function faultFrom(page: Page, nodeId: string) {
  await canvasNode(page, nodeId).getByRole("button", { name: "Inject a fault here" }).click();
  await expect(page.getByRole("tab", { name: "Faults" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByLabel("Fault target")).toHaveValue(nodeId);
}

test("a saga run live: pending outbox row, tokens, steps, rows, read models, saga history and metrics", async ({ page }) => {
  await openDemo(page, "order-saga-orchestrated");
  await dispatch(page, "Order · PlaceOrder", "o-1", { sku: "LAMP", quantity: "1", amount: "40" });
  // Paused: the event waits in the outbox until the relay runs.
  await expect(canvasNode(page, "order-outbox").getByTestId("run-outbox-pending")).toHaveAttribute("data-count", "1");
  await expect(canvasNode(page, "order-outbox").getByTestId("run-outbox-pending")).toContainText("orders.order.placed.v1");

  await page.getByRole("button", { name: "Play" }).click();
  await expect(canvasNode(page, "fulfilment").locator('[data-instance="o-1"]')).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
  await animationCaughtUp(page);
  await expect(canvasNode(page, "order-outbox").getByTestId("run-outbox-pending")).toHaveAttribute("data-count", "0");
  await expect.poll(async () => Number(await page.getByTestId("run-tokens").getAttribute("data-launched"))).toBeGreaterThan(10);
  await expect(canvasNode(page, "order-status").getByTestId("run-projection-rows")).toContainText("o-1");

  await openTab(page, "Read models");
  await expect(page.getByTestId("read-model-table").locator('tr[data-key="o-1"]')).toBeVisible();
  await openTab(page, "Sagas");
  const instance = page.getByTestId("saga-instances").locator('[data-instance="o-1"]');
  await expect(instance).toHaveAttribute("data-status", "completed");
  await instance.locator("summary").click();
  await expect(instance.locator(".saga-history")).toContainText("charge payment");
  await expect(instance.locator(".saga-history")).toContainText("schedule shipment");
  await openTab(page, "Metrics");
  await expect(page.getByTestId("chart-latency")).toBeVisible();
  await expect(page.getByTestId("chart-throughput").locator('[data-series="handled"]')).not.toHaveAttribute("data-latest", "");
  await expect(page.getByRole("table", { name: "Consumer groups" })).toContainText("saga:OrderFulfilment");

  // Many orders at once: tokens merge per path and the feed keeps up.
  await openTab(page, "Console");
  await page.getByLabel("Aggregate id").fill("burst");
  await page.getByLabel("Repeat count").fill("30");
  await page.getByRole("button", { name: "times as a script" }).click();
  await expect(canvasNode(page, "fulfilment").getByTestId("run-saga-instances")).toContainText("burst-");
  await page.waitForTimeout(600);
  expect(await overlappingBadges(page)).toEqual([]);
  await shot(page, "run-live-burst");
  await page.locator(".react-flow__node[data-id='fulfilment']").screenshot({ path: "e2e/screenshots/run-live-saga-node.png" });
  await animationCaughtUp(page);
});

test("faults from the canvas: retries with attempts, a dead letter redriven after a preview, a paused relay, a failing service", async ({ page }) => {
  await openDemo(page, "outbox-retries-dlq");
  await page.getByRole("button", { name: "Play" }).click();
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-state", "playing");

  // A retryable handler error: the retry shows its attempt and backoff, then the message goes through.
  await faultFrom(page, "warehouse-consumer");
  await page.getByLabel("Make its handler throw").check();
  await page.getByRole("textbox", { name: "Count", exact: true }).fill("2");
  await page.getByRole("button", { name: "Inject fault" }).click();
  await expect(canvasNode(page, "warehouse-consumer").getByTestId("run-fault")).toContainText("warehouse throws a retryable error on its next 2 deliveries");
  await dispatch(page, "Order · PlaceOrder", "o-1", { sku: "BOOK", quantity: "1" });
  await expect(canvasNode(page, "warehouse-consumer").getByTestId("run-retry")).toContainText(/attempt [23]\/4/);
  await canvasNode(page, "warehouse-consumer").screenshot({ path: "e2e/screenshots/run-live-retry-node.png" });
  await expect(canvasNode(page, "warehouse-consumer").getByTestId("run-handled")).toContainText("1 handled", { timeout: 30_000 });
  await expect(canvasNode(page, "warehouse-consumer").getByTestId("run-fault")).toHaveCount(0);

  // A non-retryable error: straight to the dead-letter queue.
  await faultFrom(page, "warehouse-consumer");
  await page.getByLabel("Make its handler throw").check();
  await page.getByRole("textbox", { name: "Count", exact: true }).fill("1");
  await page.getByLabel(/Retryable/).uncheck();
  await page.getByRole("button", { name: "Inject fault" }).click();
  await dispatch(page, "Order · PlaceOrder", "o-2", { sku: "PEN", quantity: "3" });
  await expect(canvasNode(page, "dlq:warehouse-consumer").getByTestId("run-dead-letters")).toHaveAttribute("data-count", "1", { timeout: 30_000 });

  // The inbox: provenance, error, attempts; a preview, then the redrive (the fault is spent, so it goes through).
  await openTab(page, "Dead letters");
  const letters = page.getByTestId("dead-letters");
  await expect(letters).toContainText("orders.order.placed.v1");
  await expect(letters).toContainText("warehouse");
  await letters.getByRole("checkbox", { name: /Select dead letter/ }).first().check();
  await page.getByLabel("Redrives per second").fill("5");
  await page.getByRole("button", { name: "Preview redrive of 1" }).click();
  const preview = page.getByTestId("redrive-preview");
  await expect(preview).toContainText("1 message(s) go back, at most 5/s");
  await expect(preview).toContainText("for group warehouse only");
  await preview.getByRole("button", { name: "Redrive 1" }).click();
  await expect(canvasNode(page, "dlq:warehouse-consumer").getByTestId("run-dead-letters")).toHaveAttribute("data-count", "0", { timeout: 30_000 });
  await expect(canvasNode(page, "warehouse-consumer").getByTestId("run-handled")).toContainText("2 handled", { timeout: 30_000 });

  // The relay paused: rows wait in the outbox until the fault is cleared on the node.
  await faultFrom(page, "order-outbox");
  await page.getByRole("button", { name: "Inject fault" }).click();
  await expect(canvasNode(page, "order-outbox").getByTestId("run-fault")).toContainText("The outbox relay is paused");
  await dispatch(page, "Order · PlaceOrder", "o-3", { sku: "INK", quantity: "2" });
  await expect(canvasNode(page, "order-outbox").getByTestId("run-outbox-pending")).toHaveAttribute("data-count", "1");
  await page.waitForTimeout(1_000);
  await expect(canvasNode(page, "order-outbox").getByTestId("run-outbox-pending")).toHaveAttribute("data-count", "1");
  await canvasNode(page, "order-outbox").getByRole("button", { name: /Clear fault/ }).click();
  await expect(canvasNode(page, "order-outbox").getByTestId("run-outbox-pending")).toHaveAttribute("data-count", "0", { timeout: 30_000 });

  // A service failing at a rate, and a slowed consumer: shown on their nodes and listed; cleared from the panel.
  await faultFrom(page, "warehouse");
  await page.getByLabel("Fail calls with a probability").check();
  await page.getByRole("textbox", { name: "Probability" }).fill("25");
  await page.getByRole("button", { name: "Inject fault" }).click();
  await expect(canvasNode(page, "warehouse").getByTestId("run-fault")).toContainText("Warehouse.PickItems fails 25% of calls");
  await faultFrom(page, "warehouse-consumer");
  await page.getByLabel("Slow it down").check();
  await page.getByLabel("Delay").fill("300");
  await page.getByRole("button", { name: "Inject fault" }).click();
  await expect(canvasNode(page, "warehouse-consumer").getByTestId("run-fault")).toContainText("takes 300 ms more per delivery");
  const inForce = page.getByTestId("faults-in-force");
  await expect(inForce.locator("li")).toHaveCount(2);
  await shot(page, "run-live-faults");
  await inForce.getByRole("button", { name: "Clear" }).first().click();
  await inForce.getByRole("button", { name: "Clear" }).first().click();
  await expect(page.getByTestId("faults-in-force")).toHaveCount(0);
  await expect(canvasNode(page, "warehouse").getByTestId("run-fault")).toHaveCount(0);
});

test("a message delivered twice: the idempotent group stops the duplicate with a badge", async ({ page }) => {
  await openDemo(page, "idempotent-consumers");
  await page.getByRole("button", { name: "Play" }).click();
  await faultFrom(page, "receipts-idempotent");
  await page.getByLabel("Deliver messages twice").check();
  await page.getByRole("textbox", { name: "Count", exact: true }).fill("1");
  await page.getByRole("button", { name: "Inject fault" }).click();
  await expect(canvasNode(page, "receipts-idempotent").getByTestId("run-fault")).toContainText("receives its next 1 message(s) twice");
  await dispatch(page, "Order · PayOrder", "o-1", { amount: "25" });
  await expect(canvasNode(page, "receipts-idempotent").getByTestId("run-absorbed")).toHaveAttribute("data-count", "1", { timeout: 30_000 });
  await expect.poll(async () => (await page.getByTestId("run-tokens").getAttribute("data-travelled")) ?? "").toMatch(/->receipts-idempotent:duplicate=1/);
  await expect(page.getByTestId("run-tokens")).toHaveAttribute("data-flying", /duplicate=1/);
  await shot(page, "run-live-duplicate");
});
