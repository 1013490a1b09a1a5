// Suite `studio-memory`: the studio server's peak RSS while it serves the replay
// view of a big run. A fresh database is set up as `npm start` does (migrations,
// demos); a finished run of the bank-account demo gets BENCH_STUDIO_EVENTS events
// (default 100,000; the 1,000,000 takes minutes here) appended straight to
// its log (events only: a run recorded by the engine would also hold trace hops);
// the built studio (scripts/start.ts, production build) serves it on a free port;
// a client loads the replay page and asks what the page asks (open, the state at
// the end, a window of events, then random jumps with their diffs), while the
// server's VmHWM is read from /proc. Needs `npm run build` first.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { seededRandom } from "../../server/core/random";
import { PrismaClient } from "../../server/db/generated/client";
import { setupDatabase } from "../../server/db/setup";
import { createRunRecord, findFlow } from "../../server/runs/records";
import { createRunStore, openDatabase, type EventToAppend } from "../../server/store";
import { freePort, waitUntilServing } from "../harness/localServer";
import { PROJECT_ROOT } from "../harness/machine";
import type { Suite, SuiteContext, ValueResult } from "../harness/types";

const RUN_EVENTS = Number(process.env.BENCH_STUDIO_EVENTS ?? 100_000);
const ACCOUNTS = 1000;
const FLOW_ID = "demo-bank-account";
const RUN_ID = "bench-replay";
const JUMPS = 10;
const READY_TIMEOUT_MS = 120_000;
const REQUEST_TIMEOUT_MS = 15 * 60_000;
const BUILD_ID = path.join(PROJECT_ROOT, ".next/BUILD_ID");
const BUILD_WAIT_MS = 5 * 60_000;
const BUILD_STABLE_MS = 5_000;
const START_ATTEMPTS = 3;

/** A finished run of the bank-account demo whose log holds RUN_EVENTS events over ACCOUNTS accounts. */
async function seedRun(file: string): Promise<void> {
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }) });
  try {
    await setupDatabase(file, prisma);
    await createRunRecord(prisma, { id: RUN_ID, flow: await findFlow(prisma, FLOW_ID), seed: 1, mode: "fast", status: "finished" });
  } finally {
    await prisma.$disconnect();
  }
  const db = openDatabase(file);
  try {
    const store = createRunStore(db, RUN_ID);
    const perAccount = RUN_EVENTS / ACCOUNTS;
    let n = 0;
    const event = (type: string, data: EventToAppend["data"]): EventToAppend => {
      const eventId = `evt-${n++}`;
      return { eventId, type, data, metadata: { messageId: eventId, correlationId: eventId, causationId: eventId } };
    };
    for (let a = 0; a < ACCOUNTS; a++) {
      const events = [event("bank.account.opened.v1", { accountId: `acc-${a}`, owner: `Owner ${a}` })];
      for (let i = 1; i < perAccount; i++) {
        events.push(i % 5 === 0 ? event("bank.account.withdrawn.v1", { amount: 5 }) : event("bank.account.deposited.v1", { amount: 10 + (i % 40) }));
      }
      store.events.appendToStream(`account-acc-${a}`, events, { expectedVersion: "no-stream", now: a });
    }
  } finally {
    db.close();
  }
}

/** The server's resident set now and at its peak (MB), from /proc/<pid>/status. */
function rssOf(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { now: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

/**
 * GET over node:http: a first replay of a big run can take minutes before the
 * answer starts, longer than fetch's built-in wait for response headers.
 */
function get(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: REQUEST_TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        if ((response.statusCode ?? 0) >= 400) reject(new Error(`GET ${url.split("?")[0]} answered ${response.statusCode}: ${text.slice(0, 300)}`));
        else resolve(text.startsWith("{") ? JSON.parse(text) : text);
      });
    });
    request.on("timeout", () => request.destroy(new Error(`GET ${url.split("?")[0]} took over ${REQUEST_TIMEOUT_MS / 60_000} min`)));
    request.on("error", reject);
  });
}

