// Gestures the studio's end-to-end tests share, done as a person does them: through the gallery,
// the palette (drag and drop), node handles (mouse), the keyboard.
import { expect, type Locator, type Page, type TestInfo } from "@playwright/test";
import { writeFileSync } from "node:fs";
import { sampleFlow } from "../server/flow/graphSample";

/** From the gallery: a new, empty flow. */
export async function createFlow(page: Page, name: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel("New flow name").fill(name);
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByTestId("flow-name")).toHaveText(name);
  await expect(page.locator(".react-flow__pane")).toBeVisible();
}

/** From the gallery: imports a flow file (the shop sample, using every node kind, by default). */
export async function importFlow(page: Page, info: TestInfo, flow: object = { ...sampleFlow(), name: `Shop ${info.title.slice(0, 40)}` }): Promise<string> {
  const file = info.outputPath("import.eventloom.json");
  writeFileSync(file, JSON.stringify(flow, null, 2));
  await page.goto("/");
  await page.getByLabel("Import a file").setInputFiles(file);
  const name = (flow as { name: string }).name;
  await expect(page.getByTestId("flow-name")).toHaveText(name);
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  return name;
}

export function node(page: Page, kind: string, text?: string): Locator {
  const all = page.locator(`.react-flow__node-${kind}`);
  return text === undefined ? all : all.filter({ hasText: text });
}

/** Drags a palette entry onto the canvas, at a point given as fractions of the pane (the minimap sits bottom right). */
export async function dropFromPalette(page: Page, entry: string, at: { x: number; y: number }): Promise<void> {
  const pane = page.locator(".react-flow__pane");
  const box = (await pane.boundingBox())!;
  await page.getByTestId(`palette-${entry}`).dragTo(pane, { targetPosition: { x: box.width * at.x, y: box.height * at.y } });
}

/** Drags from a node's outgoing handle onto another node, with the mouse. */
export async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  const handle = await from.locator(".react-flow__handle.source").boundingBox();
  const target = await to.boundingBox();
  if (!handle || !target) throw new Error("node not on screen");
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** The node's position on the canvas (flow coordinates, from React Flow's transform). */
export async function flowPosition(n: Locator): Promise<{ x: number; y: number }> {
  const transform = await n.evaluate((el) => (el as HTMLElement).style.transform);
  const match = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(transform);
  if (!match) throw new Error(`no position in "${transform}"`);
  return { x: Number(match[1]), y: Number(match[2]) };
}

export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/${name}.png` });
}
