// Brings the SQLite file up to date at start or setup: WAL mode, then every committed migration not
// yet applied, each in its own transaction, recorded in `_prisma_migrations` exactly as Prisma records
// it, so the stock CLI reads the same history. Creates no migration (see createMigration.ts).
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { defaultMigrationsDir, matchesChecksum, MIGRATION_FILE, readMigrations, type MigrationOnDisk } from "./migrationFiles";

export type DatabaseSetupProblem =
  | "folder-not-writable"
  | "not-a-database"
  | "wal-unavailable"
  | "migrations-missing"
  | "migration-edited"
  | "migration-failed"
  | "migration-recorded-failed";

/** A database the app cannot use; `message` is one plain sentence for the user. */
export class DatabaseSetupError extends Error {
  constructor(
    readonly problem: DatabaseSetupProblem,
    message: string,
  ) {
    super(message);
    this.name = "DatabaseSetupError";
  }
}

export interface ApplyMigrationsOptions {
  /** Defaults to prisma/migrations under the working directory. */
  migrationsDir?: string;
}

// Prisma's own definition of its history table on SQLite, column for column.
const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: string | null;
}

export function applyMigrations(databaseFile: string, options: ApplyMigrationsOptions = {}): { applied: string[] } {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const migrations = loadMigrations(migrationsDir);
  const db = openDatabase(databaseFile);
  try {
    db.exec(HISTORY_TABLE);
    const done = checkHistory(db, migrations);
    const applied: string[] = [];
    for (const migration of migrations) {
      if (!done.has(migration.name) && applyOne(db, migration)) applied.push(migration.name);
    }
    return { applied };
  } catch (e) {
    throw asSetupError(e, databaseFile);
  } finally {
    db.close();
  }
}

function loadMigrations(migrationsDir: string): MigrationOnDisk[] {
  if (!existsSync(migrationsDir)) {
    throw new DatabaseSetupError("migrations-missing", `Cannot set up the database: the migrations folder ${migrationsDir} does not exist.`);
  }
  try {
    return readMigrations(migrationsDir);
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).path ?? migrationsDir;
    throw new DatabaseSetupError("migrations-missing", `Cannot set up the database: ${missing} cannot be read (every migration folder needs a ${MIGRATION_FILE}).`);
  }
}

function openDatabase(file: string): Database.Database {
  const folder = path.dirname(file);
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new DatabaseSetupError("not-a-database", `Cannot open the database at ${file}: it is a folder, not a file.`);
  }
  if (!existsSync(folder)) {
    try {
      mkdirSync(folder, { recursive: true });
    } catch (e) {
      const blocked = (e as NodeJS.ErrnoException).code === "ENOTDIR" || (e as NodeJS.ErrnoException).code === "EEXIST";
      throw new DatabaseSetupError(
        "folder-not-writable",
        blocked
          ? `Cannot open the database at ${file}: a file stands where its folder should be.`
          : `Cannot open the database at ${file}: the folder cannot be created.`,
      );
    }
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: 10_000 });
    const mode = db.pragma("journal_mode = WAL", { simple: true });
    if (mode !== "wal") {
      throw new DatabaseSetupError("wal-unavailable", `Cannot open the database at ${file}: it cannot switch to WAL mode (it stays in ${String(mode)} mode).`);
    }
    return db;
  } catch (e) {
    db?.close();
    throw asSetupError(e, file);
  }
}

/** The names already applied; refuses a history that Prisma would refuse or that was edited since. */
function checkHistory(db: Database.Database, migrations: MigrationOnDisk[]): Set<string> {
  const rows = db
    .prepare(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`)
    .all() as HistoryRow[];
  const failed = rows.find((row) => row.finished_at === null);
  if (failed) {
    throw new DatabaseSetupError(
      "migration-recorded-failed",
      `Cannot set up the database: migration ${failed.migration_name} is recorded as failed; resolve it with \`prisma migrate resolve\` first.`,
    );
  }
  const onDisk = new Map(migrations.map((m) => [m.name, m]));
  for (const row of rows) {
    const migration = onDisk.get(row.migration_name);
    if (migration && !matchesChecksum(migration.sql, row.checksum)) {
      throw new DatabaseSetupError(
        "migration-edited",
        `Cannot set up the database: migration ${row.migration_name} was edited after it was applied; restore its ${MIGRATION_FILE} and put the change in a new migration.`,
      );
    }
  }
  return new Set(rows.map((row) => row.migration_name));
}

/**
 * Applies one migration and its history row atomically. Foreign keys are off for the duration, as
 * SQLite's table-redefinition procedure requires (Prisma's scripts set it themselves, but the pragma
 * is a no-op inside a transaction), and checked before commit. False if another process got there first.
 */
function applyOne(db: Database.Database, migration: MigrationOnDisk): boolean {
  db.pragma("foreign_keys = OFF");
  try {
    return db
      .transaction(() => {
        const taken = db
          .prepare(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND rolled_back_at IS NULL`)
          .get(migration.name);
        if (taken) return false;
        const startedAt = new Date();
        try {
          db.exec(migration.sql);
        } catch (e) {
          throw new DatabaseSetupError("migration-failed", `Cannot set up the database: migration ${migration.name} failed and was rolled back (${(e as Error).message}).`);
        }
        if ((db.pragma("foreign_key_check") as unknown[]).length > 0) {
          throw new DatabaseSetupError("migration-failed", `Cannot set up the database: migration ${migration.name} leaves rows whose foreign keys point nowhere, so it was rolled back.`);
        }
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
        ).run(randomUUID(), migration.checksum, prismaTimestamp(new Date()), migration.name, prismaTimestamp(startedAt));
        return true;
      })
      .immediate();
  } finally {
    db.pragma("foreign_keys = ON");
  }
}

/** Prisma writes its history times as RFC 3339 with milliseconds and an explicit UTC offset. */
function prismaTimestamp(at: Date): string {
  return at.toISOString().replace("Z", "+00:00");
}

function asSetupError(e: unknown, file: string): unknown {
  if (e instanceof DatabaseSetupError) return e;
  const code = (e as { code?: unknown }).code;
  if (typeof code !== "string") return e;
  if (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT")) {
    return new DatabaseSetupError("not-a-database", `Cannot open the database at ${file}: it is not a SQLite database (file is corrupt or of another kind).`);
  }
  if (code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_READONLY") || code === "SQLITE_PERM") {
    const what = existsSync(file) ? "the file or its folder is not writable" : "the folder is not writable";
    return new DatabaseSetupError("folder-not-writable", `Cannot open the database at ${file}: ${what}.`);
  }
  return e;
}
