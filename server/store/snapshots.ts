// Latest snapshot per stream of one run (state as JSON text).

import type { JsonObject } from "../core/definitions";
import type { SqliteDatabase } from "./database";

export interface Snapshot {
  streamId: string;
  /** Stream version the state includes. */
  version: number;
  state: JsonObject;
  createdAt: number;
}

export interface SnapshotStore {
  load(streamId: string): Snapshot | undefined;
  /** Replaces the stream's snapshot. */
  save(streamId: string, version: number, state: JsonObject, now: number): void;
}

export function createSnapshotStore(db: SqliteDatabase, runId: string): SnapshotStore {
  const select = db.prepare<[string, string], { version: number; state: string; created_at: number }>(
    "SELECT version, state, created_at FROM snapshots WHERE run_id = ? AND stream_id = ?",
  );
  const upsert = db.prepare<[string, string, number, string, number]>(
    `INSERT INTO snapshots (run_id, stream_id, version, state, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (run_id, stream_id) DO UPDATE SET version = excluded.version, state = excluded.state, created_at = excluded.created_at`,
  );
  return {
    load(streamId) {
      const row = select.get(runId, streamId);
      return row && { streamId, version: row.version, state: JSON.parse(row.state) as JsonObject, createdAt: row.created_at };
    },
    save(streamId, version, state, now) {
      upsert.run(runId, streamId, version, JSON.stringify(state), now);
    },
  };
}
