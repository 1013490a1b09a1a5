"use client";
// The replay's header: back to the studio with this run open, the run (seed, mode, status, when, what it was forked
// from), every run of the flow to reopen, and the what-if button.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { memo } from "react";
import { useTRPC } from "../../lib/trpc";
import type { OpenedRun } from "./types";

const short = (id: string) => id.slice(0, 8);
const when = (date: Date | string) => new Date(date).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "medium" });

export const RunHeader = memo(function RunHeader({ opened, onWhatIf }: { opened: OpenedRun; onWhatIf(): void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { run, flow } = opened;
  const runs = useQuery(trpc.runs.list.queryOptions({ flowId: run.flowId, limit: 100 }));
  const href = (id: string) => `/flows/${encodeURIComponent(run.flowId)}/runs/${encodeURIComponent(id)}`;
  return (
    <header className="replay-head">
      <div className="replay-title">
        <Link href={`/flows/${encodeURIComponent(run.flowId)}?run=${encodeURIComponent(run.id)}`} className="small" data-testid="replay-back" title="Back to the studio with this run open">← {flow.name}</Link>
        <h1>
          Replay <span className="mono run-id" data-testid="run-id">run {short(run.id)}</span>
        </h1>
        <span className="chip">seed {run.seed}</span>
        <span className="chip">{run.mode}</span>
        <span className={`chip status-${run.status}`}>{run.status}</span>
        <span className="muted small">started {when(run.startedAt)}</span>
        {run.parentRunId && (
          <span className="small fork-of">
            fork of <Link href={href(run.parentRunId)} className="mono">run {short(run.parentRunId)}</Link>
            {run.forkedAt !== null && <> at #{run.forkedAt}</>}
          </span>
        )}
      </div>
      <div className="replay-actions">
        <label className="small">
          <span className="visually-hidden">Runs of this flow</span>
          <select aria-label="Runs of this flow" value={run.id} onChange={(e) => router.push(href(e.target.value))}>
            {(runs.data ?? [{ run, state: null }]).map(({ run: other }) => (
              <option key={other.id} value={other.id}>
                {other.parentRunId ? "↳ fork " : "run "}
                {short(other.id)} · seed {other.seed} · {other.mode} · {other.status} · {when(other.startedAt)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={onWhatIf}>What if…?</button>
      </div>
    </header>
  );
});
