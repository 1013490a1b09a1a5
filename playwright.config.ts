// Playwright: end-to-end tests in Debian's Chromium against the real studio
// (built app, fresh SQLite file in a temp folder, a free loopback port).
import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";

// The config is loaded again in every worker: choose the port and folder once.
if (!process.env.E2E_PORT) {
  process.env.E2E_PORT = execFileSync(process.execPath, ["-e",
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"]).toString().trim();
  process.env.E2E_DATA = mkdtempSync(path.join(os.tmpdir(), "eventloom-e2e-"));
}
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "node scripts/ensure-build.mjs && npx --no-install tsx scripts/start.ts",
    url: `${baseURL}/`,
    timeout: 240_000,
    reuseExistingServer: false,
    env: { PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `file:${path.join(process.env.E2E_DATA!, "e2e.db")}` },
  },
});
