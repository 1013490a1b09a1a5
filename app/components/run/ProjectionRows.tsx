"use client";
// A projection's table on its node while the flow runs: how many rows, and the newest changed rows
// (key and first fields), refetched as updates arrive (at most once a second).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";
import { useRun, useRunLayer } from "./runContext";
import { useRefetchOn } from "./useRefetchOn";
import { useThrottled } from "./useThrottled";
import { formatValue } from "./values";

const SHOWN = 3;
const FIELDS = 2;

export function ProjectionRows({ node, updates }: { node: string; updates: number }) {
  const trpc = useTRPC();
  const { topology } = useRunLayer();
  const runId = useRun((s) => s.runId);
  const version = useThrottled(updates, 1_000);
  const projection = topology.nodes.get(node)?.name ?? "";
  const rows = useQuery(
    trpc.runs.rows.queryOptions({ runId: runId ?? "", projection, limit: 100 }, { enabled: runId !== null && projection !== "", placeholderData: keepPreviousData, staleTime: 0 }),
  );
  // The query key does not change with `version`: refetch when it moves.
  const { refetch } = rows;
  useRefetchOn(version, refetch);
  if (!rows.data) return null;
  const newest = [...rows.data.rows].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, SHOWN);
  return (
    <div className="run-table" data-testid="run-projection-rows" data-rows={rows.data.total}>
      <div className="run-badge run-projection">{rows.data.total.toLocaleString("en")} row{rows.data.total === 1 ? "" : "s"} · {updates.toLocaleString("en")} update{updates === 1 ? "" : "s"}</div>
      {newest.map((row) => (
        <div className="run-row mono" key={row.key} data-key={row.key}>
          <strong>{row.key}</strong>
          {Object.entries(row.data).slice(0, FIELDS).map(([field, value]) => ` · ${field}=${formatValue(value)}`).join("")}
        </div>
      ))}
    </div>
  );
}
