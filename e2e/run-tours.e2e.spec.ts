// Every teaching demo's guided tour, walked in the studio as a person does: start it, perform each
// step and see its expectations met, move on; then check the end state the page shows (tokens
// that travelled, counts on nodes, rows in the read models).
import { expect, test, type Page } from "@playwright/test";
import { animationCaughtUp, canvasNode, completeTour, doStep, openDemo, openTab, shot, startTour, travelled } from "./run-helpers";

test.describe.configure({ timeout: 120_000 });

async function row(page: Page, projection: string, key: string) {
  await openTab(page, "Read models");
  await page.getByRole("button", { name: new RegExp(`^${projection}`) }).click();
  return page.getByTestId("read-model-table").locator(`tr[data-key="${key}"]`);
}

test("bank account: the balance reads 150, the overdraft is refused, and Previous goes back a step", async ({ page }) => {
  await openDemo(page, "bank-account");
  const panel = await startTour(page);
  await expect(page.locator(".run-stage")).toHaveAttribute("data-highlight", /account-open/);
  await completeTour(panel);
  await animationCaughtUp(page);
  await expect(canvasNode(page, "account-withdraw").getByTestId("run-rejection")).toContainText("Insufficient funds");
  const balance = await row(page, "account_balances", "acc-1");
  await expect(balance.locator('[data-field="balance"]')).toHaveText("150");
  await expect(canvasNode(page, "balances").getByTestId("run-projection-rows")).toContainText("acc-1");
  await shot(page, "run-tour-bank");

  await panel.getByRole("button", { name: "← Previous" }).click();
  await expect(panel.getByTestId("tour-progress")).toHaveText("Step 5 of 6");
  await expect(panel.getByTestId("tour-perform")).toBeVisible();
  await doStep(panel);
  await expect(panel.getByTestId("tour-progress")).toHaveText("Step 6 of 6");
});

test("order with CQRS: the read model shows the submitted order of 35, and the old-release order upcast", async ({ page }) => {
  await openDemo(page, "order-cqrs");
  await completeTour(await startTour(page));
  await animationCaughtUp(page);
  const order = await row(page, "order_view", "o-1");
  await expect(order.locator('[data-field="total"]')).toHaveText("35");
  await expect(order.locator('[data-field="status"]')).toHaveText("submitted");
});

test("orchestrated saga: the refund token travelled back as a compensation and the last order needs attention", async ({ page }) => {
  await openDemo(page, "order-saga-orchestrated");
  await completeTour(await startTour(page));
  await animationCaughtUp(page);
  expect(await travelled(page)).toMatch(/compensates:step-charge->payment:compensation=\d+/);
  await expect(canvasNode(page, "step-charge").getByTestId("run-compensations")).toHaveAttribute("data-count", "2");
  const sagas = canvasNode(page, "fulfilment").getByTestId("run-saga-instances");
  await expect(sagas.locator('[data-instance="o-103"]')).toHaveAttribute("data-status", "needs-attention");
  await expect(sagas.locator('[data-instance="o-100"]')).toHaveAttribute("data-status", "completed");
  await openTab(page, "Sagas");
  await expect(page.getByTestId("saga-instances").locator('[data-instance="o-101"]')).toHaveAttribute("data-status", "compensated");
  await shot(page, "run-tour-saga");
});

test("choreographed saga: the failed payment's reactions ran, cancelling the order", async ({ page }) => {
  await openDemo(page, "order-saga-choreography");
  await completeTour(await startTour(page));
  await animationCaughtUp(page);
  expect(await travelled(page)).toMatch(/react-cancel-payment/);
});

test("outbox, retries and dead letters: the dead-letter count is 1 after the poison message, 2 at the end", async ({ page }) => {
  await openDemo(page, "outbox-retries-dlq");
  const panel = await startTour(page);
  await doStep(panel);
  await doStep(panel);
  const dlq = canvasNode(page, "dlq:warehouse-consumer").getByTestId("run-dead-letters");
  await expect(dlq).toHaveAttribute("data-count", "1");
  await expect(canvasNode(page, "warehouse-consumer").getByTestId("run-failures")).toBeVisible();
  expect(await travelled(page)).toMatch(/:retry=/);
  await doStep(panel);
  await doStep(panel);
  await expect(panel.getByTestId("tour-complete")).toBeVisible();
  await animationCaughtUp(page);
  await expect(dlq).toHaveAttribute("data-count", "2");
  await openTab(page, "Dead letters");
  await expect(page.getByTestId("dead-letter-count")).toHaveText("2 dead letter(s)");
  await shot(page, "run-tour-dlq");
});

test("idempotent consumers: the duplicate stopped with a badge at the idempotent group and applied twice at the other", async ({ page }) => {
  await openDemo(page, "idempotent-consumers");
  await completeTour(await startTour(page));
  await animationCaughtUp(page);
  await expect(canvasNode(page, "receipts-idempotent").getByTestId("run-absorbed")).toHaveAttribute("data-count", "1");
  await expect(canvasNode(page, "receipts-plain").getByTestId("run-absorbed")).toHaveCount(0);
  expect(await travelled(page)).toMatch(/->receipts-idempotent:duplicate=1/);
  const receipts = await row(page, "receipts_sent", "receipts-plain");
  await expect(receipts.locator('[data-field="receipts"]')).toHaveText("2");
});

test("AI agent backbone: the audit trail holds five entries for the escalated task", async ({ page }) => {
  await openDemo(page, "ai-agent-backbone");
  await completeTour(await startTour(page));
  await animationCaughtUp(page);
  const audit = await row(page, "audit_trail", "t-2");
  await expect(audit.locator('[data-field="entries"]')).toHaveText("5");
});

test("fan-out: every group handled both orders, each at its own pace", async ({ page }) => {
  await openDemo(page, "fan-out");
  await completeTour(await startTour(page));
  await animationCaughtUp(page);
  for (const consumer of ["billing-consumer", "shipping-consumer", "analytics-consumer"]) {
    await expect(canvasNode(page, consumer).getByTestId("run-handled")).toContainText("2 handled");
  }
});
