// Opens the one SQLite file with the settings the event store relies on
// (WAL, synchronous NORMAL, busy timeout, foreign keys). Schema creation belongs
// to server/db/migrate.ts, not here.

import Database from "better-sqlite3";

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** How long (ms) a writer waits for another connection's lock; default 5000. */
  busyTimeoutMs?: number;
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const db = new Database(file, { readonly: options.readonly ?? false });
  if (!options.readonly) db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  db.pragma("foreign_keys = ON");
  return db;
}
