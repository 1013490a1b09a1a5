// Must show 4: edits are saved to the database on their own, with a visible saving / saved state,
// and a reload shows the same flow.
import { expect, test } from "@playwright/test";
import { connect, createFlow, dropFromPalette, expectSaved, flowPosition, node } from "./studio-helpers";

test("edits autosave with a visible state and survive a reload", async ({ page }) => {
  await createFlow(page, "Autosaved");
  const status = page.getByTestId("save-status");
  await expectSaved(page);

  let saves = 0;
  page.on("request", (r) => { if (r.url().includes("flows.update")) saves++; });
  await dropFromPalette(page, "aggregate", { x: 0.5, y: 0.3 });
  await expect(status).toHaveText(/Unsaved changes…|Saving…/);
  await expectSaved(page);
  await dropFromPalette(page, "event", { x: 0.85, y: 0.3 });
  await connect(page, node(page, "aggregate"), node(page, "event"));
  await dropFromPalette(page, "consumer", { x: 0.35, y: 0.72 });
  await connect(page, node(page, "event"), node(page, "consumer"));
  await expect(node(page, "topic")).toHaveCount(1);
  await node(page, "consumer").click();
  await page.getByTestId("inspector").getByLabel("Max retries").fill("7");
  await expectSaved(page);
  expect(saves).toBeGreaterThan(0);

  const before = {
    aggregate: await flowPosition(node(page, "aggregate")),
    event: await flowPosition(node(page, "event")),
    consumer: await flowPosition(node(page, "consumer")),
  };
  await page.reload();
  await expect(page.getByTestId("flow-name")).toHaveText("Autosaved");
  await expect(node(page, "aggregate", "Aggregate")).toBeVisible();
  await expect(node(page, "topic")).toHaveCount(1);
  await expect(node(page, "dlq")).toHaveCount(1);
  await expect(node(page, "consumer")).toContainText("7 retries");
  expect({
    aggregate: await flowPosition(node(page, "aggregate")),
    event: await flowPosition(node(page, "event")),
    consumer: await flowPosition(node(page, "consumer")),
  }).toEqual(before);
  await expectSaved(page);
});
