// Creates the next migration from a schema change, as `prisma migrate dev --create-only` would:
// Prisma's schema engine replays the committed migrations on a scratch database, diffs them against
// the schema and names the folder; this module writes prisma/migrations/<timestamp>_<name>/.
// Development tooling only; never touches the app's database.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { LOCK_FILE, LOCK_FILE_CONTENT, MIGRATION_FILE, readLockFile, readMigrations } from "./migrationFiles";
import { openSchemaEngine } from "./schemaEngine";

export class MigrationCreationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationCreationError";
  }
}

export interface CreateMigrationInput {
  /** Letters, digits and underscores, e.g. `add_alerts`. */
  name: string;
  schemaFile: string;
  migrationsDir: string;
}

/** `created` is the new folder's name, or null when the schema matches the migrations already. */
export async function createMigration({ name, schemaFile, migrationsDir }: CreateMigrationInput): Promise<{ created: string | null; sql: string | null }> {
  if (!/^[A-Za-z0-9_]{1,120}$/.test(name)) {
    throw new MigrationCreationError(`The migration name "${name}" must be 1 to 120 letters, digits or underscores.`);
  }
  const schema = { path: schemaFile, content: readFileSync(schemaFile, "utf8") };
  const migrationsList: MigrationList = {
    baseDir: migrationsDir,
    lockfile: { path: LOCK_FILE, content: readLockFile(migrationsDir) },
    shadowDbInitScript: "",
    migrationDirectories: readMigrations(migrationsDir).map((m) => ({
      path: m.name,
      migrationFile: { path: MIGRATION_FILE, content: { tag: "ok", value: m.sql } },
    })),
  };
  const filters = { externalTables: [], externalEnums: [] };

  const scratch = mkdtempSync(path.join(os.tmpdir(), "eventloom-migration-"));
  const open = await openSchemaEngine(path.join(scratch, "dev.db"), schema);
  try {
    const { engine } = open;
    // The sequence of `migrate dev`: bring the scratch database up to the committed history, let the
    // diagnostic replay that history on the shadow database (createMigration reads its result), then diff.
    await engine.applyMigrations({ migrationsList, filters });
    const { action } = await engine.devDiagnostic({ migrationsList, filters });
    if (action.tag === "reset") throw new MigrationCreationError(`The committed migrations do not replay cleanly: ${action.reason}`);
    const result = await engine.createMigration({ draft: false, migrationName: name, migrationsList, schema: { files: [schema] }, filters });
    if (result.migrationScript === null) return { created: null, sql: null };

    const folder = path.join(migrationsDir, result.generatedMigrationName);
    mkdirSync(migrationsDir, { recursive: true });
    try {
      mkdirSync(folder);
    } catch {
      throw new MigrationCreationError(`The migration folder ${folder} already exists; wait a second or choose another name.`);
    }
    writeFileSync(path.join(folder, `migration.${result.extension}`), result.migrationScript);
    writeFileSync(path.join(migrationsDir, LOCK_FILE), LOCK_FILE_CONTENT);
    return { created: result.generatedMigrationName, sql: result.migrationScript };
  } finally {
    await open.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
