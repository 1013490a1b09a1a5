// The replay view's open timelines, one per run, kept in this process (least recently used closed
// beyond MAX_OPEN_TIMELINES): a run's Run row (flow document as it was, seed, mode) is compiled once
// and its log opened with openTimeline on the process's shared connection, with the canvas mapping
// of trace hops. Reads only; never opens a run's engine (that is server/runs' host).
import type { PrismaClient } from "../../db/generated/client";
import { compileFlow } from "../../flow/compile";
import type { Flow } from "../../flow/schema";
import { traceMapping, type TraceMapping } from "../../flow/traceMapping";
import { FlowCompileError } from "../../flow/compile";
import { checkFlow } from "../../flow/validate";
import { createMutex, type Mutex } from "../../runs/mutex";
import { findRunRecord, type RunRecord } from "../../runs/records";
import { sharedDatabase, sharedSandbox, timelineDefinitionKey } from "../../runs";
import { createRunStore, type RunStore } from "../../store";
import { openTimeline, type Timeline } from "../../timetravel";

/** Timelines kept open at once (each holds one world and its cached diffs). */
export const MAX_OPEN_TIMELINES = 6;

export interface OpenTimeline {
  run: RunRecord;
  flow: Flow;
  store: RunStore;
  timeline: Timeline;
  mapping: TraceMapping;
  /**
   * Requests of this run's timeline take turns: a request of many steps (a chunk of diffs) holds it
   * throughout, so others cannot move the one world away between its steps (each move back costs a
   * fold from a keyframe).
   */
  lock: Mutex;
}

const cache = globalThis as { eventloomTimelines?: Map<string, Promise<OpenTimeline>> };
const open = () => (cache.eventloomTimelines ??= new Map());

async function load(prisma: PrismaClient, runId: string): Promise<OpenTimeline> {
  const { document, ...run } = await findRunRecord(prisma, runId);
  const checked = checkFlow(document);
  if (!checked.ok) throw new FlowCompileError(checked.problems);
  const definition = compileFlow(checked.flow, { snippets: await sharedSandbox() });
  const store = createRunStore(sharedDatabase(), runId);
  // Keyed by the run's document, as the run host's background builder stores them (server/runs/keyframeBuilder).
  const timeline = openTimeline(store, definition, { definitionKey: timelineDefinitionKey(document) });
  return { run, flow: checked.flow, store, timeline, mapping: traceMapping(checked.flow), lock: createMutex() };
}

/** The run's timeline, opened on first use (a run that does not exist is a RunNotFoundError). */
export async function timelineOf(prisma: PrismaClient, runId: string): Promise<OpenTimeline> {
  const timelines = open();
  let pending = timelines.get(runId);
  // A Map keeps insertion order: re-inserting on use keeps the least recently used first.
  if (pending) timelines.delete(runId);
  else {
    pending = load(prisma, runId);
    pending.catch(() => timelines.delete(runId));
  }
  timelines.set(runId, pending);
  while (timelines.size > MAX_OPEN_TIMELINES) timelines.delete(timelines.keys().next().value!);
  return pending;
}

/** Reads the Run row again (status, end time) and the log's new events, for a run that may still be going. */
export async function refreshedTimelineOf(prisma: PrismaClient, runId: string): Promise<OpenTimeline> {
  const entry = await timelineOf(prisma, runId);
  const { document: _document, ...run } = await findRunRecord(prisma, runId);
  entry.run = run;
  await entry.lock.run(() => entry.timeline.refresh());
  return entry;
}

/** Runs `work` on the run's timeline, in turn with the other requests of that run. */
export async function withTimeline<T>(prisma: PrismaClient, runId: string, work: (entry: OpenTimeline) => Promise<T>): Promise<T> {
  const entry = await timelineOf(prisma, runId);
  return entry.lock.run(() => work(entry));
}

/** Forgets every open timeline (tests: a new database file). */
export function closeTimelines(): void {
  open().clear();
}
