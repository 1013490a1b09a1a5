// Must show 1: /flows/[id] draws a flow with one node kind per element from the registry; commands
// are solid edges, events dashed; a legend explains the notation.
import { expect, test } from "@playwright/test";
import { importFlow, node, shot } from "./studio-helpers";

const KINDS = ["aggregate", "command", "event", "projection", "service", "saga", "sagaStep", "consumer", "outbox", "topic", "dlq"];

test("a flow with every element kind is drawn with one node kind each, solid commands, dashed events and a legend", async ({ page }, info) => {
  await importFlow(page, info);

  for (const kind of KINDS) await expect(node(page, kind).first(), kind).toBeVisible();
  await expect(node(page, "aggregate", "Order")).toContainText("Aggregate");
  await expect(node(page, "command", "PlaceOrder")).toContainText("1 guard");
  await expect(node(page, "event", "orders.order.placed.v2")).toContainText("upcast from orders.order.placed.v1");
  await expect(node(page, "dlq")).toContainText("mailer");
  await expect(node(page, "topic")).toContainText("orders.order.placed.v2");

  const command = page.locator(".react-flow__edge-path.flow-edge-command").first();
  const event = page.locator(".react-flow__edge-path.flow-edge-event").first();
  await expect(command).toHaveCSS("stroke-dasharray", "none");
  await expect(event).toHaveCSS("stroke-dasharray", "6px, 4px");
  await expect(page.locator(".react-flow__edge-path.flow-edge-compensation")).toHaveCount(1);

  const legend = page.getByTestId("legend");
  await expect(legend).toBeVisible();
  await expect(legend.getByTestId("legend-edge-command")).toContainText("Command");
  await expect(legend.getByTestId("legend-edge-event")).toContainText("Event");
  for (const label of ["Aggregate", "Command", "Event", "Projection", "Service", "Saga", "Saga step", "Consumer", "Outbox", "Topic", "Dead-letter queue"]) {
    await expect(legend.getByText(label, { exact: true })).toBeVisible();
  }
  await shot(page, "studio-graph");
});
