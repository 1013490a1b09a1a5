// Gestures the run end-to-end tests share, done as a person does them: open a teaching demo,
// walk its guided tour, open a run panel, find a node and what it shows while the flow runs.
import { expect, type Locator, type Page } from "@playwright/test";

export async function openDemo(page: Page, key: string): Promise<void> {
  await page.goto(`/flows/demo-${key}`);
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  await expect(page.getByTestId("run-bar")).toBeVisible();
}

/** A canvas node by its id (React Flow's data-id). */
export function canvasNode(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

export async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name }).click();
  await expect(page.getByRole("tab", { name })).toHaveAttribute("aria-selected", "true");
}

/** Starts the demo's guided tour on a fresh run. */
export async function startTour(page: Page): Promise<Locator> {
  await page.getByTestId("open-tour").click();
  const panel = page.getByTestId("tour-panel");
  await panel.getByRole("button", { name: "Start the tour" }).click();
  await expect(panel.getByTestId("tour-progress")).toHaveText(/^Step 1 of \d+$/);
  return panel;
}

/** Performs the current step, checks every expectation held, and goes on (unless it was the last). */
export async function doStep(panel: Locator): Promise<void> {
  await panel.getByTestId("tour-perform").click();
  await expect(panel.getByTestId("tour-results")).toHaveAttribute("data-ok", "true");
  const next = panel.getByRole("button", { name: "Next →" });
  if (await next.count()) await next.click();
}

/** Walks every step of the started tour; returns how many there were. */
export async function completeTour(panel: Locator): Promise<number> {
  const total = Number((await panel.getByTestId("tour-progress").textContent())!.match(/of (\d+)/)![1]);
  for (let i = 0; i < total; i++) {
    await expect(panel.getByTestId("tour-progress")).toHaveText(`Step ${i + 1} of ${total}`);
    await doStep(panel);
  }
  await expect(panel.getByTestId("tour-complete")).toBeVisible();
  expect(await overlappingBadges(panel.page())).toEqual([]);
  return total;
}

/** What a node card shows (its kind, name, lines, chips) and the run's badges, counts, rows and fault controls on it. */
const NODE_PARTS = ".node-kind, .node-title, .node-line, .chip, .node-problems, .run-badge, .run-row, .run-stat, .run-fault, .run-fault-open, .run-flash";

/** Node cards that overlap (grown by what they show while running), and labels or badges that overlap on the same card or stick out of it ("node: a × b"). */
export async function overlappingBadges(page: Page): Promise<string[]> {
  return page.locator(".react-flow__node").evaluateAll((nodes, selector) => {
    const found: string[] = [];
    const hit = (a: DOMRect, b: DOMRect) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const name = (el: Element) => `${el.className} "${(el.textContent ?? "").trim().slice(0, 30)}"`;
    nodes.forEach((a, i) => {
      for (const b of nodes.slice(i + 1)) if (hit(a.getBoundingClientRect(), b.getBoundingClientRect())) found.push(`cards ${a.getAttribute("data-id")} × ${b.getAttribute("data-id")}`);
    });
    for (const node of nodes) {
      const card = node.getBoundingClientRect();
      const parts = [...node.querySelectorAll(selector)].filter((el) => el.getClientRects().length > 0);
      parts.forEach((a, i) => {
        const box = a.getBoundingClientRect();
        if (box.right > card.right + 1 || box.bottom > card.bottom + 1) found.push(`${node.getAttribute("data-id")}: ${name(a)} outside the card`);
        for (const b of parts.slice(i + 1)) if (!a.contains(b) && !b.contains(a) && hit(box, b.getBoundingClientRect())) found.push(`${node.getAttribute("data-id")}: ${name(a)} × ${name(b)}`);
      });
    }
    return found;
  }, NODE_PARTS);
}

/** Waits until the animation has drawn every trace entry the stream delivered. */
export async function animationCaughtUp(page: Page): Promise<void> {
  const feed = page.getByTestId("run-feed");
  await expect(feed).not.toHaveAttribute("data-received", "0");
  await expect.poll(async () => {
    const [received, shown] = await Promise.all([feed.getAttribute("data-received"), feed.getAttribute("data-shown")]);
    return Number(received) > 0 && received === shown;
  }, { timeout: 20_000 }).toBe(true);
}

/** Paths tokens travelled, as the token layer tallies them ("edge:tone=count ..."). */
export async function travelled(page: Page): Promise<string> {
  return (await page.getByTestId("run-tokens").getAttribute("data-travelled")) ?? "";
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/${name}.png` });
}
