// A worker process's body (`npm run worker -- --flow <id> --group <name> [--run <id>]`):
// finds the run in the shared SQLite file (the named run, or the flow's newest running
// one), opens it with the flow as it was when the run started (server/runs/openRun, on the
// epoch clock every process agrees on), and runs ONE consumer group on Kafka. Its effects
// and trace go to the run's tables in that file; its outbox rows are published by the
// process owning the run. Several workers of a group share its partitions.

import { existsSync } from "node:fs";
import type { PrismaClient } from "../../db/generated/client";
import { FlowCompileError } from "../../flow/compile";
import { openRun, type OpenedRun } from "../../runs/openRun";
import { openDatabase } from "../../store";
import type { KafkaSettings } from "./config";
import { createKafkaTransport } from "./kafkaTransport";

/** The worker cannot start; the message says why in one sentence. */
export class WorkerStartError extends Error {
  override readonly name = "WorkerStartError";
}

export interface WorkerOptions {
  prisma: PrismaClient;
  databaseFile: string;
  flowId: string;
  /** Default: the flow's most recently started run whose status is "running". */
  runId?: string;
  group: string;
  settings: KafkaSettings;
  log: (message: string) => void;
}

export interface RunningWorker {
  readonly runId: string;
  readonly group: string;
  /** Resolves with undefined after stop(), or with the error that stopped the worker. */
  readonly stopped: Promise<Error | undefined>;
  stop(): Promise<void>;
}

interface RunRow {
  id: string;
  flowId: string;
  document: string;
  seed: number;
}

async function findRun(prisma: PrismaClient, flowId: string, runId: string | undefined, databaseFile: string): Promise<RunRow> {
  const flow = await prisma.flow.findUnique({ where: { id: flowId }, select: { id: true } });
  if (!flow) throw new WorkerStartError(`There is no flow "${flowId}" in ${databaseFile}.`);
  const select = { id: true, flowId: true, document: true, seed: true } as const;
  if (runId !== undefined) {
    const run = await prisma.run.findUnique({ where: { id: runId }, select });
    if (!run) throw new WorkerStartError(`There is no run "${runId}" in ${databaseFile}.`);
    if (run.flowId !== flowId) throw new WorkerStartError(`Run "${runId}" belongs to flow "${run.flowId}", not "${flowId}".`);
    return run;
  }
  const run = await prisma.run.findFirst({ where: { flowId, status: "running" }, orderBy: { startedAt: "desc" }, select });
  if (!run) throw new WorkerStartError(`Flow "${flowId}" has no running run: start one in the studio, or name one with --run <id>.`);
  return run;
}

/** Why the run cannot be opened here, in one sentence. */
function openFailure(runId: string, error: unknown): string {
  if (error instanceof FlowCompileError) return `The flow stored with run "${runId}" cannot run: ${error.problems.map((problem) => `${problem.path}: ${problem.message}`).join("; ")}.`;
  if (error instanceof SyntaxError) return `The flow stored with run "${runId}" is not JSON: ${error.message}.`;
  return error instanceof Error ? error.message : String(error);
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  if (!existsSync(options.databaseFile)) {
    throw new WorkerStartError(`There is no database at ${options.databaseFile}: point DATABASE_URL at the studio's file (start the studio once to create it).`);
  }
  const run = await findRun(options.prisma, options.flowId, options.runId, options.databaseFile);
  const db = openDatabase(options.databaseFile);
  let settle: (error: Error | undefined) => void = () => {};
  const stopped = new Promise<Error | undefined>((resolve) => (settle = resolve));
  let opened: OpenedRun;
  try {
    opened = await openRun({
      flow: JSON.parse(run.document) as unknown,
      runId: run.id,
      seed: run.seed,
      mode: "live",
      clock: "epoch",
      db,
      transport: (store) => createKafkaTransport({ settings: options.settings, store, consumes: (group) => group === options.group, log: options.log }),
      onlyGroups: [options.group],
      onError: (error) => void shutdown(error instanceof Error ? error : new Error(String(error))),
    });
  } catch (error) {
    db.close();
    throw new WorkerStartError(openFailure(run.id, error));
  }
  const { engine } = opened;

  let closing: Promise<void> | undefined;
  function shutdown(error?: Error): Promise<void> {
    closing ??= (async () => {
      try {
        await engine.close();
      } finally {
        db.close();
        settle(error);
      }
    })();
    return closing;
  }

  engine.start();
  return { runId: run.id, group: options.group, stopped, stop: () => shutdown() };
}
