// The shared Prisma Client against a migrated temp file named by DATABASE_URL.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations } from "./migrate";
import { databaseFile, disconnectPrisma, prisma } from "./prisma";

let dir: string;
const saved = process.env.DATABASE_URL;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "eventloom-prisma-"));
});
afterEach(async () => {
  await disconnectPrisma();
  if (saved === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe("databaseFile", () => {
  it("Given no DATABASE_URL, Then it is ./data/eventloom.db under the working directory", () => {
    delete process.env.DATABASE_URL;
    expect(databaseFile()).toBe(path.resolve(process.cwd(), "data/eventloom.db"));
  });

  it("Given a relative file: URL, Then it resolves against the working directory", () => {
    process.env.DATABASE_URL = "file:./tmp/other.db";
    expect(databaseFile()).toBe(path.resolve(process.cwd(), "tmp/other.db"));
  });
});

describe("prisma", () => {
  it("Given a migrated file in DATABASE_URL, When a flow is written and read back, Then the one client sees it", async () => {
    process.env.DATABASE_URL = `file:${path.join(dir, "studio.db")}`;
    applyMigrations(databaseFile());

    await prisma().flow.create({ data: { id: "f1", name: "Bank account", document: "{}" } });

    expect(prisma()).toBe(prisma());
    expect(await prisma().flow.findUnique({ where: { id: "f1" }, select: { name: true, version: true } })).toEqual({ name: "Bank account", version: 1 });
  });
});
