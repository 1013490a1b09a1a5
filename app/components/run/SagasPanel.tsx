"use client";
// Saga instances of the open run: status, the step each is at, and, opened, its step history
// (forward steps and compensations, with the message that moved it).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";
import { useLiveTick } from "./useLiveTick";
import { useRefetchOn } from "./useRefetchOn";

export function SagasPanel({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const tick = useLiveTick();
  const sagas = useQuery(trpc.runs.sagas.queryOptions({ runId, limit: 100 }, { placeholderData: keepPreviousData, staleTime: 0 }));
  useRefetchOn(tick, sagas.refetch);
  if (sagas.error) return <p role="alert" className="error small">{sagas.error.message}</p>;
  const instances = sagas.data?.instances ?? [];
  if (instances.length === 0) return <p className="muted small">No saga instances yet.</p>;
  return (
    <div className="run-table-wrap">
      <p className="muted small">{sagas.data?.total ?? 0} instance(s){(sagas.data?.total ?? 0) > instances.length ? `, the first ${instances.length} shown` : ""}</p>
      <ul className="run-sagas-list" data-testid="saga-instances">
        {instances.map((instance) => (
          <li key={`${instance.saga}/${instance.instanceId}`} data-instance={instance.instanceId} data-status={instance.status}>
            <details>
              <summary>
                <span className="mono">{instance.instanceId}</span> · {instance.saga} · <span className={`saga-status saga-${instance.status}`}>{instance.status}</span>
                {instance.history.at(-1) && <span className="muted"> · at {instance.history.at(-1)!.stepName ?? `step ${instance.step + 1}`}</span>}
              </summary>
              <ol className="saga-history">
                {instance.history.map((entry, i) => (
                  <li key={i} className={`phase-${entry.phase}`}>
                    <span className="muted">t={entry.at} ms</span> {entry.phase === "forward" ? "→" : "↺"} {entry.stepName ?? `step ${entry.step + 1}`} <strong>{entry.outcome}</strong>
                    {entry.messageType && <span className="mono muted"> · {entry.messageType}</span>}
                  </li>
                ))}
              </ol>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}
