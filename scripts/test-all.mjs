// `npm test`: type check, lint, unit + integration tests (vitest), then the
// Playwright suite in Debian's Chromium, then — when EVENTLOOM_SOAK=1 (CI) or when named
// (`npm run test:soak`) — the soak suite (crash, concurrency, fuzz at 10,000 cases, sandbox
// memory). Prints each step's wall time, then one closing line summed over every runner —
// "N passed, N failed" — and exits non-zero on any failure.
import { Buffer } from "node:buffer";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const root = path.resolve(import.meta.dirname, "..");
const out = mkdtempSync(path.join(os.tmpdir(), "eventloom-test-"));
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
let passed = 0;
let failed = 0;

function run(cmd, args, env = {}) {
  console.log(`\n▶ ${cmd} ${args.join(" ")}`);
  return spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;
}

/** Runs a command with its output held back and printed whole when it ends (so two can run at once); resolves to its status. */
function runHeld(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const chunks = [];
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.stderr.on("data", (chunk) => chunks.push(chunk));
    child.on("close", (status) => {
      console.log(`\n▶ ${cmd} ${args.join(" ")}`);
      process.stdout.write(Buffer.concat(chunks));
      resolve(status ?? 1);
    });
  });
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
  async typecheck() {
    count((await runHeld("npx", ["--no-install", "tsc", "--noEmit"])) === 0);
  },
  async lint() {
    count((await runHeld("npx", ["--no-install", "eslint", "."])) === 0);
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
/** Single-threaded, read-only steps that run at the same time (one core each); the next step waits for them. */
const together = new Set(["typecheck", "lint"]);

const started = performance.now();
const times = [];
const seconds = (since) => Math.round((performance.now() - since) / 1000);
async function timed(name, step) {
  const since = performance.now();
  await step();
  times.push(`${name} ${seconds(since)} s`);
  console.log(`\n■ ${times.at(-1)}`);
}
let running = [];
for (const [name, step] of Object.entries(steps)) {
  if (!(only.length === 0 ? optIn[name] !== false : only.includes(name))) continue;
  if (together.has(name)) {
    running.push(timed(name, step));
    continue;
  }
  await Promise.all(running);
  running = [];
  await timed(name, step);
}
await Promise.all(running);
console.log(`\nsteps: ${times.join(", ")}; ${seconds(started)} s in all`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
