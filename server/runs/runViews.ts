// What the run bar and the runs list show: a run's record (flow version, seed, mode, status,
// times) with its live state when this process holds it open; and the run a studio page
// reattaches to when it is (re)loaded.
import type { PrismaClient } from "../db/generated/client";
import type { RunsHost } from "./host";
import type { LiveRun, RunState } from "./liveRun";
import { metricsOf } from "./metrics";
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

/** The run a studio page of the flow picks up on load, with the seq of its newest trace entry (the page folds the trace up to there without animating it). */
export interface CurrentRunView extends RunView {
  state: RunState;
  traceSeq: number;
}

/** The flow's newest unfinished run when it is a live run this process holds open (a reload during a live run finds it); null otherwise, and the page starts afresh. */
export async function currentRun(prisma: PrismaClient, host: RunsHost, flowId: string): Promise<CurrentRunView | null> {
  // A reset finishes a run and starts the next one in the same millisecond at times: skip finished ones.
  const newest = (await host.list(prisma, flowId, 5)).find((run) => run.status !== "finished");
  const live = newest?.mode === "live" ? host.peek(newest.id) : undefined;
  if (!newest || !live) return null;
  return { run: newest, state: live.state(), traceSeq: (await metricsOf(live)).lastSeq };
}
