// What every run in this process shares: one better-sqlite3 connection to the SQLite file
// (databaseFile()) and one snippet sandbox. Opened lazily, once per process, kept on globalThis so
// Next's dev server (which re-evaluates modules) reuses them. Never migrates: start-up does.
import { databaseFile } from "../db/prisma";
import { createSandbox, type Sandbox } from "../sandbox/sandbox";
import { openDatabase, type SqliteDatabase } from "../store";

const cache = globalThis as { eventloomRunsDatabase?: { file: string; db: SqliteDatabase }; eventloomSandbox?: Promise<Sandbox> };

/** The process's connection to the database file (reopened if DATABASE_URL now names another file). */
export function sharedDatabase(): SqliteDatabase {
  const file = databaseFile();
  const open = cache.eventloomRunsDatabase;
  if (open && open.file === file && open.db.open) return open.db;
  if (open?.db.open) open.db.close();
  const db = openDatabase(file);
  cache.eventloomRunsDatabase = { file, db };
  return db;
}

/** The process's snippet sandbox (QuickJS), created on first use. */
export function sharedSandbox(): Promise<Sandbox> {
  cache.eventloomSandbox ??= createSandbox();
  return cache.eventloomSandbox;
}

/** Closes the shared connection (at shutdown, or between tests); the next use opens anew. */
export function closeSharedDatabase(): void {
  const open = cache.eventloomRunsDatabase;
  cache.eventloomRunsDatabase = undefined;
  if (open?.db.open) open.db.close();
}
