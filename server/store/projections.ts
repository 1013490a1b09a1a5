// Read-model rows of one run, per projection: get, list, upsert, patch, delete,
// and clear (for a rebuild from zero).

import type { JsonObject } from "../core/definitions";
import type { SqliteDatabase } from "./database";
import type { ProjectionRow } from "./types";

export interface ListRowsOptions {
  /** Rows whose key sorts after this; default "" (from the start). */
  afterKey?: string;
  /** Default 1000. */
  limit?: number;
}

export interface ProjectionStore {
  get(projection: string, key: string): JsonObject | undefined;
  list(projection: string, options?: ListRowsOptions): ProjectionRow[];
  upsert(projection: string, key: string, row: JsonObject, now: number): void;
  /** Shallow-merges `set` into the row (an absent row starts as {}); returns the new row. */
  patch(projection: string, key: string, set: JsonObject, now: number): JsonObject;
  delete(projection: string, key: string): void;
  clear(projection: string): void;
  count(projection: string): number;
}

export function createProjectionStore(db: SqliteDatabase, runId: string): ProjectionStore {
  const select = db.prepare<[string, string, string], string>(
    "SELECT data FROM projection_rows WHERE run_id = ? AND projection = ? AND row_key = ?",
  ).pluck();
  const page = db.prepare<[string, string, string, number], { row_key: string; data: string; updated_at: number }>(
    "SELECT row_key, data, updated_at FROM projection_rows WHERE run_id = ? AND projection = ? AND row_key > ? ORDER BY row_key LIMIT ?",
  );
  const upsert = db.prepare<[string, string, string, string, number]>(
    `INSERT INTO projection_rows (run_id, projection, row_key, data, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (run_id, projection, row_key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare<[string, string, string]>("DELETE FROM projection_rows WHERE run_id = ? AND projection = ? AND row_key = ?");
  const clear = db.prepare<[string, string]>("DELETE FROM projection_rows WHERE run_id = ? AND projection = ?");
  const count = db.prepare<[string, string], number>("SELECT COUNT(*) FROM projection_rows WHERE run_id = ? AND projection = ?").pluck();

  function get(projection: string, key: string): JsonObject | undefined {
    const data = select.get(runId, projection, key);
    return data === undefined ? undefined : (JSON.parse(data) as JsonObject);
  }

  return {
    get,
    list: (projection, options = {}) =>
      page
        .all(runId, projection, options.afterKey ?? "", options.limit ?? 1000)
        .map((row) => ({ key: row.row_key, data: JSON.parse(row.data) as JsonObject, updatedAt: row.updated_at })),
    upsert(projection, key, row, now) {
      upsert.run(runId, projection, key, JSON.stringify(row), now);
    },
    patch(projection, key, set, now) {
      const row = { ...get(projection, key), ...set };
      upsert.run(runId, projection, key, JSON.stringify(row), now);
      return row;
    },
    delete(projection, key) {
      remove.run(runId, projection, key);
    },
    clear(projection) {
      clear.run(runId, projection);
    },
    count: (projection) => count.get(runId, projection) ?? 0,
  };
}
