// Test helper: a migrated SQLite file in a fresh temp directory, removed on cleanup.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations } from "../../db/migrate";
import { openDatabase, type SqliteDatabase } from "../database";

export interface TempDatabase {
  dir: string;
  file: string;
  db: SqliteDatabase;
  /** Opens another connection to the same file. */
  reopen(): SqliteDatabase;
  cleanup(): void;
}

const MIGRATIONS_DIR = join(import.meta.dirname, "..", "..", "..", "prisma", "migrations");

/** Brings `file` up to date with the committed migrations (idempotent). */
export function migrateForTests(file: string): void {
  applyMigrations(file, { migrationsDir: MIGRATIONS_DIR });
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
