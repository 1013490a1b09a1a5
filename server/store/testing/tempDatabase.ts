// Test helper: a migrated SQLite file in a fresh temp directory, removed on cleanup.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type SqliteDatabase } from "../database";
import { RUNTIME_SCHEMA_SQL } from "./runtimeSchema";

export interface TempDatabase {
  dir: string;
  file: string;
  db: SqliteDatabase;
  /** Opens another connection to the same file. */
  reopen(): SqliteDatabase;
  cleanup(): void;
}

/** Creates the schema in `file` (idempotent). */
export function migrateForTests(file: string): void {
  const db = openDatabase(file);
  db.exec(RUNTIME_SCHEMA_SQL);
  db.close();
}

export function createTempDatabase(): TempDatabase {
  const dir = mkdtempSync(join(tmpdir(), "eventloom-store-"));
  const file = join(dir, "test.db");
  migrateForTests(file);
  const db = openDatabase(file);
  const opened = [db];
  return {
    dir,
    file,
    db,
    reopen() {
      const another = openDatabase(file);
      opened.push(another);
      return another;
    },
    cleanup() {
      for (const connection of opened) if (connection.open) connection.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
