// The built studio for browser suites: builds it if its sources changed (scripts/ensure-build.mjs),
// starts it on a fresh SQLite file and a free loopback port, launches Chromium, and speaks tRPC over
// plain HTTP (superjson wire format) so a suite needs no client wiring. Started untimed, once per
// suite process; stop() ends the browser and the server.

import { spawn, spawnSync } from "node:child_process";
import type { Browser } from "@playwright/test";
import { freePort, waitUntilServing } from "./localServer";
import { PROJECT_ROOT } from "./machine";
import type { SuiteContext } from "./types";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export interface RunningStudio {
  base: string;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startStudio(ctx: SuiteContext): Promise<RunningStudio> {
  ctx.log("building the studio if its sources changed (scripts/ensure-build.mjs)");
  const build = spawnSync(process.execPath, ["scripts/ensure-build.mjs"], { cwd: PROJECT_ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error("the studio did not build (node scripts/ensure-build.mjs)");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `file:${ctx.newFile("studio.db")}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitUntilServing(`${base}/`, server, 120_000);
    const { chromium } = await import("@playwright/test");
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    return {
      base,
      browser,
      async stop() {
        await browser.close();
        server.kill("SIGTERM");
      },
    };
  } catch (error) {
    server.kill("SIGTERM");
    throw error;
  }
}

interface TrpcAnswer<T> {
  result?: { data: { json: T } };
  error?: { json: { message: string } };
}

async function answer<T>(procedure: string, response: Response): Promise<T> {
  const body = (await response.json()) as TrpcAnswer<T>;
  if (!body.result) throw new Error(`${procedure} failed: ${body.error?.json.message ?? response.status}`);
  return body.result.data.json;
}

export async function trpcMutate<T>(base: string, procedure: string, input: unknown): Promise<T> {
  const response = await fetch(`${base}/api/trpc/${procedure}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: input }) });
  return answer<T>(procedure, response);
}

export async function trpcQuery<T>(base: string, procedure: string, input: unknown): Promise<T> {
  const response = await fetch(`${base}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  return answer<T>(procedure, response);
}
