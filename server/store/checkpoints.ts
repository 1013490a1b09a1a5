// Named integer positions of one run: consumer-group offsets, projection
// positions, counters (e.g. service calls). One row per name.

import type { SqliteDatabase } from "./database";

export interface Checkpoints {
  /** The stored position, or 0. */
  get(name: string): number;
  set(name: string, position: number, now: number): void;
  /** Adds `by` and returns the new value. */
  increment(name: string, by: number, now: number): number;
  /** All names starting with `prefix`, with their positions. */
  list(prefix: string): { name: string; position: number }[];
}

export function createCheckpoints(db: SqliteDatabase, runId: string): Checkpoints {
  const select = db.prepare<[string, string], number>("SELECT position FROM checkpoints WHERE run_id = ? AND name = ?").pluck();
  const upsert = db.prepare<[string, string, number, number]>(
    `INSERT INTO checkpoints (run_id, name, position, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (run_id, name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
  );
  const add = db.prepare<[string, string, number, number], number>(
    `INSERT INTO checkpoints (run_id, name, position, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (run_id, name) DO UPDATE SET position = position + excluded.position, updated_at = excluded.updated_at
     RETURNING position`,
  ).pluck();
  const byPrefix = db.prepare<[string, string, string], { name: string; position: number }>(
    "SELECT name, position FROM checkpoints WHERE run_id = ? AND name >= ? AND name < ? ORDER BY name",
  );
  return {
    get: (name) => select.get(runId, name) ?? 0,
    set(name, position, now) {
      upsert.run(runId, name, position, now);
    },
    increment: (name, by, now) => add.get(runId, name, by, now)!,
    list: (prefix) => byPrefix.all(runId, prefix, `${prefix}\uffff`),
  };
}
