"use client";
// Everything as it was at the position: every aggregate's state, every read model's rows, every
// saga instance, and the queues (outbox pending, retries in flight, dead letters). What the current
// event changed is marked. A closed panel's part is not fetched (see useWorldAt).
import { memo, useMemo } from "react";
import { changedFields, contentOf, Fields, inline } from "./values";
import type { World, WorldDiff, WorldPart, WorldRecord } from "./types";

type AggregateRecord = Extract<WorldRecord, { kind: "aggregate" }>;
type SagaRecord = Extract<WorldRecord, { kind: "saga" }>;

const SHOWN = 200;

export interface StatePanelsProps {
  /** The event index the world is at (on the panels' root as data-index, which the scrub bench watches). */
  index: number;
  world: World;
  diff: WorldDiff | null;
  open: readonly WorldPart[];
  onToggle(part: WorldPart, open: boolean): void;
}

/** Key of a record within its panel → the fields the current event changed (empty set: added). */
function changesOf(diff: WorldDiff | null): Map<string, Set<string>> {
  const changes = new Map<string, Set<string>>();
  if (!diff) return changes;
  for (const record of Object.values(diff.added)) changes.set(keyOf(record), new Set());
  for (const [from, to] of Object.values(diff.updated)) changes.set(keyOf(to), changedFields(contentOf(from), contentOf(to)));
  return changes;
}

function keyOf(record: WorldRecord): string {
  switch (record.kind) {
    case "aggregate":
      return `a:${record.streamId}`;
    case "row":
      return `r:${record.projection}:${record.key}`;
    case "saga":
      return `s:${record.sagaName}:${record.instanceId}`;
    case "projection-stall":
    case "outbox":
    case "retry":
    case "dead-letter":
      return record.kind;
    default: {
      const unknown: never = record;
      throw new Error(`Unknown record ${JSON.stringify(unknown)}`);
    }
  }
}

function Section({ part, title, count, open, onToggle, children }: { part: WorldPart; title: string; count: number; open: boolean; onToggle: StatePanelsProps["onToggle"]; children: React.ReactNode }) {
  return (
    <details className="state-section" open={open} onToggle={(e) => onToggle(part, (e.target as HTMLDetailsElement).open)} data-testid={`panel-${part}`}>
      <summary>
        {title} <span className="count">{count}</span>
      </summary>
      {open && children}
    </details>
  );
}

