// Reads one run's log and trace for time travel, with prepared statements on
// the run's SQLite connection: events after a position (with their size in
// bytes), the trace hops that change state, ordinals of positions, and the
// trace entries of one event's moment. Read-only.

import type { JsonObject, MessageMetadata, RecordedEvent } from "../core/definitions";
import { EVENT_COLUMNS, eventOfRow, type EventRow, type RawEventRow, type RunStore, type TraceEntry } from "../store";
import { STATEFUL_TRACE_KINDS, type TraceHop } from "./kernel/foldTrace";

export interface EventsRead {
  events: RecordedEvent[];
  /** Bytes of stored data and metadata text of those events. */
  bytes: number;
}

export interface LogReader {
  /** Events with a global position above `afterPosition`, in order, at most `limit`. */
  eventsAfter(afterPosition: number, limit: number): EventsRead;
  /** The event at a global position of this run. */
  eventAt(position: number): RecordedEvent | undefined;
  /** Position of the (offset+1)-th event after `afterPosition`, or undefined past the end. */
  positionAfter(afterPosition: number, offset: number): number | undefined;
  /** Trace hops of the stateful kinds with seq above `afterSeq`, in order. */
  hopsAfter(afterSeq: number, limit: number): TraceHop[];
  /** Every trace entry with from ≤ seq < to (to null = to the end), at most `limit`. */
  traceBetween(from: number, to: number | null, limit: number): TraceEntry[];
  /** Events of the run with afterPosition < position ≤ upTo. */
  countBetween(afterPosition: number, upTo: number): number;
  positionOfEvent(eventId: string): number | undefined;
  /** Highest trace seq of the run, 0 when none. */
  traceHead(): number;
}

type HopRow = [seq: number, at: number, kind: string, fromNode: string | null, toNode: string | null, messageId: string | null, position: number | null, summary: string, detail: string | null];

const KINDS = STATEFUL_TRACE_KINDS.map((kind) => `'${kind}'`).join(", ");

export function createLogReader(store: RunStore): LogReader {
  const { db, runId } = store;
  const after = db.prepare<[string, number, number], RawEventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE run_id = ? AND position > ? ORDER BY position LIMIT ?`).raw();
  const at = db.prepare<[string, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE run_id = ? AND position = ?`);
  // Rows as arrays (raw), and first deliveries (no detail) left in SQLite: this is the hot path of every fold.
  const hops = db
    .prepare<[string, number, number], HopRow>(
      `SELECT seq, at, kind, from_node, to_node, message_id, position, summary, detail FROM trace
       WHERE run_id = ? AND seq > ? AND kind IN (${KINDS}) AND (kind <> 'delivery' OR detail IS NOT NULL) ORDER BY seq LIMIT ?`,
    )
    .raw();
  const between = db.prepare<[string, number, number, number], Record<string, unknown>>(
    `SELECT seq, at, kind, from_node, to_node, message_id, correlation_id, causation_id, position, summary, detail FROM trace
     WHERE run_id = ? AND seq >= ? AND seq < ? ORDER BY seq LIMIT ?`,
  );
  const nth = db.prepare<[string, number, number], number>("SELECT position FROM events WHERE run_id = ? AND position > ? ORDER BY position LIMIT 1 OFFSET ?").pluck();
  const count = db.prepare<[string, number, number], number>("SELECT COUNT(*) FROM events WHERE run_id = ? AND position > ? AND position <= ?").pluck();
  const byEventId = db.prepare<[string, string], number>("SELECT position FROM events WHERE run_id = ? AND event_id = ?").pluck();
  const head = db.prepare<[string], number | null>("SELECT MAX(seq) FROM trace WHERE run_id = ?").pluck();

  return {
    eventsAfter(afterPosition, limit) {
      const rows = after.all(runId, afterPosition, limit);
      let bytes = 0;
      const events = rows.map(([position, streamId, streamVersion, eventId, type, data, metadata, recordedAt]) => {
        bytes += data.length + metadata.length;
        return { position, streamId, streamVersion, eventId, type, data: JSON.parse(data) as JsonObject, metadata: JSON.parse(metadata) as MessageMetadata, recordedAt };
      });
      return { events, bytes };
    },
    eventAt(position) {
      const row = at.get(runId, position);
      return row && eventOfRow(row);
    },
    positionAfter: (afterPosition, offset) => nth.get(runId, afterPosition, offset),
    hopsAfter: (afterSeq, limit) => hops.all(runId, afterSeq, limit).map(toHop),
    traceBetween: (from, to, limit) => between.all(runId, from, to ?? Number.MAX_SAFE_INTEGER, limit).map(toTraceEntry),
    countBetween: (afterPosition, upTo) => (upTo <= afterPosition ? 0 : count.get(runId, afterPosition, upTo) ?? 0),
    positionOfEvent: (eventId) => byEventId.get(runId, eventId),
    traceHead: () => head.get(runId) ?? 0,
  };
}

function toHop([seq, at, kind, fromNode, toNode, messageId, position, summary, detail]: HopRow): TraceHop {
  return { seq, at, kind, fromNode, toNode, messageId, position, summary, detail: detail === null ? null : (JSON.parse(detail) as JsonObject) };
}

function toTraceEntry(row: Record<string, unknown>): TraceEntry {
  return {
    seq: row.seq as number,
    at: row.at as number,
    kind: row.kind as string,
    fromNode: row.from_node as string | null,
    toNode: row.to_node as string | null,
    messageId: row.message_id as string | null,
    correlationId: row.correlation_id as string | null,
    causationId: row.causation_id as string | null,
    position: row.position as number | null,
    summary: row.summary as string,
    detail: row.detail === null ? null : (JSON.parse(row.detail as string) as JsonObject),
  };
}
