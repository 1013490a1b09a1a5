// Alerts of one run (a compensation that failed, a message dropped...), for a person to look at.

import type { SqliteDatabase } from "./database";
import type { Alert, AlertInput } from "./types";

export interface AlertStore {
  add(alert: AlertInput): number;
  /** Alerts with an id greater than `afterId`, oldest first; default limit 100. */
  list(afterId?: number, limit?: number): Alert[];
}

export function createAlertStore(db: SqliteDatabase, runId: string): AlertStore {
  const insert = db.prepare<[string, number, string, string, string]>(
    "INSERT INTO alerts (run_id, at, severity, source, message) VALUES (?, ?, ?, ?, ?)",
  );
  const select = db.prepare<[string, number, number], Alert>(
    "SELECT id, at, severity, source, message FROM alerts WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?",
  );
  return {
    add: (alert) => Number(insert.run(runId, alert.at, alert.severity, alert.source, alert.message).lastInsertRowid),
    list: (afterId = 0, limit = 100) => select.all(runId, afterId, limit),
  };
}
