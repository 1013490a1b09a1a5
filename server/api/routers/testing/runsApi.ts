// Test helper: the app router's caller on a fresh, migrated SQLite file with the teaching demos
// seeded, and a run host with a small registry and instant redrive pacing (sleeps are recorded),
// on the in-process bus unless Kafka settings are given.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../../db/generated/client";
import { applyMigrations } from "../../../db/migrate";
import { seedDemos } from "../../../db/seed";
import { demos } from "../../../flow/demos";
import { closeSharedDatabase, replaceRunsHost, sharedDatabase, type RunsHost } from "../../../runs";
import type { KafkaSettings } from "../../../runtime/kafka";
import { createCaller } from "../../root";
import { createContextInner } from "../../trpc";

export interface RunsApi {
  api: ReturnType<typeof createCaller>;
  prisma: PrismaClient;
  /** The SQLite file (worker processes open it too). */
  file: string;
  host: RunsHost;
  /** Wall-clock waits the host asked for (redrive pacing), in ms. */
  sleeps: number[];
  /** While held, the host's waits do not end until release(). */
  holdSleeps(): void;
  releaseSleeps(): void;
  cleanup(): Promise<void>;
}

export const demoFlowId = (key: string) => `demo-${key}`;

/** `kafka`: Kafka mode's settings for the host's live runs; default: the in-process bus, whatever the environment says. */
export async function setupRunsApi(options: { maxOpenRuns?: number; kafka?: KafkaSettings } = {}): Promise<RunsApi> {
  const dir = mkdtempSync(join(tmpdir(), "eventloom-runs-"));
  const file = join(dir, "runs.db");
  applyMigrations(file);
  process.env.DATABASE_URL = `file:${file}`;
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }) });
  await seedDemos(prisma, demos.map((demo) => ({ key: demo.key, flow: demo.flow })));
  let wall = 1_000_000;
  const sleeps: number[] = [];
  let held: { promise: Promise<void>; release: () => void } | undefined;
  const host = await replaceRunsHost({
    ...(options.maxOpenRuns === undefined ? {} : { maxOpenRuns: options.maxOpenRuns }),
    kafka: options.kafka,
    wallNow: () => wall,
    sleep: async (ms) => {
      sleeps.push(ms);
      await held?.promise;
      wall += ms;
    },
  });
  return {
    api: createCaller(createContextInner({ prisma })),
    prisma,
    file,
    host,
    sleeps,
    holdSleeps() {
      let release = () => {};
      const promise = new Promise<void>((resolve) => {
        release = resolve;
      });
      held = { promise, release };
    },
    releaseSleeps() {
      held?.release();
      held = undefined;
    },
    async cleanup() {
      await host.close();
      closeSharedDatabase();
      await prisma.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Rows of `runId` in every table of the shared file that has a run_id column, by table. */
export function storeRowsOf(runId: string): Record<string, number> {
  const db = sharedDatabase();
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((table) => table.name);
  const perRun = tables.filter((table) => db.prepare<[], { name: string }>(`PRAGMA table_info("${table}")`).all().some((column) => column.name === "run_id"));
  return Object.fromEntries(perRun.map((table) => [table, db.prepare<[string], number>(`SELECT COUNT(*) FROM "${table}" WHERE run_id = ?`).pluck().get(runId)!]));
}
