// The transactional outbox of one run: rows are enqueued inside the transaction
// that appends the events; a relay claims a batch (with a lease, so a crashed
// relay's claims come back), publishes it, then marks it published.

import type { SqliteDatabase } from "./database";
import type { Transactions } from "./transactions";
import type { Headers, OutboxMessage, OutboxRow } from "./types";

export interface Outbox {
  enqueue(messages: OutboxMessage[], now: number): void;
  /**
   * Claims up to `limit` unpublished rows in id order: unclaimed ones, ones this
   * owner claimed before (e.g. before a restart), and ones whose claim is older
   * than `leaseMs`. Only rows after `afterId` (default 0): a relay with a batch in flight skips it.
   */
  claimBatch(owner: string, limit: number, now: number, leaseMs?: number, afterId?: number): OutboxRow[];
  markPublished(ids: number[], now: number): void;
  /** Number of rows not yet published. */
  pendingCount(): number;
  /** Calls `listener` synchronously whenever rows are enqueued (even in a transaction that may still roll back); returns a function that stops it. */
  onEnqueued(listener: () => void): () => void;
}

interface Row {
  id: number;
  message_id: string;
  topic: string;
  key: string;
  headers: string;
  payload: string;
  created_at: number;
}

const DEFAULT_LEASE_MS = 30_000;

export function createOutbox(db: SqliteDatabase, tx: Transactions, runId: string): Outbox {
  const insert = db.prepare<[string, string, string, string, string, string, number]>(
    "INSERT INTO outbox (run_id, message_id, topic, key, headers, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const claim = db.prepare<[string, number, string, number, string, number, number], Row>(
    `UPDATE outbox SET claimed_by = ?, claimed_at = ?
     WHERE id IN (SELECT id FROM outbox WHERE run_id = ? AND id > ? AND published_at IS NULL
                  AND (claimed_by IS NULL OR claimed_by = ? OR claimed_at <= ?) ORDER BY id LIMIT ?)
     RETURNING id, message_id, topic, key, headers, payload, created_at`,
  );
  const publish = db.prepare<[number, string, number]>("UPDATE outbox SET published_at = ? WHERE run_id = ? AND id = ?");
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const pending = db.prepare<[string], number>("SELECT COUNT(*) FROM outbox WHERE run_id = ? AND published_at IS NULL").pluck();

  return {
    enqueue(messages, now) {
      for (const m of messages) insert.run(runId, m.messageId, m.topic, m.key, JSON.stringify(m.headers), m.payload, now);
      if (messages.length > 0) notify();
    },
    claimBatch(owner, limit, now, leaseMs = DEFAULT_LEASE_MS, afterId = 0) {
      return claim
        .all(owner, now, runId, afterId, owner, now - leaseMs, limit)
        .sort((a, b) => a.id - b.id)
        .map((row) => ({
          id: row.id,
          messageId: row.message_id,
          topic: row.topic,
          key: row.key,
          headers: JSON.parse(row.headers) as Headers,
          payload: row.payload,
          createdAt: row.created_at,
        }));
    },
    markPublished(ids, now) {
      tx.transaction(() => {
        for (const id of ids) publish.run(now, runId, id);
      });
    },
    pendingCount: () => pending.get(runId) ?? 0,
    onEnqueued(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
