// Must show 3: select a node and edit it in a form (names, fields, guards, data mappings, retry
// policy, compensation); snippets in a highlighting code editor; validation problems on the node
// and in a problems list, where a click selects the node.
import { expect, test, type Page } from "@playwright/test";
import { importFlow, node, shot } from "./studio-helpers";

/** The innermost form section titled exactly `legend`. */
const section = (page: Page, legend: string) =>
  page.getByTestId("inspector").locator("fieldset").filter({ has: page.locator("legend").getByText(legend, { exact: true }) }).last();

test("the inspector edits names, payloads, guards, mappings, snippets, retries and compensations", async ({ page }, info) => {
  await importFlow(page, info);
  const inspector = page.getByTestId("inspector");

  await node(page, "command", "PlaceOrder").click();
  await expect(inspector.getByRole("heading")).toHaveText("Command: PlaceOrder");
  const name = inspector.getByLabel("Name", { exact: true }).first();
  await name.fill("SubmitOrder");
  await name.press("Enter");
  await expect(node(page, "command", "SubmitOrder")).toBeVisible();

  await section(page, "Payload fields").getByRole("button", { name: "Add field" }).click();
  await expect(node(page, "command", "SubmitOrder")).toContainText("(orderId, total, field1)");

  await section(page, "Guards").getByRole("button", { name: "Add guard" }).click();
  await section(page, "Guards").getByLabel("Rejection message").last().fill("Closed orders take no changes.");
  await expect(node(page, "command", "SubmitOrder")).toContainText("2 guards");

  const mapping = section(page, "Data mapping (unmapped fields copy the command's)");
  await mapping.getByRole("button", { name: "Add field" }).click();
  await mapping.getByLabel("Expression (CEL)").fill("command.total * 2");
  await expect(mapping.getByLabel("Expression (CEL)")).toHaveValue("command.total * 2");

  await inspector.getByLabel("Custom decision in JavaScript").check();
  const code = inspector.locator(".cm-content");
  await code.click();
  await page.keyboard.press("Control+a");
  await page.keyboard.type("const limit = 100;\nif (command.total > limit) return { reject: 'too much' };\nreturn [];");
  await expect(inspector.locator(".cm-line span", { hasText: "const" })).toBeVisible();
  await expect(inspector.locator(".cm-line span", { hasText: "'too much'" })).toBeVisible();
  await expect(node(page, "command", "SubmitOrder")).toContainText("custom decision (snippet)");
  await shot(page, "studio-inspector-command");

  await node(page, "consumer", "mailer").click();
  await inspector.getByLabel("Max retries").fill("5");
  await expect(node(page, "consumer", "mailer")).toContainText("5 retries");
  await inspector.getByLabel("Dead-letter queue").uncheck();
  await expect(node(page, "dlq")).toHaveCount(0);
  await inspector.getByLabel("Dead-letter queue").check();
  await expect(node(page, "dlq")).toHaveCount(1);

  await node(page, "sagaStep", "charge").click();
  const compensate = inspector.getByLabel("Compensate this step if a later one fails");
  await expect(compensate).toBeChecked();
  await compensate.uncheck();
  await expect(page.locator(".flow-edge-compensation")).toHaveCount(0);
  await compensate.check();
  const compensation = section(page, "Compensation");
  await compensation.getByLabel("Target").selectOption("Order");
  await compensation.getByLabel("Command").selectOption("CancelOrder");
  await expect(node(page, "sagaStep", "charge")).toContainText("undo: Order.CancelOrder");
  await expect(page.locator(".flow-edge-compensation")).toHaveCount(1);
  await shot(page, "studio-inspector-saga-step");
});

test("validation problems show on the node and in the list, and a click on one selects its node", async ({ page }, info) => {
  await importFlow(page, info);
  const problems = page.getByTestId("problems");
  await expect(problems).toContainText("No problems");

  await node(page, "aggregate", "Order").click();
  const name = page.getByTestId("inspector").getByLabel("Name", { exact: true }).first();
  await name.fill("bad name");
  await name.press("Enter");

  const broken = node(page, "aggregate", "bad name");
  await expect(broken.getByTestId("node-problems")).toBeVisible();
  const problem = problems.getByRole("button").filter({ hasText: "aggregates[0].name" });
  await expect(problem).toContainText("must be PascalCase");
  await expect(problem).toBeVisible();
  await shot(page, "studio-problems");

  await node(page, "projection", "order_view").click();
  await expect(broken).not.toHaveClass(/selected/);
  await problem.click();
  await expect(broken).toHaveClass(/selected/);
  await expect(page.getByTestId("inspector").getByRole("heading")).toHaveText("Aggregate: bad name");
});
