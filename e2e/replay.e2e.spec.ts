// Time travel as a person uses it (issue #7): the bank demo's tour is run to its end through the
// API (a fixture), then the replay is opened and driven with clicks, keys, the slider and the
// search box: the balance before and after the withdrawal, a filter by event type and by text, a
// message's causal chain, playback, and a what-if fork with a changed command beside its parent.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { doStep, openDemo, startTour } from "./run-helpers";

const BANK = "demo-bank-account";
const BANK_TOUR = ["open", "deposit", "withdraw", "snapshot", "overdraw", "replay"];

/** A tRPC mutation over plain HTTP (superjson wire format). */
async function mutate<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${procedure}`, { data: { json: input } });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
  if (!body.result) throw new Error(`${procedure} failed: ${body.error?.json.message ?? response.status()}`);
  return body.result.data.json;
}

/** A fast run of the bank demo with its whole tour performed: open Ada's account, deposit 200, withdraw 50, overdraw (refused). */
async function bankTourRun(request: APIRequestContext): Promise<string> {
  const { run } = await mutate<{ run: { id: string } }>(request, "runs.start", { flowId: BANK, mode: "fast", seed: 42 });
  for (const stepId of BANK_TOUR) await mutate(request, "tours.performStep", { runId: run.id, stepId });
  return run.id;
}

async function openReplay(page: Page, runId: string): Promise<void> {
  await page.goto(`/flows/${BANK}/runs/${runId}`);
  await expect(page.getByTestId("timeline-position")).toHaveText("Event 3");
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
}

const balance = (page: Page) => page.getByTestId("aggregate-account-acc-1").locator('[data-field="balance"] dd');
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/${name}.png` });

test("stepping back before the withdrawal shows balance 200, forward 150, with the change and the canvas following", async ({ page, request }) => {
  await openReplay(page, await bankTourRun(request));
  await expect(page.getByTestId("timeline-event-type")).toHaveText("bank.account.withdrawn.v1");
  await expect(balance(page)).toHaveText("150");
  await expect(page.getByTestId("row-account_balances-acc-1")).toContainText("150");

  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("timeline-position")).toHaveText("Event 2");
  await expect(balance(page)).toHaveText("200");
  await expect(page.getByTestId("row-account_balances-acc-1")).toContainText("200");
  await expect(page.getByTestId("aggregate-account-acc-1")).toHaveClass(/is-changed/);
  await expect(page.getByTestId("event-log").locator(".log-row.is-current")).toContainText("#2");
  await expect(page.getByTestId("replay-canvas")).toHaveAttribute("data-current-nodes", /account/);
  await shot(page, "replay-before-withdrawal");

  await page.getByRole("button", { name: "Step forward" }).click();
  await expect(page.getByTestId("timeline-position")).toHaveText("Event 3");
  await expect(balance(page)).toHaveText("150");

  await page.getByRole("tab", { name: "Change" }).click();
  const change = page.getByTestId("change-panel");
  await expect(change).toContainText("bank.account.withdrawn.v1");
  await expect(change.getByTestId("change-balance").first()).toContainText(/200\s*150/);
  await expect(page.getByTestId("hops")).toContainText("append");
  await shot(page, "replay-change");

  // Part-way through the moment, right after the append: the event waits in the outbox until the relay publishes it.
  await page.getByRole("tab", { name: "State" }).click();
  await page.getByTestId("hops").getByRole("button", { name: /^append/ }).click();
  await expect(page.getByTestId("partway-banner")).toContainText("right after append");
  await expect(balance(page)).toHaveText("150");
  await expect(page.getByTestId("queue-outbox")).toContainText("bank.account.withdrawn.v1");
  await shot(page, "replay-partway");
  await page.getByRole("button", { name: "Whole moment" }).click();
  await expect(page.getByTestId("partway-banner")).toHaveCount(0);
  await expect(page.getByTestId("queue-outbox")).toContainText("empty");
});

test("dragging the slider scrubs the whole log, and play runs it back to the end", async ({ page, request }) => {
  await openReplay(page, await bankTourRun(request));
  const slider = page.getByTestId("timeline-slider");
  const box = (await slider.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 8, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, y, { steps: 8 });
  await page.mouse.move(box.x + 2, y, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId("timeline-position")).toHaveText("Start");
  await expect(page.getByTestId("panel-aggregates")).toContainText("No aggregate has an event yet.");

  await page.getByLabel("Speed").selectOption("16");
  await page.getByRole("button", { name: "Play" }).click();
  await expect(page.getByTestId("timeline-position")).toHaveText("Event 3");
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
  await expect(balance(page)).toHaveText("150");

  await page.keyboard.press("Home");
  await expect(page.getByTestId("timeline-position")).toHaveText("Start");
  await page.keyboard.press("End");
  await expect(page.getByTestId("timeline-position")).toHaveText("Event 3");
});

