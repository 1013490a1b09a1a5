// Must show 6 and 7: a new flow as a copy of a demo, rename, delete with confirmation, import a
// file, export JSON, export the canvas as PNG and SVG; the gallery shows demos and the user's flows
// as cards with a thumbnail.
import { expect, test } from "@playwright/test";
import { readFileSync, writeFileSync } from "node:fs";
import { expectSaved, node, shot } from "./studio-helpers";

test("a demo is copied, renamed, exported (JSON, PNG, SVG), imported back and deleted after confirming", async ({ page }, info) => {
  await page.goto("/");
  const demoCard = page.getByTestId("flow-card").filter({ hasText: "Bank account" });
  await expect(demoCard.getByTestId("thumbnail").locator("rect").first()).toBeVisible();
  await demoCard.getByRole("button", { name: "Make a copy of Bank account" }).click();
  await expect(page.getByTestId("flow-name")).toHaveText("Copy of Bank account");
  await expect(node(page, "aggregate").first()).toBeVisible();

  await page.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("Flow name").fill("My bank");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByTestId("flow-name")).toHaveText("My bank");
  await expectSaved(page);

  await page.getByText("Export", { exact: true }).click();
  const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Flow as JSON" }).click()]);
  expect(json.suggestedFilename()).toBe("my-bank.eventloom.json");
  const jsonPath = info.outputPath("my-bank.eventloom.json");
  await json.saveAs(jsonPath);
  const exported = JSON.parse(readFileSync(jsonPath, "utf8")) as { name: string; schemaVersion: number; aggregates: unknown[] };
  expect(exported).toMatchObject({ name: "My bank", schemaVersion: 1 });
  expect(exported.aggregates.length).toBeGreaterThan(0);

  const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Picture as PNG" }).click()]);
  expect(png.suggestedFilename()).toBe("my-bank.png");
  await png.saveAs("e2e/screenshots/studio-export.png");
  const pngBytes = readFileSync((await png.path())!);
  expect(pngBytes.subarray(1, 4).toString()).toBe("PNG");
  expect(pngBytes.length).toBeGreaterThan(5_000);
  const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Picture as SVG" }).click()]);
  expect(svg.suggestedFilename()).toBe("my-bank.svg");
  const svgText = readFileSync((await svg.path())!, "utf8");
  expect(svgText).toContain("<svg");
  expect(svgText).toContain("Aggregate");

  // The gallery: the renamed copy, with a preview, among the user's flows.
  await page.getByRole("link", { name: "Eventloom" }).click();
  const mine = page.getByTestId("flow-card").filter({ hasText: "My bank" });
  await expect(mine.getByRole("img", { name: "Preview of My bank" }).locator("rect").first()).toBeVisible();
  await shot(page, "gallery-with-flows");

  // Import the exported file: a second flow with the same content.
  await page.getByLabel("Import a file").setInputFiles(jsonPath);
  await expect(page.getByTestId("flow-name")).toHaveText("My bank");
  const importedUrl = page.url();

  // Delete asks first; Cancel keeps the flow, Delete removes it.
  await page.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByTestId("confirm-dialog");
  await expect(confirm).toContainText('"My bank" and its runs will be deleted for good');
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await page.getByRole("button", { name: "Delete" }).click();
  await confirm.getByRole("button", { name: "Delete flow" }).click();
  await expect(page.getByRole("heading", { name: "Your flows" })).toBeVisible();
  await expect(page.getByTestId("flow-card").filter({ hasText: "My bank" })).toHaveCount(1);
  await page.goto(importedUrl);
  await expect(page.getByRole("alert").filter({ hasText: "No flow with id" })).toBeVisible();
});

test("a file that is not a flow is refused with the reason", async ({ page }, info) => {
  const file = info.outputPath("broken.json");
  writeFileSync(file, JSON.stringify({ schemaVersion: 1, aggregates: "many" }));
  await page.goto("/");
  await page.getByLabel("Import a file").setInputFiles(file);
  await expect(page.getByRole("alert").filter({ hasText: "cannot be imported" })).toContainText("name");
});
