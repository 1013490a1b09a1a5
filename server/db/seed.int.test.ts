// Seeding the teaching demos: once on a fresh file, never twice, refreshed when a demo changes.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { demos } from "../flow/demos";
import { PrismaClient } from "./generated/client";
import { seedDemos } from "./seed";
import { setupDatabase } from "./setup";

const file = path.join(mkdtempSync(path.join(os.tmpdir(), "eventloom-seed-")), "seed.db");
const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }) });
afterAll(() => prisma.$disconnect());

describe("seeding the demos", () => {
  it("Given a fresh file, setup migrates it and adds every demo once", async () => {
    const first = await setupDatabase(file, prisma);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.inserted).toBe(demos.length);
    const again = await setupDatabase(file, prisma);
    expect(again).toEqual({ applied: [], inserted: 0, updated: 0 });
    const rows = await prisma.flow.findMany({ where: { demoKey: { not: null } }, orderBy: { demoKey: "asc" } });
    expect(rows.map((r) => r.demoKey).sort()).toEqual(demos.map((d) => d.key).sort());
  });

  it("When a shipped demo changes, its stored document is refreshed and its version bumped", async () => {
    const [demo] = demos;
    const changed = { ...demo!, flow: { ...demo!.flow, description: "changed for the test" } };
    expect(await seedDemos(prisma, [changed])).toEqual({ inserted: 0, updated: 1 });
    const row = await prisma.flow.findUniqueOrThrow({ where: { demoKey: demo!.key } });
    expect(row.description).toBe("changed for the test");
    expect(row.version).toBe(2);
  });
});
