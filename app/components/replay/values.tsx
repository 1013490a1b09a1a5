"use client";
// How the replay shows JSON values: compact inline text, an object's fields as a small grid with
// the fields that changed marked, and a record's title and identity by its kind.
import type { WorldRecord } from "./types";

/** A JSON value in one line (long ones cut). */
export function inline(value: unknown, max = 80): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text === undefined ? "—" : text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Fields whose value differs between two objects (both sides' keys). */
export function changedFields(before: unknown, after: unknown): Set<string> {
  const changed = new Set<string>();
  if (!isObject(before) || !isObject(after)) return changed;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed.add(key);
  }
  return changed;
}

export function Fields({ value, changed, testId }: { value: unknown; changed?: ReadonlySet<string>; testId?: string }) {
  if (!isObject(value)) return <span className="mono">{inline(value)}</span>;
  const keys = Object.keys(value);
  if (keys.length === 0) return <span className="muted small">(empty)</span>;
  return (
    <dl className="kv" data-testid={testId}>
      {keys.map((key) => (
        <div key={key} className={changed?.has(key) ? "kv-item is-changed" : "kv-item"} data-field={key}>
          <dt>{key}</dt>
          <dd className="mono">{inline(value[key])}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The part of a record that is its content (what a before/after shows). */
export function contentOf(record: WorldRecord): unknown {
  switch (record.kind) {
    case "aggregate":
      return record.state;
    case "row":
      return record.row;
    case "saga":
      return { status: record.status, step: record.step, completed: record.completed, compensating: record.compensating, ...record.data };
    case "outbox":
      return { pending: record.pending.map((send) => send.summary) };
    case "retry":
      return { attempt: record.attempt, dueAt: record.dueAt, topic: record.retryTopic };
    case "dead-letter":
      return { status: record.status, reason: record.reason, node: record.node };
    case "projection-stall":
      return { eventType: record.eventType, message: record.message };
    default: {
      const unknown: never = record;
      throw new Error(`Unknown record ${JSON.stringify(unknown)}`);
    }
  }
}

/** Kind label and identity of a record, as a person reads them. */
export function titleOf(record: WorldRecord): { kind: string; name: string } {
  switch (record.kind) {
    case "aggregate":
      return { kind: record.aggregate, name: record.streamId };
    case "row":
      return { kind: `Row of ${record.projection}`, name: record.key };
    case "saga":
      return { kind: `Saga ${record.sagaName}`, name: record.instanceId };
    case "outbox":
      return { kind: "Outbox", name: record.messageId };
    case "retry":
      return { kind: `Retry at ${record.node}`, name: record.messageId };
    case "dead-letter":
      return { kind: `Dead letter of ${record.node}`, name: `#${record.id}` };
    case "projection-stall":
      return { kind: "Stalled projection", name: record.projection };
    default: {
      const unknown: never = record;
      throw new Error(`Unknown record ${JSON.stringify(unknown)}`);
    }
  }
}
