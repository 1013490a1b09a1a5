"use client";
// Two outcomes side by side: the final world of a run (left) and of another run of the same flow,
// usually its what-if fork (right). Every record that differs is listed with both sides, the
// fields that differ marked; records only one side has say so.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { memo } from "react";
import { useTRPC } from "../../lib/trpc";
import { changedFields, contentOf, Fields, titleOf } from "./values";
import type { WorldRecord } from "./types";

const short = (id: string) => id.slice(0, 8);

function Side({ record, other, testId }: { record: WorldRecord | null; other: WorldRecord | null; testId: string }) {
  if (!record) return <div className="compare-side is-missing" data-testid={testId}>not there</div>;
  const changed = other ? changedFields(contentOf(other), contentOf(record)) : undefined;
  return (
    <div className="compare-side" data-testid={testId}>
      <Fields value={contentOf(record)} {...(changed ? { changed } : {})} />
    </div>
  );
}

export const ComparePanel = memo(function ComparePanel({ flowId, leftRunId, rightRunId, onClose }: { flowId: string; leftRunId: string; rightRunId: string; onClose(): void }) {
  const trpc = useTRPC();
  const compared = useQuery(trpc.timeline.compare.queryOptions({ runId: leftRunId, otherRunId: rightRunId }));
  const href = (id: string) => `/flows/${encodeURIComponent(flowId)}/runs/${encodeURIComponent(id)}`;
  const rows = compared.data
    ? [
        ...Object.entries(compared.data.diff.updated).map(([id, [left, right]]) => ({ id, left, right })),
        ...Object.entries(compared.data.diff.removed).map(([id, left]) => ({ id, left, right: null })),
        ...Object.entries(compared.data.diff.added).map(([id, right]) => ({ id, left: null, right })),
      ].sort((a, b) => (a.id < b.id ? -1 : 1))
    : [];

  return (
    <section className="compare-panel" aria-labelledby="compare-title" data-testid="compare-panel">
      <header className="compare-head">
        <h2 id="compare-title">Outcomes side by side</h2>
        <button type="button" className="secondary small" onClick={onClose}>Close</button>
      </header>
      {compared.isPending && <p className="muted small">Comparing the final worlds…</p>}
      {compared.error && <p role="alert" className="error small">{compared.error.message}</p>}
      {compared.data && (
        <>
          <div className="compare-grid compare-titles">
            <span />
            <div>
              <strong>Original</strong> <Link href={href(leftRunId)} className="mono small">run {short(leftRunId)}</Link>
              <span className="muted small"> · {compared.data.left.length} events</span>
            </div>
            <div>
              <strong>What-if fork</strong> <Link href={href(rightRunId)} className="mono small">run {short(rightRunId)}</Link>
              <span className="muted small"> · {compared.data.right.length} events{compared.data.right.run.forkedAt !== null ? ` · forked at #${compared.data.right.run.forkedAt}` : ""}</span>
            </div>
          </div>
          {rows.length === 0 && <p className="muted">Both runs end in the same world.</p>}
          <div className="compare-rows">
            {rows.map(({ id, left, right }) => {
              const title = titleOf((left ?? right)!);
              return (
                <div key={id} className="compare-grid compare-row" data-testid={`compare-${id}`}>
                  <div className="compare-name">
                    <span className="small muted">{title.kind}</span>
                    <span className="mono">{title.name}</span>
                  </div>
                  <Side record={left} other={right} testId="compare-left" />
                  <Side record={right} other={left} testId="compare-right" />
                </div>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
});
