// Vitest: unit (*.unit.test.ts) and integration (*.int.test.ts) tests beside the code.
// e2e/ belongs to Playwright and is kept out.
import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["{server,app,scripts,bench}/**/*.{unit,int}.test.{ts,tsx}"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
