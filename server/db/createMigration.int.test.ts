// createMigration with Prisma's wasm schema engine, on private copies of the schema and migrations.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMigration, MigrationCreationError } from "./createMigration";
import { applyMigrations } from "./migrate";
import { defaultMigrationsDir, LOCK_FILE, LOCK_FILE_CONTENT, MIGRATION_FILE } from "./migrationFiles";

let dir: string;
let schemaFile: string;
let migrationsDir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "eventloom-create-"));
  schemaFile = path.join(dir, "schema.prisma");
  migrationsDir = path.join(dir, "migrations");
  cpSync(path.resolve("prisma/schema.prisma"), schemaFile);
  cpSync(defaultMigrationsDir(), migrationsDir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("createMigration", () => {
  it("Given the committed schema, When a migration is created, Then there is nothing to write (the migrations match schema.prisma)", async () => {
    const before = readdirSync(migrationsDir);

    expect(await createMigration({ name: "nothing", schemaFile, migrationsDir })).toEqual({ created: null, sql: null });
    expect(readdirSync(migrationsDir)).toEqual(before);
  });

  it("Given a schema with a new model, When a migration is created, Then a new folder creates its table and applies after the others", async () => {
    writeFileSync(schemaFile, readFileSync(schemaFile, "utf8") + `\nmodel Note {\n  id   Int    @id @default(autoincrement())\n  text String\n\n  @@map("notes")\n}\n`);

    const { created, sql } = await createMigration({ name: "add_notes", schemaFile, migrationsDir });

    expect(created).toMatch(/^\d{14}_add_notes$/);
    expect(readFileSync(path.join(migrationsDir, created!, MIGRATION_FILE), "utf8")).toBe(sql);
    expect(sql).toContain(`CREATE TABLE "notes"`);
    expect(readFileSync(path.join(migrationsDir, LOCK_FILE), "utf8")).toBe(LOCK_FILE_CONTENT);

    const file = path.join(dir, "app.db");
    expect(applyMigrations(file, { migrationsDir }).applied.at(-1)).toBe(created);
    const db = new Database(file, { readonly: true });
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'notes'`).get()).toEqual({ name: "notes" });
    db.close();
  });

  it("Given a name with spaces, When a migration is created, Then it is refused before the engine starts", async () => {
    await expect(createMigration({ name: "add notes", schemaFile, migrationsDir })).rejects.toThrow(
      new MigrationCreationError(`The migration name "add notes" must be 1 to 120 letters, digits or underscores.`),
    );
  });
});