const byKey = <T,>(key: (item: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** One aggregate; memo'd, so a move re-renders only the aggregates it changed (records keep their identity). */
const AggregateCard = memo(function AggregateCard({ aggregate, changed }: { aggregate: AggregateRecord; changed: ReadonlySet<string> | undefined }) {
  return (
    <article className={`state-card${changed ? " is-changed" : ""}`} data-testid={`aggregate-${aggregate.streamId}`}>
      <header>
        <span className="mono">{aggregate.streamId}</span>
        <span className="muted small">{aggregate.aggregate} · v{aggregate.version}</span>
      </header>
      <Fields value={aggregate.state} {...(changed ? { changed } : {})} />
      {aggregate.error && <p className="error small">{aggregate.error}</p>}
    </article>
  );
});

const RowLine = memo(function RowLine({ name, rowKey, row, columns, changed }: { name: string; rowKey: string; row: Record<string, unknown>; columns: string; changed: ReadonlySet<string> | undefined }) {
  return (
    <tr className={changed ? "is-changed" : undefined} data-testid={`row-${name}-${rowKey}`}>
      <td className="mono">{rowKey}</td>
      {columns.split("\u0000").map((c) => <td key={c} className={`mono${changed?.has(c) ? " cell-changed" : ""}`}>{inline(row[c], 40)}</td>)}
    </tr>
  );
});

const SagaCard = memo(function SagaCard({ saga, changed }: { saga: SagaRecord; changed: boolean }) {
  return (
    <article className={`state-card${changed ? " is-changed" : ""}`} data-testid={`saga-${saga.sagaName}-${saga.instanceId}`}>
      <header>
        <span><span className="mono">{saga.sagaName}</span> · <span className="mono">{saga.instanceId}</span></span>
        <span className={`status status-${saga.status}`}>{saga.status}</span>
      </header>
      <p className="small muted">
        step {saga.step} · completed [{saga.completed.join(", ")}]{saga.compensating !== null ? ` · compensating ${saga.compensating}` : ""}
      </p>
      <Fields value={saga.data} />
    </article>
  );
});

const More = ({ total }: { total: number }) => (total > SHOWN ? <p className="muted small">Showing {SHOWN} of {total.toLocaleString("en")}.</p> : null);

export const StatePanels = memo(function StatePanels({ index, world, diff, open, onToggle }: StatePanelsProps) {
  const changes = useMemo(() => changesOf(diff), [diff]);
  const isOpen = (part: WorldPart) => open.includes(part);
  // Sorted here: a world moved through diffs in the browser holds new entries last.
  const aggregates = Object.values(world.aggregates ?? {}).sort(byKey((a) => a.streamId));
  const models = Object.entries(world.readModels ?? {}).sort(byKey(([name]) => name));
  const sagas = Object.values(world.sagas ?? {}).flatMap((instances) => Object.values(instances)).sort(byKey((saga) => `${saga.sagaName}\u0000${saga.instanceId}`));
  const queues = world.queues;
  const queued = queues ? queues.outbox.length + queues.retries.length + queues.deadLetters.length : 0;

  return (
    <div className="state-panels" data-testid="state-panels" data-index={index}>
      <Section part="aggregates" title="Aggregates" count={aggregates.length} open={isOpen("aggregates")} onToggle={onToggle}>
        {aggregates.length === 0 && <p className="muted small">No aggregate has an event yet.</p>}
        {aggregates.slice(0, SHOWN).map((aggregate) => <AggregateCard key={aggregate.streamId} aggregate={aggregate} changed={changes.get(`a:${aggregate.streamId}`)} />)}
        <More total={aggregates.length} />
      </Section>

      <Section part="readModels" title="Read models" count={models.length} open={isOpen("readModels")} onToggle={onToggle}>
        {models.map(([name, model]) => {
          const rows = Object.entries(model.rows).sort(byKey(([key]) => key));
          const columns = [...new Set(rows.slice(0, SHOWN).flatMap(([, row]) => Object.keys(row)))];
          const columnsKey = columns.join("\u0000");
          return (
            <div key={name} className="read-model" data-testid={`read-model-${name}`}>
              <h4 className="mono">{name} <span className="muted small">{rows.length} row{rows.length === 1 ? "" : "s"}</span></h4>
              {model.stalled && <p className="error small">Stalled at {model.stalled.eventType}: {model.stalled.message}</p>}
              {rows.length > 0 && (
                <div className="table-wrap">
                  <table>
                    <thead><tr><th>key</th>{columns.map((c) => <th key={c}>{c}</th>)}</tr></thead>
                    <tbody>
                      {rows.slice(0, SHOWN).map(([key, row]) => <RowLine key={key} name={name} rowKey={key} row={row} columns={columnsKey} changed={changes.get(`r:${name}:${key}`)} />)}
                    </tbody>
                  </table>
                </div>
              )}
              <More total={rows.length} />
            </div>
          );
        })}
      </Section>

      <Section part="sagas" title="Sagas" count={sagas.length} open={isOpen("sagas")} onToggle={onToggle}>
        {sagas.length === 0 && <p className="muted small">No saga instance yet.</p>}
        {sagas.slice(0, SHOWN).map((saga) => <SagaCard key={`${saga.sagaName}:${saga.instanceId}`} saga={saga} changed={changes.has(`s:${saga.sagaName}:${saga.instanceId}`)} />)}
        <More total={sagas.length} />
      </Section>

      <Section part="queues" title="Queues" count={queued} open={isOpen("queues")} onToggle={onToggle}>
        {queues && (
          <div className="queues">
            <h4>Outbox pending <span className="count">{queues.outbox.length}</span></h4>
            <ul className="queue" data-testid="queue-outbox">
              {queues.outbox.slice(0, SHOWN).map((send) => <li key={`${send.messageId}:${send.seq}`} className="small"><span className="mono">{send.summary}</span></li>)}
              {queues.outbox.length === 0 && <li className="muted small">empty</li>}
            </ul>
            <h4>Retries in flight <span className="count">{queues.retries.length}</span></h4>
            <ul className="queue" data-testid="queue-retries">
              {queues.retries.slice(0, SHOWN).map((retry) => (
                <li key={`${retry.node}:${retry.messageId}`} className="small">
                  <span className="mono">{retry.node}</span> attempt {retry.attempt} failed, next at t={retry.dueAt} ms
                </li>
              ))}
              {queues.retries.length === 0 && <li className="muted small">none</li>}
            </ul>
            <h4>Dead letters <span className="count">{queues.deadLetters.length}</span></h4>
            <ul className="queue" data-testid="queue-dead-letters">
              {queues.deadLetters.slice(0, SHOWN).map((letter) => (
                <li key={letter.id} className="small">
                  <span className={`status status-${letter.status}`}>{letter.status}</span> <span className="mono">{letter.node}</span>: {letter.reason}
                </li>
              ))}
              {queues.deadLetters.length === 0 && <li className="muted small">none</li>}
            </ul>
          </div>
        )}
      </Section>
    </div>
  );
});
