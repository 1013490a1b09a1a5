// The run bar and the command console, as a person uses them: dispatch from a generated form,
// watch one hop at a time, play, read a rejection, change speed and seed, reset to a new recorded
// run, and run a script at once in fast mode.
import { expect, test } from "@playwright/test";
import { animationCaughtUp, canvasNode, openDemo, openTab, shot } from "./run-helpers";

test.describe.configure({ timeout: 120_000 });

test("dispatch, step, play, a rejection that flashes the aggregate, speed, seed and reset", async ({ page }) => {
  // A fresh copy of the demo: no run of it is open yet (a demo's open run, left by an earlier visit, reattaches).
  await openDemo(page, "bank-account");
  await page.getByRole("button", { name: "Make a copy" }).click();
  await expect(page.getByTestId("flow-name")).toHaveText("Copy of Bank account");
  await expect(page.getByTestId("run-bar")).toBeVisible();
  const status = page.getByTestId("run-status");
  await expect(status).toHaveAttribute("data-state", "none");

  // A command from the generated form starts a paused live run.
  await page.getByRole("combobox", { name: "Command", exact: true }).selectOption({ label: "Account · OpenAccount" });
  await page.getByLabel("Aggregate id").fill("acc-9");
  await page.getByRole("textbox", { name: "owner" }).fill("Ada");
  await page.getByRole("button", { name: "Dispatch" }).click();
  await expect(page.getByTestId("dispatch-outcome")).toHaveText(/Accepted: bank\.account\.opened\.v1 \(v1\)/);
  await expect(status).toHaveAttribute("data-state", "paused");
  await animationCaughtUp(page);
  const feed = page.getByTestId("run-feed");
  const before = Number(await feed.getAttribute("data-received"));

  // Step: one unit of work at a time, and the trace grows.
  await page.getByRole("button", { name: "Step one hop" }).click();
  await expect.poll(async () => Number(await feed.getAttribute("data-received"))).toBeGreaterThan(before);
  await animationCaughtUp(page);

  // Play: the rest happens in time, the read model gets its row.
  await page.getByRole("button", { name: "Play" }).click();
  await expect(status).toHaveAttribute("data-state", "playing");
  await expect(canvasNode(page, "balances").getByTestId("run-projection-rows")).toContainText("acc-9");

  // A rejection reads as a clear message and flashes the aggregate.
  await page.getByRole("combobox", { name: "Command", exact: true }).selectOption({ label: "Account · Withdraw" });
  await page.getByLabel("Aggregate id").fill("acc-9");
  await page.getByRole("textbox", { name: "amount" }).fill("500");
  await page.getByRole("button", { name: "Dispatch" }).click();
  await expect(page.getByTestId("dispatch-outcome")).toHaveText("✖ Rejected: Insufficient funds");
  await expect(canvasNode(page, "account").getByTestId("run-rejection")).toContainText("Insufficient funds");
  await shot(page, "run-console-rejected");

  // A stale expected version is a concurrency conflict: a clear message, and the aggregate flashes.
  await page.getByRole("textbox", { name: "amount" }).fill("5");
  await page.getByLabel("Expected version").fill("0");
  await page.getByRole("button", { name: "Dispatch" }).click();
  await expect(page.getByTestId("dispatch-outcome")).toHaveAttribute("data-status", "conflict");
  await expect(page.getByTestId("dispatch-outcome")).toContainText("✖ Conflict:");
  await expect(canvasNode(page, "account").getByTestId("run-conflict")).toBeVisible();
  await page.getByLabel("Expected version").fill("");

  // A field that does not parse is refused before anything is sent.
  await page.getByRole("textbox", { name: "amount" }).fill("lots");
  await page.getByRole("button", { name: "Dispatch" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "amount must be a number." })).toBeVisible();

  // Speed, pause, seed and reset: a new run, recorded with its seed.
  await page.getByLabel("Speed").selectOption("16");
  await expect(page.getByLabel("Speed")).toHaveValue("16");
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(status).toHaveAttribute("data-state", "paused");
  const firstRun = await status.getAttribute("data-run-id");
  await page.getByLabel("Seed").fill("42");
  await page.getByRole("button", { name: "↺ Reset" }).click();
  await expect(status).not.toHaveAttribute("data-run-id", firstRun!);
  await expect(status).toContainText("seed 42");
  await openTab(page, "Recording");
  await expect(page.getByTestId("run-recording")).toContainText("seed 42");
  await expect(page.getByTestId("run-recording")).toContainText("0 command(s)");
});

test("fast mode runs a whole script at once, and the recording lists its commands", async ({ page }) => {
  await openDemo(page, "bank-account");
  await page.getByLabel("Mode").selectOption("fast");
  await page.getByRole("button", { name: "Start fast run" }).click();
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-state", "fast");
  await page.getByText("Script (JSON)").click();
  await page.getByRole("textbox", { name: "Script", exact: true }).fill(JSON.stringify([
    { aggregate: "Account", aggregateId: "f-1", command: "OpenAccount", data: { owner: "Grace" } },
    { aggregate: "Account", aggregateId: "f-1", command: "Deposit", data: { amount: 70 } },
    { aggregate: "Account", aggregateId: "f-1", command: "Withdraw", data: { amount: 100 } },
  ]));
  await page.getByRole("button", { name: "Run script" }).click();
  await expect(page.getByTestId("script-outcome")).toContainText("3 command(s): 2 accepted, 1 rejected");
  await animationCaughtUp(page);
  await expect(canvasNode(page, "balances").getByTestId("run-projection-rows")).toContainText("balance=70");
  await openTab(page, "Recording");
  await expect(page.getByTestId("command-history").locator("tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("command-history")).toContainText("rejected: Insufficient funds");
});
