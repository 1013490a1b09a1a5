// Test helpers for worker processes: a flow and a running run stored through Prisma
// in a test's SQLite file (as the studio stores them), and `npm run worker` spawned
// as a real child process whose output is kept for failure messages.

import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../../db/generated/client";
import type { Flow } from "../../../flow/schema";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..", "..");

/** Stores `flow` and a running run of it, as the studio would. */
export async function storeRunningRun(databaseFile: string, flowId: string, flow: Flow, runId: string, seed: number): Promise<void> {
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: databaseFile }) });
  try {
    const document = JSON.stringify(flow);
    await prisma.flow.create({ data: { id: flowId, name: flow.name, document } });
    await prisma.run.create({ data: { id: runId, flowId, flowVersion: 1, document, seed, mode: "live", status: "running" } });
  } finally {
    await prisma.$disconnect();
  }
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves once it printed `text`; rejects if it exits first or after `withinMs`. */
  printed(text: string, withinMs?: number): Promise<void>;
  exited(withinMs?: number): Promise<number | null>;
}

export function spawnWorker(args: string[], env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "worker.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    output: () => text,
    async printed(wanted, withinMs = 90_000) {
      const deadline = Date.now() + withinMs;
      while (!text.includes(wanted)) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the worker exited before printing "${wanted}":\n${text}`);
        if (Date.now() > deadline) throw new Error(`the worker did not print "${wanted}" within ${withinMs} ms:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async exited(withinMs = 30_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the worker did not exit within ${withinMs} ms:\n${text}`)), withinMs)));
      try {
        return await Promise.race([exit, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
