// The trace of one run: every hop (append, publish, delivery, retry, dead letter,
// compensation, projection update...) stored in order and subscribable.

import type { JsonObject } from "../core/definitions";
import type { SqliteDatabase } from "./database";
import { createNotifier, type Subscription } from "./notifier";
import type { Transactions } from "./transactions";
import type { TraceEntry, TraceInput } from "./types";

export interface TraceLog {
  append(entry: TraceInput): number;
  /** Appends entries in order, many rows per statement (for batches of hops, e.g. a projection's). */
  appendMany(entries: readonly TraceInput[]): void;
  /** Entries with seq greater than `afterSeq`, in order; default limit 1000. */
  read(afterSeq: number, limit?: number): TraceEntry[];
  /** Entries about one message id, in order. */
  byMessage(messageId: string): TraceEntry[];
  /** Entries of one correlation id, in order. */
  byCorrelation(correlationId: string): TraceEntry[];
  /** Clock time of the last entry, or undefined. */
  lastAt(): number | undefined;
  /** Delivers entries after `afterSeq`, then new ones once committed (asynchronously, in batches). */
  subscribe(afterSeq: number, onEntries: (entries: TraceEntry[]) => void): Subscription;
}

interface Row {
  seq: number;
  at: number;
  kind: string;
  from_node: string | null;
  to_node: string | null;
  message_id: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  position: number | null;
  summary: string;
  detail: string | null;
}

const COLUMNS = "seq, at, kind, from_node, to_node, message_id, correlation_id, causation_id, position, summary, detail";
const SUBSCRIPTION_BATCH = 500;
/** Rows per multi-row INSERT of appendMany (11 parameters each, far below SQLite's limit). */
const INSERT_CHUNK = 50;
const INSERT_SQL = "INSERT INTO trace (run_id, at, kind, from_node, to_node, message_id, correlation_id, causation_id, position, summary, detail) VALUES ";
const ROW_PLACEHOLDERS = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

type Param = string | number | null;

function pushParams(params: Param[], runId: string, entry: TraceInput): void {
  params.push(
    runId,
    entry.at,
    entry.kind,
    entry.fromNode ?? null,
    entry.toNode ?? null,
    entry.messageId ?? null,
    entry.correlationId ?? null,
    entry.causationId ?? null,
    entry.position ?? null,
    entry.summary,
    entry.detail ? JSON.stringify(entry.detail) : null,
  );
}

export function createTraceLog(db: SqliteDatabase, tx: Transactions, runId: string): TraceLog {
  const insert = db.prepare<[Param[]]>(INSERT_SQL + ROW_PLACEHOLDERS);
  const insertChunk = db.prepare<[Param[]]>(INSERT_SQL + Array.from({ length: INSERT_CHUNK }, () => ROW_PLACEHOLDERS).join(", "));
  const after = db.prepare<[string, number, number], Row>(`SELECT ${COLUMNS} FROM trace WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?`);
  const ofMessage = db.prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM trace WHERE run_id = ? AND message_id = ? ORDER BY seq`);
  const ofCorrelation = db.prepare<[string, string], Row>(
    `SELECT ${COLUMNS} FROM trace WHERE run_id = ? AND correlation_id = ? ORDER BY seq`,
  );
  const last = db.prepare<[string], number>("SELECT at FROM trace WHERE run_id = ? ORDER BY seq DESC LIMIT 1").pluck();

  const notifier = createNotifier();

  function read(afterSeq: number, limit = 1000): TraceEntry[] {
    return after.all(runId, afterSeq, limit).map(toEntry);
  }

  return {
    append(entry) {
      const params: Param[] = [];
      pushParams(params, runId, entry);
      const info = insert.run(params);
      tx.afterCommit(notifier.notify);
      return Number(info.lastInsertRowid);
    },
    appendMany(entries) {
      if (entries.length === 0) return;
      const write = () => {
        let start = 0;
        for (; start + INSERT_CHUNK <= entries.length; start += INSERT_CHUNK) {
          const params: Param[] = [];
          for (let i = start; i < start + INSERT_CHUNK; i++) pushParams(params, runId, entries[i]!);
          insertChunk.run(params);
        }
        for (let i = start; i < entries.length; i++) {
          const params: Param[] = [];
          pushParams(params, runId, entries[i]!);
          insert.run(params);
        }
      };
      // Inside an open transaction (no savepoint: its rollback drops the rows), else in one of its own.
      if (db.inTransaction) write();
      else tx.transaction(write);
      tx.afterCommit(notifier.notify);
    },
    read,
    byMessage: (messageId) => ofMessage.all(runId, messageId).map(toEntry),
    byCorrelation: (correlationId) => ofCorrelation.all(runId, correlationId).map(toEntry),
    lastAt: () => last.get(runId),
    subscribe: (afterSeq, onEntries) => notifier.subscribe(afterSeq, (seq) => read(seq, SUBSCRIPTION_BATCH), (entry) => entry.seq, onEntries),
  };
}

function toEntry(row: Row): TraceEntry {
  return {
    seq: row.seq,
    at: row.at,
    kind: row.kind,
    fromNode: row.from_node,
    toNode: row.to_node,
    messageId: row.message_id,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    position: row.position,
    summary: row.summary,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as JsonObject),
  };
}
