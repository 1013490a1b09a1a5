"use client";
// The dead-letter inbox of the open run: each letter's provenance (original topic, group), its
// errors and attempts and when it failed; redrive one, or several with a preview of what will
// happen (where each goes, how long at the rate limit, what may make them fail again) and a paced
// job with its progress; discard.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import { useLiveTick } from "./useLiveTick";
import { useRefetchOn } from "./useRefetchOn";
import { useRunActions } from "./useRunActions";
import { formatValue } from "./values";

export function DeadLettersPanel({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const actions = useRunActions();
  const tick = useLiveTick();
  const letters = useQuery(trpc.deadLetters.list.queryOptions({ runId, status: "dead", limit: 200 }, { placeholderData: keepPreviousData, staleTime: 0 }));
  useRefetchOn(tick, letters.refetch);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [perSecond, setPerSecond] = useState("10");
  const [preview, setPreview] = useState(false);
  const job = useQuery(trpc.deadLetters.redriveStatus.queryOptions({ runId }, { refetchInterval: (query) => (query.state.data?.state === "running" ? 500 : false), staleTime: 0 }));
  useRefetchOn(tick, job.refetch);

  const list = letters.data?.letters ?? [];
  const ids = list.filter((letter) => selected.has(letter.id)).map((letter) => letter.id);
  const rate = Number(perSecond);
  const rateOk = Number.isFinite(rate) && rate >= 0.1 && rate <= 100;
  const toggle = (id: number) => setSelected((all) => {
    const next = new Set(all);
    if (!next.delete(id)) next.add(id);
    return next;
  });

  async function redriveOne(id: number) {
    await actions.request(() => client.deadLetters.redrive.mutate({ runId, id }));
    void letters.refetch();
  }
  async function redriveMany() {
    if (ids.length === 0 || !rateOk) return;
    await actions.request(() => client.deadLetters.redriveMany.mutate({ runId, selection: { ids }, perSecond: rate }));
    setPreview(false);
    setSelected(new Set());
    void job.refetch();
  }
  async function discard() {
    if (ids.length === 0) return;
    await actions.request(() => client.deadLetters.discard.mutate({ runId, ids }));
    setSelected(new Set());
    void letters.refetch();
  }

  if (letters.error) return <p role="alert" className="error small">{letters.error.message}</p>;
  return (
    <div className="run-dlq-panel">
      <div className="run-dlq-actions">
        <span className="small" data-testid="dead-letter-count">{letters.data?.dead ?? 0} dead letter(s)</span>
        <label className="run-field small">
          Rate
          <input aria-label="Redrives per second" className="run-rate" value={perSecond} onChange={(event) => setPerSecond(event.target.value)} inputMode="decimal" aria-invalid={!rateOk} /> /s
        </label>
        <button type="button" className="secondary small" disabled={ids.length === 0 || !rateOk} onClick={() => setPreview(true)}>Preview redrive of {ids.length}</button>
        <button type="button" className="danger-outline secondary small" disabled={ids.length === 0} onClick={() => void discard()}>Discard {ids.length}</button>
        {job.data && <RedriveProgress job={job.data} onCancel={() => void actions.request(() => client.deadLetters.cancelRedrive.mutate({ runId })).then(() => job.refetch())} />}
      </div>
      {preview && ids.length > 0 && rateOk && <RedrivePreview runId={runId} ids={ids} perSecond={rate} onConfirm={() => void redriveMany()} onCancel={() => setPreview(false)} />}
      {list.length === 0 ? (
        <p className="muted small">No dead letters. A message lands here when a consumer gives up on it.</p>
      ) : (
        <div className="run-table-wrap">
          <table className="run-grid" data-testid="dead-letters" aria-label="Dead letters">
            <thead>
              <tr>
                <th scope="col"><input type="checkbox" aria-label="Select every dead letter" checked={ids.length === list.length} onChange={(event) => setSelected(event.target.checked ? new Set(list.map((l) => l.id)) : new Set())} /></th>
                <th scope="col">message</th>
                <th scope="col">from</th>
                <th scope="col">attempts</th>
                <th scope="col">last error</th>
                <th scope="col">failed (t)</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {list.map((letter) => (
                <tr key={letter.id} data-letter={letter.id}>
                  <td><input type="checkbox" aria-label={`Select dead letter ${letter.id}`} checked={selected.has(letter.id)} onChange={() => toggle(letter.id)} /></td>
                  <td>
                    <span className="mono">{letter.type}</span>
                    <div className="muted small mono">key {letter.key} · {formatValue(letter.data, 60)}</div>
                  </td>
                  <td className="small">topic <span className="mono">{letter.originalTopic}</span><br />group <span className="mono">{letter.group}</span></td>
                  <td>{letter.attempts}</td>
                  <td className="small" title={letter.errors.map((e) => `${e.name}: ${e.message}`).join("\n")}>
                    {letter.errors.at(-1) ? `${letter.errors.at(-1)!.name}: ${letter.errors.at(-1)!.message}` : "–"}
                    {letter.errors.length > 1 && <span className="muted"> (+{letter.errors.length - 1} earlier)</span>}
                  </td>
                  <td className="small">{letter.firstFailureAt}–{letter.lastFailureAt} ms</td>
                  <td><button type="button" className="secondary small" onClick={() => void redriveOne(letter.id)}>Redrive</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function RedrivePreview({ runId, ids, perSecond, onConfirm, onCancel }: { runId: string; ids: number[]; perSecond: number; onConfirm: () => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const preview = useQuery(trpc.deadLetters.preview.queryOptions({ runId, selection: { ids }, perSecond }, { staleTime: 0 }));
  if (preview.error) return <p role="alert" className="error small">{preview.error.message}</p>;
  if (!preview.data) return <p className="muted small">Preparing the preview…</p>;
  const p = preview.data;
  return (
    <div className="run-preview" data-testid="redrive-preview" role="region" aria-label="Redrive preview">
      <p className="small">
        <strong>{p.letters.length}</strong> message(s) go back, at most {p.perSecond}/s (about {p.estimatedSeconds} s):
      </p>
      <ul className="small">
        {p.targets.map((target) => (
          <li key={`${target.topic}/${target.group}`}>{target.count} to topic <span className="mono">{target.topic}</span> for group <span className="mono">{target.group}</span> only</li>
        ))}
      </ul>
      {p.notes.length > 0 && (
        <ul className="small run-notes">
          {p.notes.map((note, i) => <li key={i}>{note}</li>)}
        </ul>
      )}
      {p.missing.length > 0 && <p className="small muted">Not dead letters any more: {p.missing.join(", ")}</p>}
      <div className="dialog-actions">
        <button type="button" className="secondary small" onClick={onCancel}>Cancel</button>
        <button type="button" className="small" onClick={onConfirm}>Redrive {p.letters.length}</button>
      </div>
    </div>
  );
}

function RedriveProgress({ job, onCancel }: { job: { ids: number[]; done: number; state: string; perSecond: number; skipped: { id: number; reason: string }[] }; onCancel: () => void }) {
  return (
    <span className="small" data-testid="redrive-progress" data-state={job.state}>
      redrive {job.state}: {job.done}/{job.ids.length} at {job.perSecond}/s{job.skipped.length > 0 ? `, ${job.skipped.length} skipped` : ""}
      {job.state === "running" && <button type="button" className="link" onClick={onCancel}> cancel</button>}
    </span>
  );
}
