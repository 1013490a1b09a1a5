// The Run rows (studio data, through Prisma): created when a run starts with the flow version,
// the document as it was, seed and mode; status and end time as the run moves on; listed per flow.
// Writes go through the host's write lock (see host.ts), never while a long transaction is open.
import type { PrismaClient } from "../db/generated/client";
import { RunNotFoundError } from "./errors";
import type { RunStatus } from "./liveRun";
import type { RunMode } from "./openRun";

export interface RunRecord {
  id: string;
  flowId: string;
  flowVersion: number;
  seed: number;
  mode: RunMode;
  status: RunStatus;
  parentRunId: string | null;
  forkedAt: number | null;
  startedAt: Date;
  endedAt: Date | null;
}

export interface FlowToRun {
  id: string;
  name: string;
  version: number;
  demoKey: string | null;
  document: unknown;
}

const SUMMARY = { id: true, flowId: true, flowVersion: true, seed: true, mode: true, status: true, parentRunId: true, forkedAt: true, startedAt: true, endedAt: true } as const;

function recordOf(row: Omit<RunRecord, "mode" | "status"> & { mode: string; status: string }): RunRecord {
  return { ...row, mode: row.mode === "fast" ? "fast" : "live", status: row.status as RunStatus };
}

export async function findFlow(prisma: PrismaClient, flowId: string): Promise<FlowToRun> {
  const row = await prisma.flow.findUnique({ where: { id: flowId }, select: { id: true, name: true, version: true, demoKey: true, document: true } });
  if (!row) throw new RunNotFoundError(`No flow with id "${flowId}".`);
  return { ...row, document: JSON.parse(row.document) as unknown };
}

export async function createRunRecord(
  prisma: PrismaClient,
  run: { id: string; flow: FlowToRun; seed: number; mode: RunMode; status: RunStatus },
): Promise<RunRecord> {
  const row = await prisma.run.create({
    data: { id: run.id, flowId: run.flow.id, flowVersion: run.flow.version, document: JSON.stringify(run.flow.document), seed: run.seed, mode: run.mode, status: run.status },
    select: SUMMARY,
  });
  return recordOf(row);
}

export async function findRunRecord(prisma: PrismaClient, runId: string): Promise<RunRecord & { document: unknown }> {
  const row = await prisma.run.findUnique({ where: { id: runId }, select: { ...SUMMARY, document: true } });
  if (!row) throw new RunNotFoundError(`No run with id "${runId}".`);
  const { document, ...rest } = row;
  return { ...recordOf(rest), document: JSON.parse(document) as unknown };
}

/** Sets the status; finishing stamps the end time, anything else clears it. Unknown ids are ignored (the run was deleted with its flow). */
export async function setRunStatus(prisma: PrismaClient, runId: string, status: RunStatus, now: Date): Promise<void> {
  await prisma.run.updateMany({ where: { id: runId }, data: { status, endedAt: status === "finished" ? now : null } });
}

export async function listRunRecords(prisma: PrismaClient, flowId: string, limit: number): Promise<RunRecord[]> {
  const rows = await prisma.run.findMany({ where: { flowId }, orderBy: { startedAt: "desc" }, take: limit, select: SUMMARY });
  return rows.map(recordOf);
}
