// What the run bar and the runs list show: a run's record (flow version, seed, mode, status,
// times) with its live state when this process holds it open.
import type { PrismaClient } from "../db/generated/client";
import type { RunsHost } from "./host";
import type { LiveRun, RunState } from "./liveRun";
import { findRunRecord, type RunRecord } from "./records";

export interface RunView {
  run: RunRecord;
  /** Null when the run is not open in this server process. */
  state: RunState | null;
}

export async function describeRun(prisma: PrismaClient, run: LiveRun): Promise<RunView & { document: unknown }> {
  const { document, ...record } = await findRunRecord(prisma, run.id);
  return { run: record, state: run.state(), document };
}

export async function listRuns(prisma: PrismaClient, host: RunsHost, flowId: string, limit: number): Promise<RunView[]> {
  const records = await host.list(prisma, flowId, limit);
  return records.map((run) => ({ run, state: host.peek(run.id)?.state() ?? null }));
}
