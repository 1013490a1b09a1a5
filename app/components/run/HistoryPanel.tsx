"use client";
// The open run's recording: the commands dispatched (console, scripts, tour), in order, with what
// became of each. With the flow version and seed they replay the run event for event.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";
import { useRun } from "./runContext";
import { useRefetchOn } from "./useRefetchOn";
import { formatValue } from "./values";

export function HistoryPanel({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const commands = useRun((s) => s.state?.commands ?? 0);
  const record = useRun((s) => s.record);
  const history = useQuery(trpc.commands.history.queryOptions({ runId, limit: 200 }, { placeholderData: keepPreviousData, staleTime: 0 }));
  useRefetchOn(commands, history.refetch);
  const list = history.data?.commands ?? [];
  return (
    <div className="run-table-wrap">
      {record && (
        <p className="muted small" data-testid="run-recording">
          Recorded: flow version {record.flowVersion}, seed {record.seed}, {record.mode} mode, {history.data?.total ?? 0} command(s) and the whole trace.{" "}
          <a href={`/flows/${record.flowId}/runs/${record.id}`}>Open in time travel</a>
        </p>
      )}
      {list.length === 0 ? (
        <p className="muted small">No commands yet.</p>
      ) : (
        <table className="run-grid" aria-label="Commands of this run" data-testid="command-history">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">t</th>
              <th scope="col">command</th>
              <th scope="col">data</th>
              <th scope="col">result</th>
            </tr>
          </thead>
          <tbody>
            {list.map((entry) => (
              <tr key={entry.seq} data-status={entry.status}>
                <td>{entry.seq}</td>
                <td className="small">{entry.at} ms</td>
                <td className="mono small">{entry.command.aggregate}/{entry.command.aggregateId} · {entry.command.type}</td>
                <td className="mono small">{formatValue(entry.command.data, 60)}</td>
                <td className={entry.status === "rejected" ? "error small" : "small"}>{entry.status}{entry.message ? `: ${entry.message}` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
