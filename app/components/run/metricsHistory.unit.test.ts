import { describe, expect, it } from "vitest";
import { appendSample, HISTORY, sampleOf, seriesOf } from "./metricsHistory";

const snapshot = (now: number, lags: number[]) => ({
  now,
  outboxPending: 3,
  groups: lags.map((lag, i) => ({ lag, latency: i === 0 ? null : { p50: 10 * i, p95: 20 * i, p99: 30 * i } })),
  throughput: { handledPerSecond: 12.5, publishedPerSecond: 14 },
});

describe("metrics history", () => {
  it("given groups, then lag is summed and latency is the worst group's", () => {
    expect(sampleOf(snapshot(5, [1, 2, 3]))).toEqual({ now: 5, outboxPending: 3, lag: 6, p50: 20, p95: 40, p99: 60, handledPerSecond: 12.5, publishedPerSecond: 14 });
  });

  it("given more samples than the history holds, then the oldest go", () => {
    let history = [sampleOf(snapshot(0, []))];
    for (let i = 1; i <= HISTORY + 5; i++) history = appendSample(history, sampleOf(snapshot(i, [i])));
    expect(history).toHaveLength(HISTORY);
    expect(seriesOf(history, "lag").at(-1)).toBe(HISTORY + 5);
    expect(history[0]!.now).toBe(6);
  });
});