test("the log filters by event type and by text, and a chosen message shows its causal chain", async ({ page, request }) => {
  await openReplay(page, await bankTourRun(request));
  const log = page.getByTestId("event-log");
  await expect(log.locator(".log-row")).toHaveCount(3);

  await page.getByLabel("Event type").selectOption("bank.account.withdrawn.v1");
  await expect(page.getByTestId("log-summary")).toHaveText("1 matching event");
  await expect(log.locator(".log-row")).toHaveCount(1);
  await expect(log.locator(".log-row")).toContainText("#3");
  await expect(page.locator(".scrubber-marks .mark")).toHaveCount(1);
  await shot(page, "replay-filter-type");

  await page.getByRole("button", { name: "Clear filters" }).click();
  await page.getByLabel("Search events").pressSequentially("ada");
  await expect(page.getByTestId("log-summary")).toHaveText("1 matching event");
  await expect(log.locator(".log-row")).toContainText("bank.account.opened.v1");

  await log.locator(".log-row").first().click();
  await expect(page.getByTestId("timeline-position")).toHaveText("Event 1");
  await page.getByRole("tab", { name: "Causal chain" }).click();
  const chain = page.getByTestId("causal-chain");
  await expect(chain.getByTestId("chain-message")).toContainText("bank.account.opened.v1");
  await expect(chain.getByTestId("chain-ancestors")).toContainText("command-accepted");
  await shot(page, "replay-causal-chain");
});

test("a what-if fork before the withdrawal, withdrawing 120 instead of 50, ends at 80 beside the original's 150", async ({ page, request }) => {
  const runId = await bankTourRun(request);
  await openReplay(page, runId);
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("timeline-position")).toHaveText("Event 2");

  await page.getByRole("button", { name: "What if…?" }).click();
  const dialog = page.getByRole("dialog", { name: "What if…?" });
  await expect(dialog.getByLabel("Change a later command")).toBeChecked();
  await expect(dialog.getByLabel("Command of the run")).toHaveValue("3");
  const data = dialog.getByLabel("Command data");
  await expect(data).toHaveValue('{"amount":50}');
  await data.fill('{"amount": 120}');
  await shot(page, "replay-fork-dialog");
  await dialog.getByRole("button", { name: "Fork and run" }).click();

  await expect(page).toHaveURL(new RegExp(`/runs/(?!${runId})[^?]+\\?compare=${runId}`));
  const compared = page.getByTestId("compare-panel");
  const row = compared.getByTestId("compare-aggregate:account-acc-1");
  await expect(row.getByTestId("compare-left").locator('[data-field="balance"] dd')).toHaveText("150");
  await expect(row.getByTestId("compare-right").locator('[data-field="balance"] dd')).toHaveText("80");
  await expect(page.locator(".fork-of")).toContainText(`run ${runId.slice(0, 8)} at #2`);
  await expect(balance(page)).toHaveText("80");
  await shot(page, "replay-fork-compare");
});

test("an order saga replayed: its instance and queues move with the timeline, and a fork with stock failing compensates", async ({ page, request }) => {
  const { run } = await mutate<{ run: { id: string } }>(request, "runs.start", { flowId: "demo-order-saga-orchestrated", mode: "fast", seed: 7 });
  await mutate(request, "commands.dispatch", { runId: run.id, aggregate: "Order", aggregateId: "o-1", command: "PlaceOrder", data: { sku: "LAMP", quantity: 1, amount: 40 } });
  await page.goto(`/flows/demo-order-saga-orchestrated/runs/${run.id}`);
  const saga = page.getByTestId("saga-OrderFulfilment-o-1");
  await expect(saga.locator(".status")).toHaveText("completed");

  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("timeline-position")).toHaveText("Event 1");
  await page.keyboard.press("ArrowRight");
  await expect(saga.locator(".status")).toHaveText("running");
  await expect(page.getByTestId("hops")).toContainText("OrderFulfilment");
  await shot(page, "replay-saga-running");

  await page.keyboard.press("ArrowLeft");
  await page.getByRole("button", { name: "What if…?" }).click();
  const dialog = page.getByRole("dialog", { name: "What if…?" });
  await dialog.getByLabel("Inject a fault here").check();
  await dialog.getByLabel("Kind of fault").selectOption("service-fail-next");
  await dialog.getByLabel("Operation").selectOption("Inventory.ReserveStock");
  await dialog.getByRole("button", { name: "Fork and run" }).click();
  const row = page.getByTestId("compare-panel").getByTestId("compare-saga:OrderFulfilment:o-1");
  await expect(row.getByTestId("compare-left").locator('[data-field="status"] dd')).toHaveText("completed");
  await expect(row.getByTestId("compare-right").locator('[data-field="status"] dd')).toHaveText("compensated");
  await shot(page, "replay-saga-fork-compare");
});

test("the studio's run bar opens the run's replay, and the replay's back link returns to the studio with that run open", async ({ page }) => {
  await openDemo(page, "bank-account");
  const panel = await startTour(page);
  await doStep(panel);
  await doStep(panel);
  const status = page.getByTestId("run-status");
  const runId = (await status.getAttribute("data-run-id"))!;
  await shot(page, "studio-run-bar-replay-link");

  await page.getByTestId("run-replay-link").click();
  await expect(page).toHaveURL(new RegExp(`/flows/${BANK}/runs/${runId}$`));
  await expect(page.getByTestId("run-id")).toHaveText(`run ${runId.slice(0, 8)}`);
  await expect(page.getByTestId("timeline-position")).toHaveText("Event 2");
  await expect(balance(page)).toHaveText("200");

  await page.getByTestId("replay-back").click();
  await expect(page).toHaveURL(new RegExp(`/flows/${BANK}\\?run=${runId}$`));
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-run-id", runId);
  await expect(page.getByTestId("run-status")).toContainText("2 commands");
});
