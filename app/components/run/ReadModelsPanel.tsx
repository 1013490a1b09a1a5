"use client";
// Read models of the open run as live tables: each projection with its row count, and the chosen
// one's rows (key and fields), refreshed as the trace brings news.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../lib/trpc";
import { useLiveTick } from "./useLiveTick";
import { useRefetchOn } from "./useRefetchOn";
import { formatValue } from "./values";

const MAX_COLUMNS = 8;

export function ReadModelsPanel({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const tick = useLiveTick();
  const models = useQuery(trpc.runs.readModels.queryOptions({ runId }, { placeholderData: keepPreviousData, staleTime: 0 }));
  useRefetchOn(tick, models.refetch);
  const [chosen, setChosen] = useState<string | null>(null);
  const list = models.data ?? [];
  const projection = chosen ?? list[0]?.name ?? null;
  if (models.error) return <p role="alert" className="error small">{models.error.message}</p>;
  if (list.length === 0) return <p className="muted small">This flow has no projections.</p>;
  return (
    <div className="run-panel-split">
      <ul className="run-list" aria-label="Read models">
        {list.map((model) => (
          <li key={model.name}>
            <button type="button" className={`run-list-item${model.name === projection ? " is-current" : ""}`} aria-pressed={model.name === projection} onClick={() => setChosen(model.name)}>
              <span className="mono">{model.name}</span> <span className="count">{model.rows}</span>
            </button>
          </li>
        ))}
      </ul>
      {projection && <RowsTable runId={runId} projection={projection} tick={tick} />}
    </div>
  );
}

function RowsTable({ runId, projection, tick }: { runId: string; projection: string; tick: number }) {
  const trpc = useTRPC();
  const rows = useQuery(trpc.runs.rows.queryOptions({ runId, projection, limit: 100 }, { placeholderData: keepPreviousData, staleTime: 0 }));
  useRefetchOn(tick, rows.refetch);
  const data = rows.data?.rows ?? [];
  const columns = [...new Set(data.flatMap((row) => Object.keys(row.data)))].slice(0, MAX_COLUMNS);
  return (
    <div className="run-table-wrap">
      <table className="run-grid" data-testid="read-model-table" data-projection={projection} aria-label={`Rows of ${projection}`}>
        <caption className="muted small">{projection}: {rows.data?.total ?? 0} row(s){rows.data?.nextAfterKey ? " (first 100)" : ""}</caption>
        <thead>
          <tr>
            <th scope="col">key</th>
            {columns.map((column) => <th scope="col" key={column}>{column}</th>)}
          </tr>
        </thead>
        <tbody>
          {data.map((row) => (
            <tr key={row.key} data-key={row.key}>
              <th scope="row" className="mono">{row.key}</th>
              {columns.map((column) => <td key={column} data-field={column}>{formatValue(row.data[column])}</td>)}
            </tr>
          ))}
          {data.length === 0 && (
            <tr>
              <td colSpan={columns.length + 1} className="muted">No rows yet.</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
