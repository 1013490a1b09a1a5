// The gallery and the studio page, as a person sees them.
import { expect, test } from "@playwright/test";

test.describe("gallery", () => {
  test("shows the empty state, creates a flow and opens its canvas", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Your flows" })).toBeVisible();
    await expect(page.getByTestId("empty-state")).toContainText("No flows yet");
    await expect(page.getByTestId("heartbeat")).toContainText("Server live");
    await page.screenshot({ path: "e2e/screenshots/gallery-empty.png", fullPage: true });

    await page.getByLabel("New flow name").fill("Checkout");
    await page.getByRole("button", { name: "Create flow" }).click();

    await expect(page).toHaveURL(/\/flows\/[\w-]+$/);
    await expect(page.getByTestId("flow-name")).toHaveText("Checkout");
    await expect(page.locator(".react-flow")).toBeVisible();
    await page.screenshot({ path: "e2e/screenshots/studio-empty.png" });

    await page.getByRole("link", { name: "Eventloom" }).click();
    await expect(page.getByTestId("flow-card").filter({ hasText: "Checkout" })).toBeVisible();
    await expect(page.getByTestId("empty-state")).toHaveCount(0);
  });

  test("refuses a nameless flow with a clear message", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "Create flow" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Give the flow a name." })).toBeVisible();
  });

  test("an unknown flow id says so", async ({ page }) => {
    await page.goto("/flows/does-not-exist");
    await expect(page.getByRole("alert").filter({ hasText: 'No flow with id "does-not-exist"' })).toBeVisible();
  });
});
