// The idempotency store of one run: message ids already processed, per group.

import type { SqliteDatabase } from "./database";

export interface ProcessedMessages {
  has(group: string, messageId: string): boolean;
  /** Records the id; false when it was already there (a duplicate). */
  add(group: string, messageId: string, now: number): boolean;
}

export function createProcessedMessages(db: SqliteDatabase, runId: string): ProcessedMessages {
  const select = db.prepare<[string, string, string], number>(
    "SELECT 1 FROM processed_messages WHERE run_id = ? AND group_name = ? AND message_id = ?",
  ).pluck();
  const insert = db.prepare<[string, string, string, number]>(
    "INSERT OR IGNORE INTO processed_messages (run_id, group_name, message_id, processed_at) VALUES (?, ?, ?, ?)",
  );
  return {
    has: (group, messageId) => select.get(runId, group, messageId) !== undefined,
    add: (group, messageId, now) => insert.run(runId, group, messageId, now).changes === 1,
  };
}
