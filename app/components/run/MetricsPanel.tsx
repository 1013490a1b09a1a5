"use client";
// Live metrics of the open run, polled every second: charts of queue depth (outbox rows waiting),
// consumer lag, handler latency p50/p95/p99 (the worst group) and throughput, and a table per group.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "../../lib/trpc";
import { appendSample, sampleOf, seriesOf, type MetricsSample } from "./metricsHistory";
import { Sparkline } from "./Sparkline";

const POLL_MS = 1_000;

export function MetricsPanel({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const metrics = useQuery(trpc.metrics.snapshot.queryOptions({ runId }, { refetchInterval: POLL_MS, staleTime: 0 }));
  const [history, setHistory] = useState<MetricsSample[]>([]);
  useEffect(() => setHistory([]), [runId]);
  useEffect(() => {
    if (metrics.data) setHistory((all) => appendSample(all, sampleOf(metrics.data)));
  }, [metrics.data]);

  if (metrics.error) return <p role="alert" className="error small">{metrics.error.message}</p>;
  const data = metrics.data;
  return (
    <div className="run-metrics" data-testid="metrics">
      <div className="spark-row">
        <Sparkline title="Queue depth" testId="chart-queue" series={[{ label: "outbox", values: seriesOf(history, "outboxPending"), className: "s1" }]} />
        <Sparkline title="Consumer lag" testId="chart-lag" series={[{ label: "messages", values: seriesOf(history, "lag"), className: "s2" }]} />
        <Sparkline
          title="Handler latency"
          unit=" ms"
          testId="chart-latency"
          series={[
            { label: "p50", values: seriesOf(history, "p50"), className: "s1" },
            { label: "p95", values: seriesOf(history, "p95"), className: "s3" },
            { label: "p99", values: seriesOf(history, "p99"), className: "s4" },
          ]}
        />
        <Sparkline
          title="Throughput"
          unit="/s"
          testId="chart-throughput"
          series={[
            { label: "handled", values: seriesOf(history, "handledPerSecond"), className: "s2" },
            { label: "published", values: seriesOf(history, "publishedPerSecond"), className: "s1" },
          ]}
        />
      </div>
      {data && (
        <div className="run-table-wrap">
          <p className="muted small">
            clock {(data.now / 1000).toFixed(2)} s · {data.deadLetters} dead letter(s) · {data.alerts} alert(s) ·
            sagas {Object.entries(data.sagas).map(([status, count]) => `${count} ${status}`).join(", ") || "none"}
          </p>
          <table className="run-grid" aria-label="Consumer groups">
            <thead>
              <tr>
                <th scope="col">group</th>
                <th scope="col">lag</th>
                <th scope="col">p50</th>
                <th scope="col">p95</th>
                <th scope="col">p99</th>
                <th scope="col">handled/s</th>
              </tr>
            </thead>
            <tbody>
              {data.groups.map((group) => (
                <tr key={group.group} data-group={group.group}>
                  <th scope="row" className="mono">{group.group}</th>
                  <td>{group.lag}</td>
                  <td>{group.latency ? `${group.latency.p50} ms` : "–"}</td>
                  <td>{group.latency ? `${group.latency.p95} ms` : "–"}</td>
                  <td>{group.latency ? `${group.latency.p99} ms` : "–"}</td>
                  <td>{group.handledPerSecond}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
