// The bare better-sqlite3 baseline for the store paths: an events table of the same
// shape as prisma/schema.prisma's (same columns, unique and plain indexes), WAL,
// synchronous NORMAL, prepared statements, JSON text in and out, and nothing else:
// no concurrency check (versions come from the caller), no notification, no
// idempotency lookup.

import Database from "better-sqlite3";
import type { JsonObject, RecordedEvent } from "../../server/core/definitions";
import { EVENT_COLUMNS, eventOfRow, type EventRow } from "../../server/store/eventRow";
import type { BenchEvent } from "../fixtures/bankEvents";

const EVENTS_TABLE = `
CREATE TABLE events (
  position INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  run_id TEXT NOT NULL, stream_id TEXT NOT NULL, stream_version INTEGER NOT NULL,
  event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX events_run_id_stream_id_stream_version_key ON events(run_id, stream_id, stream_version);
CREATE UNIQUE INDEX events_run_id_event_id_key ON events(run_id, event_id);
CREATE INDEX events_run_id_position_idx ON events(run_id, position);
`;

export interface BareStore {
  /** Inserts `events` at versions firstVersion, firstVersion+1, ... in one transaction. */
  append(streamId: string, firstVersion: number, events: readonly BenchEvent[], now: number): void;
  /** Reads the stream in version order and folds each event's type and parsed data. */
  fold<S>(streamId: string, initial: S, reduce: (state: S, type: string, data: JsonObject) => S): S;
  /** One page of the run's log after `after`, as full events. */
  readPage(after: number, limit: number): RecordedEvent[];
  close(): void;
}

export function openBareStore(file: string, runId: string): BareStore {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(EVENTS_TABLE);
  const insert = db.prepare<[string, string, number, string, string, string, string, number]>(
    "INSERT INTO events (run_id, stream_id, stream_version, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const appendAll = db.transaction((streamId: string, firstVersion: number, events: readonly BenchEvent[], now: number) => {
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      insert.run(runId, streamId, firstVersion + i, e.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), now);
    }
  });
  const streamData = db
    .prepare<[string, string], [string, string]>("SELECT type, data FROM events WHERE run_id = ? AND stream_id = ? ORDER BY stream_version")
    .raw();
  const page = db.prepare<[string, number, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE run_id = ? AND position > ? ORDER BY position LIMIT ?`);
  return {
    append: (streamId, firstVersion, events, now) => appendAll(streamId, firstVersion, events, now),
    fold(streamId, initial, reduce) {
      let state = initial;
      for (const [type, data] of streamData.all(runId, streamId)) state = reduce(state, type, JSON.parse(data) as JsonObject);
      return state;
    },
    readPage: (after, limit) => page.all(runId, after, limit).map(eventOfRow),
    close: () => db.close(),
  };
}
