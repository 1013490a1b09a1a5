// Must show 5: automatic layout for imported flows and on demand; minimap, zoom controls, fit view;
// a help dialog lists the keyboard shortcuts.
import { expect, test, type Locator } from "@playwright/test";
import { flowPosition, importFlow, node, shot } from "./studio-helpers";

async function overlaps(nodes: Locator): Promise<string[]> {
  const boxes = await nodes.evaluateAll((els) => els.map((el) => {
    const r = el.getBoundingClientRect();
    return { id: el.getAttribute("data-id")!, x: r.x, y: r.y, w: r.width, h: r.height };
  }));
  const found: string[] = [];
  for (const a of boxes) for (const b of boxes) {
    if (a.id < b.id && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) found.push(`${a.id}/${b.id}`);
  }
  return found;
}

const scale = async (viewport: Locator) => Number(/scale\(([\d.]+)\)/.exec(await viewport.evaluate((el) => (el as HTMLElement).style.transform))?.[1]);

test("an imported flow is laid out, can be laid out again, zoomed, fitted, and the shortcuts are listed", async ({ page }, info) => {
  await importFlow(page, info);
  const nodes = page.locator(".react-flow__node");
  expect(await overlaps(nodes)).toEqual([]);

  // Drag a node far away, then lay out on demand: it comes back into the layout.
  const order = node(page, "aggregate", "Order");
  const laidOut = await flowPosition(order);
  const box = (await order.boundingBox())!;
  await page.mouse.move(box.x + 60, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 60, box.y + 320, { steps: 8 });
  await page.mouse.up();
  expect(await flowPosition(order)).not.toEqual(laidOut);
  await page.getByRole("button", { name: "Auto layout" }).click();
  await expect.poll(() => flowPosition(order)).toEqual(laidOut);
  expect(await overlaps(nodes)).toEqual([]);

  const viewport = page.locator(".react-flow__viewport");
  const fitted = await scale(viewport);
  const minimap = page.getByRole("img", { name: "Minimap of the flow" });
  await expect(minimap.locator(".minimap-box")).toHaveCount(await nodes.count());
  const before = await viewport.evaluate((el) => (el as HTMLElement).style.transform);
  await minimap.click({ position: { x: 10, y: 10 } });
  await expect.poll(() => viewport.evaluate((el) => (el as HTMLElement).style.transform)).not.toBe(before);
  await page.getByRole("button", { name: "Fit View" }).click();
  await expect.poll(() => scale(viewport)).toBeCloseTo(fitted, 2);
  await page.getByRole("button", { name: "Zoom In" }).click();
  await expect.poll(() => scale(viewport)).toBeGreaterThan(fitted);
  await page.getByRole("button", { name: "Fit View" }).click();
  await expect.poll(() => scale(viewport)).toBeCloseTo(fitted, 2);

  await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("?");
  const help = page.getByTestId("help-dialog");
  await expect(help).toBeVisible();
  await expect(help.getByRole("row", { name: /Ctrl\+Z\s+Undo/ })).toBeVisible();
  await expect(help.getByRole("row", { name: /Ctrl\+Shift\+Z or Ctrl\+Y\s+Redo/ })).toBeVisible();
  await expect(help.getByRole("row", { name: /Delete or Backspace/ })).toBeVisible();
  await shot(page, "studio-help");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  await page.getByRole("button", { name: "Help" }).click();
  await expect(help).toBeVisible();
  await help.getByRole("button", { name: "Close" }).click();
  await expect(help).toBeHidden();
});
