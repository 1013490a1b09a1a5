"use client";
// What the current event changed: the event itself (type, stream, data, ids), then each record it
// added, changed (field by field, before → after) or removed, across aggregates, read models,
// sagas and queues.
import { memo } from "react";
import { changedFields, contentOf, Fields, inline, titleOf } from "./values";
import type { TimelineEvent, WorldDiff, WorldRecord } from "./types";

type Change = { id: string; how: "added" | "changed" | "removed"; before: WorldRecord | null; after: WorldRecord | null };

function changesOf(diff: WorldDiff): Change[] {
  return [
    ...Object.entries(diff.updated).map(([id, [before, after]]): Change => ({ id, how: "changed", before, after })),
    ...Object.entries(diff.added).map(([id, after]): Change => ({ id, how: "added", before: null, after })),
    ...Object.entries(diff.removed).map(([id, before]): Change => ({ id, how: "removed", before, after: null })),
  ];
}

function BeforeAfter({ before, after }: { before: unknown; after: unknown }) {
  const fields = [...changedFields(before, after)];
  if (fields.length === 0) return <p className="small mono">{inline(before)} → {inline(after)}</p>;
  return (
    <table className="before-after">
      <thead><tr><th>field</th><th>before</th><th>after</th></tr></thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field} data-testid={`change-${field}`}>
            <td className="mono">{field}</td>
            <td className="mono before">{inline((before as Record<string, unknown>)[field], 40)}</td>
            <td className="mono after">{inline((after as Record<string, unknown>)[field], 40)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const ChangePanel = memo(function ChangePanel({ event, diff, index }: { event: TimelineEvent | null; diff: WorldDiff | null; index: number }) {
  if (index === 0) return <p className="muted small">Before the first event: nothing has happened yet. Step forward to see the first change.</p>;
  if (!event || !diff) return <p className="muted small">Loading…</p>;
  const changes = changesOf(diff);
  return (
    <div className="change-panel" data-testid="change-panel">
      <article className="event-card">
        <header>
          <span className="mono event-type">{event.type}</span>
          <span className="muted small">#{event.index}</span>
        </header>
        <p className="small muted">
          on <span className="mono">{event.streamId}</span> v{event.streamVersion} · t={event.recordedAt} ms{event.storedType !== event.type ? ` · stored as ${event.storedType}` : ""}
        </p>
        <Fields value={event.data} />
        <p className="ids small muted mono">correlation {event.correlationId} · caused by {event.causationId}</p>
      </article>
      <h4>What it changed <span className="count">{changes.length}</span></h4>
      {changes.length === 0 && <p className="muted small">Nothing in the world changed at this moment.</p>}
      <ul className="changes">
        {changes.map((change) => {
          const record = (change.after ?? change.before)!;
          const title = titleOf(record);
          return (
            <li key={change.id} className={`change change-${change.how}`}>
              <header>
                <span className={`how how-${change.how}`}>{change.how}</span> {title.kind} <span className="mono">{title.name}</span>
              </header>
              {change.how === "changed" ? <BeforeAfter before={contentOf(change.before!)} after={contentOf(change.after!)} /> : <Fields value={contentOf(record)} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
});
