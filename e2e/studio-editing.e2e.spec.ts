// Must show 2: drag new elements from the palette, connect them with handles (a connection that
// makes no sense is refused with a reason), Delete removes, multi-select, undo/redo, copy/paste.
import { expect, test } from "@playwright/test";
import { connect, createFlow, dropFromPalette, node, shot } from "./studio-helpers";

test("elements are dropped, connected, refused, deleted, multi-selected, undone, redone, copied and pasted", async ({ page }) => {
  await createFlow(page, "Editing by hand");

  await dropFromPalette(page, "aggregate", { x: 0.45, y: 0.35 });
  await expect(node(page, "aggregate", "Aggregate")).toBeVisible();
  await dropFromPalette(page, "command", { x: 0.15, y: 0.37 });
  await dropFromPalette(page, "event", { x: 0.75, y: 0.37 });
  await dropFromPalette(page, "projection", { x: 0.45, y: 0.75 });
  const aggregate = node(page, "aggregate", "Aggregate");
  const command = node(page, "command", "NewCommand");
  const event = node(page, "event", "aggregate.aggregate.happened.v1");
  const projection = node(page, "projection", "view");
  for (const n of [command, event, projection]) await expect(n).toBeVisible();
  await expect(aggregate).toContainText("1 command · 1 event");

  // A connection that means something: the command now emits the event.
  await connect(page, command, event);
  await expect(command.locator(".chip")).toHaveText("→ happened");
  // One that does not: refused, with the reason.
  await connect(page, projection, aggregate);
  await expect(page.getByTestId("notice")).toContainText("A projection cannot connect to an aggregate. A projection is a read model");
  // The event feeds the projection.
  await connect(page, event, projection);
  await expect(projection).toContainText("1 event type");
  await shot(page, "studio-editing");

  // Delete removes the selected node.
  await event.click();
  await page.keyboard.press("Delete");
  await expect(event).toHaveCount(0);
  await expect(command.locator(".chip")).toHaveCount(0);

  // Undo brings it back, redo takes it away again.
  await page.keyboard.press("Control+z");
  await expect(event).toBeVisible();
  await expect(command.locator(".chip")).toHaveText("→ happened");
  await page.keyboard.press("Control+Shift+z");
  await expect(event).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(event).toBeVisible();

  // Multi-select with Shift+click, then delete both at once.
  await projection.click();
  await event.click({ modifiers: ["Shift"] });
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(2);
  await expect(page.getByTestId("inspector")).toContainText("2 elements selected");
  await page.keyboard.press("Delete");
  await expect(projection).toHaveCount(0);
  await expect(event).toHaveCount(0);
  await page.keyboard.press("Control+z");
  await expect(projection).toBeVisible();

  // Copy and paste: the aggregate comes with its command and event, under free names.
  await aggregate.click();
  await page.keyboard.press("Control+c");
  await expect(page.getByTestId("notice")).toContainText("Copied 1 element");
  await page.keyboard.press("Control+v");
  await expect(node(page, "aggregate", "Aggregate2")).toBeVisible();
  await expect(node(page, "command")).toHaveCount(2);
  await expect(node(page, "event", "aggregate.aggregate.happened2.v1")).toHaveCount(1);
  await shot(page, "studio-editing-pasted");
});
