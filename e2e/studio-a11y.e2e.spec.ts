// Must show 8: visible keyboard focus, labelled controls, and no serious or critical axe-core
// violations on the gallery and the studio.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { importFlow, node } from "./studio-helpers";

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

async function outlineOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return `${style.outlineStyle} ${style.outlineWidth}`;
  });
}

test("the gallery has no serious accessibility violations and shows where the keyboard focus is", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("flow-card").first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel("New flow name").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Create flow" })).toBeFocused();
  expect(await outlineOf(page)).toBe("solid 3px");
});

test("the studio has no serious accessibility violations, labelled controls and a visible focus on nodes", async ({ page }, info) => {
  await importFlow(page, info);
  expect(await seriousViolations(page)).toEqual([]);

  await node(page, "consumer", "mailer").click();
  await expect(page.getByTestId("inspector").getByLabel("Max retries")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // Keyboard: the palette adds an element, nodes take the focus and Enter selects one.
  await page.getByTestId("palette-event").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("palette-projection")).toBeFocused();
  expect(await outlineOf(page)).toBe("solid 3px");
  await page.keyboard.press("Enter");
  await expect(node(page, "projection")).toHaveCount(2);
  await page.locator(".react-flow__node").first().focus();
  expect(await outlineOf(page)).toBe("solid 3px");
  await page.keyboard.press("Enter");
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(1);

  await page.keyboard.press("?");
  await expect(page.getByTestId("help-dialog")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
