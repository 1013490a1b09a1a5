// The metrics panel's history: a bounded list of snapshots turned into the chart series (queue
// depth, consumer lag, handler latency p50/p95/p99, throughput). Pure.

export interface MetricsSample {
  now: number;
  outboxPending: number;
  lag: number;
  p50: number;
  p95: number;
  p99: number;
  handledPerSecond: number;
  publishedPerSecond: number;
}

/** What a snapshot holds that the charts read (the server's MetricsSnapshot has more). */
export interface SnapshotLike {
  now: number;
  outboxPending: number;
  groups: { lag: number; latency: { p50: number; p95: number; p99: number } | null }[];
  throughput: { handledPerSecond: number; publishedPerSecond: number };
}

export const HISTORY = 60;

/** One sample: lag summed over groups; latency the worst group's (the one a person must look at). */
export function sampleOf(snapshot: SnapshotLike): MetricsSample {
  const worst = (key: "p50" | "p95" | "p99") => Math.max(0, ...snapshot.groups.map((group) => group.latency?.[key] ?? 0));
  return {
    now: snapshot.now,
    outboxPending: snapshot.outboxPending,
    lag: snapshot.groups.reduce((sum, group) => sum + group.lag, 0),
    p50: worst("p50"),
    p95: worst("p95"),
    p99: worst("p99"),
    handledPerSecond: snapshot.throughput.handledPerSecond,
    publishedPerSecond: snapshot.throughput.publishedPerSecond,
  };
}

export function appendSample(history: readonly MetricsSample[], sample: MetricsSample): MetricsSample[] {
  const next = [...history, sample];
  return next.length > HISTORY ? next.slice(next.length - HISTORY) : next;
}

export function seriesOf(history: readonly MetricsSample[], key: keyof MetricsSample): number[] {
  return history.map((sample) => sample[key]);
}
