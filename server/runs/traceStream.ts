// The live animation's feed: a run's trace entries after a given seq, in order, in batches of at
// most TRACE_BATCH, each with the canvas hop (nodes and edge) it maps to. Catch-up reads at full
// speed; once caught up it waits for the run's next commit in this process, or polls every
// `pollMs` for writers in other processes (Kafka workers), and yields at most once per
// `minIntervalMs` (MIN_BATCH_INTERVAL_MS: ten server-sent events a second at most), so a busy run
// gives fewer, fuller batches instead of a growing backlog; the first hop after a quiet spell
// still leaves at once.
import type { PrismaClient } from "../db/generated/client";
import { checkFlow } from "../flow/validate";
import { traceMapping, type TraceHop, type TraceMapping } from "../flow/traceMapping";
import { createRunStore, type RunStore, type TraceEntry } from "../store";
import type { RunsHost } from "./host";
import type { LiveRun } from "./liveRun";
import { TRACE_BATCH } from "./limits";
import { findRunRecord } from "./records";
import { sharedDatabase } from "./shared";

export interface TraceEntryView extends TraceEntry {
  /** Where the hop shows on the canvas of the run's flow (null when the run's flow cannot be read). */
  hop: TraceHop | null;
}

export interface TraceBatch {
  entries: TraceEntryView[];
  /** Seq of the last entry: pass it back to resume after it. */
  lastSeq: number;
}

export interface TraceStreamOptions {
  host: RunsHost;
  prisma: PrismaClient;
  runId: string;
  afterSeq: number;
  signal?: AbortSignal;
  pollMs?: number;
  minIntervalMs?: number;
}

/** Resolves with the entries after `afterSeq` once the open run commits some, or with none after `ms` or on abort. */
function nextCommit(store: RunStore | undefined, afterSeq: number, ms: number, signal: AbortSignal | undefined): Promise<TraceEntry[]> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (entries: TraceEntry[]) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subscription?.close();
      signal?.removeEventListener("abort", aborted);
      resolve(entries);
    };
    const aborted = () => finish([]);
    const timer = setTimeout(() => finish([]), ms);
    signal?.addEventListener("abort", aborted, { once: true });
    const subscription = store?.trace.subscribe(afterSeq, (entries) => finish(entries));
  });
}

/** A busy run's hops reach the page in at most ten messages a second (about 100 hops each at 1,000 hops/s): each message costs the page a parse and a wake-up, whatever its size. */
export const MIN_BATCH_INTERVAL_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function mappingOf(options: TraceStreamOptions): Promise<TraceMapping | null> {
  const open = options.host.peek(options.runId);
  if (open) return traceMapping(open.flow);
  const record = await findRunRecord(options.prisma, options.runId);
  const checked = checkFlow(record.document);
  return checked.ok ? traceMapping(checked.flow) : null;
}

export async function* streamTrace(options: TraceStreamOptions): AsyncGenerator<TraceBatch> {
  const pollMs = options.pollMs ?? 100;
  const minIntervalMs = options.minIntervalMs ?? MIN_BATCH_INTERVAL_MS;
  const mapping = await mappingOf(options);
  const reader = createRunStore(sharedDatabase(), options.runId);
  const view = (entry: TraceEntry): TraceEntryView => ({ ...entry, hop: mapping ? mapping.hop(entry) : null });
  let cursor = options.afterSeq;
  let lastYield = Number.NEGATIVE_INFINITY;

  while (!options.signal?.aborted) {
    let entries = reader.trace.read(cursor, TRACE_BATCH);
    if (entries.length === 0) {
      entries = await nextCommit(options.host.peek(options.runId)?.engine.store, cursor, pollMs, options.signal);
      if (entries.length === 0) continue;
      const wait = lastYield + minIntervalMs - performance.now();
      if (wait > 0 && entries.length < TRACE_BATCH) {
        await sleep(wait);
        entries = reader.trace.read(cursor, TRACE_BATCH);
      }
    }
    cursor = entries.at(-1)!.seq;
    lastYield = performance.now();
    yield { entries: entries.map(view), lastSeq: cursor };
  }
}

/** One batch of an open run's trace after `afterSeq`, without waiting (lastSeq = afterSeq when none). */
export function readTracePage(run: LiveRun, afterSeq: number, limit: number): TraceBatch {
  const mapping = traceMapping(run.flow);
  const entries = run.engine.store.trace.read(afterSeq, Math.min(limit, TRACE_BATCH)).map((entry) => ({ ...entry, hop: mapping.hop(entry) }));
  return { entries, lastSeq: entries.at(-1)?.seq ?? afterSeq };
}
