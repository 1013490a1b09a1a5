// Live metrics of an open run, cheap enough to poll every second: outbox depth, lag per consumer
// group and topic (in-process bus offsets, or in Kafka mode the broker's end offsets against the
// group's committed ones, workers' groups included), handler latency percentiles and throughput from the
// newest trace entries, dead letters, alerts and saga instances by status. Times are clock ms.
import { HEADER } from "../core/messageHeaders";
import { traceMapping } from "../flow/traceMapping";
import { busCheckpoint, type GroupInfo } from "../runtime";
import type { SqliteDatabase } from "../store";
import type { LiveRun } from "./liveRun";

/** Newest trace entries (publishes and handled deliveries) the latency and throughput figures read. */
export const METRICS_SAMPLE = 2_000;
/** Clock time over which throughput is counted. */
export const THROUGHPUT_WINDOW_MS = 5_000;

export interface Percentiles {
  /** Deliveries measured. */
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface GroupMetrics {
  group: string;
  /** Canvas node of the group (null when the canvas does not show it). */
  node: string | null;
  /** Messages waiting for the group, all its topics together. */
  lag: number;
  topics: { topic: string; lag: number }[];
  /** From publish to handled (queueing, backoff and service latency included), over the sample. */
  latency: Percentiles | null;
  handledPerSecond: number;
}

export interface MetricsSnapshot {
  now: number;
  playing: boolean;
  /** Seq of the newest trace entry (0 when none). */
  lastSeq: number;
  outboxPending: number;
  groups: GroupMetrics[];
  throughput: { handledPerSecond: number; publishedPerSecond: number; windowMs: number };
  deadLetters: number;
  alerts: number;
  sagas: Record<string, number>;
}

interface Statements {
  lag: { get(runId: string, topic: string, after: number, group: string): number | undefined };
  sample: { all(runId: string, limit: number): { at: number; kind: string; from_node: string | null; message_id: string | null }[] };
  lastSeq: { get(runId: string): number | null | undefined };
  alerts: { get(runId: string): number | undefined };
  sagas: { all(runId: string): { status: string; count: number }[] };
}

const prepared = new WeakMap<SqliteDatabase, Statements>();

function statements(db: SqliteDatabase): Statements {
  let found = prepared.get(db);
  if (!found) {
    const target = `json_extract(headers, '$."${HEADER.targetGroup}"')`;
    found = {
      lag: db
        .prepare<[string, string, number, string], number>(
          `SELECT COUNT(*) FROM topic_messages WHERE run_id = ? AND topic = ? AND "offset" > ? AND (${target} IS NULL OR ${target} = ?)`,
        )
        .pluck(),
      sample: db.prepare<[string, number], { at: number; kind: string; from_node: string | null; message_id: string | null }>(
        "SELECT at, kind, from_node, message_id FROM trace WHERE run_id = ? AND kind IN ('outbox-publish', 'handler-success') ORDER BY seq DESC LIMIT ?",
      ),
      lastSeq: db.prepare<[string], number | null>("SELECT MAX(seq) FROM trace WHERE run_id = ?").pluck(),
      alerts: db.prepare<[string], number>("SELECT COUNT(*) FROM alerts WHERE run_id = ?").pluck(),
      sagas: db.prepare<[string], { status: string; count: number }>("SELECT status, COUNT(*) AS count FROM saga_instances WHERE run_id = ? GROUP BY status"),
    };
    prepared.set(db, found);
  }
  return found;
}

/** Nearest-rank percentiles of unsorted samples. */
export function percentiles(values: readonly number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  return { count: sorted.length, p50: rank(0.5), p95: rank(0.95), p99: rank(0.99) };
}

/** Messages waiting per topic of a group: on the broker in Kafka mode, else past the bus checkpoints in SQLite. */
async function topicLags(run: LiveRun, info: GroupInfo): Promise<{ topic: string; lag: number }[]> {
  if (run.kafka) return run.kafka.groupLag(info.group);
  const { store } = run.engine;
  const sql = statements(store.db);
  return info.topics.map((topic) => ({ topic, lag: sql.lag.get(store.runId, topic, store.checkpoints.get(busCheckpoint(info.group, topic)), info.group) ?? 0 }));
}

export async function metricsOf(run: LiveRun): Promise<MetricsSnapshot> {
  const { engine } = run;
  const { store } = engine;
  const sql = statements(store.db);
  const now = engine.clock.now();
  const mapping = traceMapping(run.flow);

  // The sample, oldest first: the first publish of each message, then the deliveries it led to.
  const sample = sql.sample.all(store.runId, METRICS_SAMPLE).reverse();
  const sampleFull = sample.length === METRICS_SAMPLE;
  const span = Math.max(1, sampleFull ? Math.min(THROUGHPUT_WINDOW_MS, now - sample[0]!.at) : THROUGHPUT_WINDOW_MS);
  const since = now - span;
  const publishedAt = new Map<string, number>();
  const latencies = new Map<string, number[]>();
  const handled = new Map<string, number>();
  let published = 0;
  for (const entry of sample) {
    if (entry.kind === "outbox-publish") {
      if (entry.message_id !== null && !publishedAt.has(entry.message_id)) publishedAt.set(entry.message_id, entry.at);
      if (entry.at > since) published++;
      continue;
    }
    const node = entry.from_node ?? "";
    const start = entry.message_id === null ? undefined : publishedAt.get(entry.message_id);
    if (start !== undefined) {
      const measured = latencies.get(node) ?? [];
      measured.push(entry.at - start);
      latencies.set(node, measured);
    }
    if (entry.at > since) handled.set(node, (handled.get(node) ?? 0) + 1);
  }
  const perSecond = (count: number) => Math.round((count * 1000 * 10) / span) / 10;

  const lags = await Promise.all(engine.groups.map((info) => topicLags(run, info)));
  const groups = engine.groups.map((info, index): GroupMetrics => {
    const topics = lags[index]!;
    return {
      group: info.group,
      node: mapping.node(info.group) ?? null,
      lag: topics.reduce((sum, topic) => sum + topic.lag, 0),
      topics: topics.filter((topic) => topic.lag > 0),
      latency: percentiles(latencies.get(info.node) ?? []),
      handledPerSecond: perSecond(handled.get(info.node) ?? 0),
    };
  });

  return {
    now,
    playing: run.state().playing,
    lastSeq: sql.lastSeq.get(store.runId) ?? 0,
    outboxPending: store.outbox.pendingCount(),
    groups,
    throughput: { handledPerSecond: perSecond([...handled.values()].reduce((a, b) => a + b, 0)), publishedPerSecond: perSecond(published), windowMs: span },
    deadLetters: store.deadLetters.countDead(),
    alerts: sql.alerts.get(store.runId) ?? 0,
    sagas: Object.fromEntries(sql.sagas.all(store.runId).map((row) => [row.status, row.count])),
  };
}