/** A tRPC query over HTTP GET, superjson-encoded as the studio's client sends it; resolves to the result's data. */
async function trpc<T>(base: string, procedure: string, input: unknown): Promise<T> {
  const body = (await get(`${base}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)) as { result: { data: { json: T } } };
  return body.result.data.json;
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Other work on this machine rebuilds .next from time to time (end-to-end tests);
 * wait until a build is there and has not changed for a few seconds.
 */
async function settledBuild(ctx: SuiteContext): Promise<void> {
  const deadline = Date.now() + BUILD_WAIT_MS;
  let last = "";
  let stableSince = Date.now();
  let told = false;
  for (;;) {
    const id = existsSync(BUILD_ID) ? `${statSync(BUILD_ID).mtimeMs}` : "";
    if (id !== last) {
      last = id;
      stableSince = Date.now();
    } else if (id !== "" && Date.now() - stableSince >= BUILD_STABLE_MS) return;
    if (Date.now() > deadline) throw new Error(`no settled production build in .next within ${BUILD_WAIT_MS / 1000} s (something keeps rebuilding it)`);
    if (id === "" && !told) {
      ctx.log("waiting for .next to be built again (another process is rebuilding it)");
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The studio serving `file` on a free port, started once a build is settled; a start that finds no build is tried again. */
async function startStudio(ctx: SuiteContext, file: string): Promise<{ server: ChildProcess; base: string }> {
  for (let attempt = 1; ; attempt++) {
    await settledBuild(ctx);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: `file:${file}`, HOST: "127.0.0.1", PORT: String(port), NODE_ENV: "production" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    try {
      await waitUntilServing(`${base}/`, server, READY_TIMEOUT_MS);
      return { server, base };
    } catch (error) {
      await stop(server);
      if (attempt >= START_ATTEMPTS || existsSync(BUILD_ID)) throw error;
    }
  }
}

async function measure(ctx: SuiteContext): Promise<ValueResult[]> {
  const file = ctx.newFile("studio.db");
  let start = performance.now();
  await seedRun(file);
  ctx.log(`seeded a ${RUN_EVENTS.toLocaleString("en-US")}-event run in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  const { server, base } = await startStudio(ctx, file);
  let peak = 0;
  const sampler = setInterval(() => {
    if (server.pid !== undefined && server.exitCode === null) peak = Math.max(peak, rssOf(server.pid).peak);
  }, 100);
  try {
    const idle = rssOf(server.pid!).now;
    await get(`${base}/flows/${FLOW_ID}/runs/${RUN_ID}`);
    const opened = await trpc<{ length: number }>(base, "timeline.open", { runId: RUN_ID });
    if (opened.length !== RUN_EVENTS) throw new Error(`the replay view sees ${opened.length} events, expected ${RUN_EVENTS}`);
    start = performance.now();
    await trpc(base, "timeline.stateAt", { runId: RUN_ID, index: opened.length });
    const firstStateS = (performance.now() - start) / 1000;
    await trpc(base, "timeline.events", { runId: RUN_ID, fromIndex: Math.max(1, opened.length - 50), limit: 60 });
    const random = seededRandom(7);
    start = performance.now();
    for (let j = 0; j < JUMPS; j++) {
      const index = 1 + random.int(opened.length);
      await trpc(base, "timeline.stateAt", { runId: RUN_ID, index });
      await trpc(base, "timeline.diffAt", { runId: RUN_ID, index });
    }
    const jumpMs = (performance.now() - start) / JUMPS;
    peak = Math.max(peak, rssOf(server.pid!).peak);
    return [
      { id: "studio-rss-mb", title: `Studio server peak RSS serving the replay view of a ${RUN_EVENTS.toLocaleString("en-US")}-event run`, unit: "MB", value: Math.round(peak) },
      { id: "studio-idle-rss-mb", title: "Studio server RSS once serving, before the replay view", unit: "MB", value: Math.round(idle) },
      { id: "replay-first-state-s", title: "Replay view: first state at the end of the run (no keyframes yet)", unit: "s", value: firstStateS },
      { id: "replay-jump-ms", title: `Replay view: a random jump with its diff, mean of ${JUMPS}`, unit: "ms", value: jumpMs },
    ];
  } catch (error) {
    throw new Error(`${(error as Error).message} (the server's peak RSS so far: ${Math.round(peak)} MB)`, { cause: error });
  } finally {
    clearInterval(sampler);
    await stop(server);
  }
}

export const studioMemorySuite: Suite = {
  name: "studio-memory",
  title: `Studio server RSS serving the replay view of a ${RUN_EVENTS.toLocaleString("en-US")}-event run (the issue's run: 1,000,000 events)`,
  targets: [{ kind: "value", value: "studio-rss-mb", atMost: 500, source: "issue #9" }],
  prerequisite: () => (existsSync(BUILD_ID) ? undefined : "the studio is not built: run npm run build first (this suite serves the production build)"),
  comparisons: () => [],
  values: measure,
};
