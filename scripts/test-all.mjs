// `npm test`: type check, lint, unit + integration tests (vitest), then the
// Playwright suite in Debian's Chromium, then — when EVENTLOOM_SOAK=1 (CI) or when named
// (`npm run test:soak`) — the soak suite (crash, concurrency, fuzz at 10,000 cases, sandbox
// memory). Prints one closing line summed over every runner — "N passed, N failed" — and
// exits non-zero on any failure.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const out = mkdtempSync(path.join(os.tmpdir(), "eventloom-test-"));
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
let passed = 0;
let failed = 0;

function run(cmd, args, env = {}) {
  console.log(`\n▶ ${cmd} ${args.join(" ")}`);
  return spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;
}

function count(ok) {
  if (ok) passed++;
  else failed++;
}

/** A vitest run, its tests added to the totals (a failing run without failed tests counts as one failure). */
function vitest(report, args) {
  const file = path.join(out, report);
  const status = run("npx", ["--no-install", "vitest", "run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]);
  const r = readJson(file);
  if (!r) { failed++; return; }
  passed += r.numPassedTests;
  failed += r.numFailedTests + (status !== 0 && r.numFailedTests === 0 ? 1 : 0);
}

function readJson(file) {
  try { return JSON.parse(readFileSync(file, "utf8")); } catch { return undefined; }
}

const steps = {
  typecheck() {
    count(run("npx", ["--no-install", "tsc", "--noEmit"]) === 0);
  },
  lint() {
    count(run("npx", ["--no-install", "eslint", "."]) === 0);
  },
  unit() {
    vitest("vitest.json", []);
  },
  e2e() {
    const file = path.join(out, "playwright.json");
    const status = run("npx", ["--no-install", "playwright", "test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
    const r = readJson(file);
    if (!r) { failed++; return; }
    passed += r.stats.expected + r.stats.flaky;
    failed += r.stats.unexpected + (status !== 0 && r.stats.unexpected === 0 ? 1 : 0);
  },
  soak() {
    vitest("soak.json", ["--config", "test/soak/vitest.config.ts"]);
  },
};

/** Steps that run only when named or asked for by the environment. */
const optIn = { soak: process.env.EVENTLOOM_SOAK === "1" };

for (const [name, step] of Object.entries(steps)) {
  if (only.length === 0 ? optIn[name] !== false : only.includes(name)) step();
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
