// The flows router against a real, migrated SQLite file: drafts saved with optimistic versions,
// renames, deletes, copies of demos, and demos that stay read-only.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../db/generated/client";
import { applyMigrations } from "../../db/migrate";
import { sampleFlow } from "../../flow/graphSample";
import { flowThumbnail } from "../../flow/graphThumbnail";
import { createCaller } from "../root";
import { createContextInner } from "../trpc";

let dir: string;
let prisma: PrismaClient;
let api: ReturnType<typeof createCaller>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "eventloom-flows-"));
  const file = join(dir, "flows.db");
  applyMigrations(file);
  prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }) });
  api = createCaller(createContextInner({ prisma }));
  await prisma.flow.create({ data: { id: "demo-shop", demoKey: "shop", name: "Shop", document: JSON.stringify(sampleFlow()) } });
});

afterAll(async () => {
  await prisma.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe("flows router", () => {
  it("given a new flow, when saved with its version, then the document, name and version move on", async () => {
    const { id } = await api.flows.create({ name: "Checkout" });
    const opened = await api.flows.get({ id });
    const document = { ...(opened.document as object), name: "Checkout v2", description: "with payments" };

    const saved = await api.flows.update({ id, version: opened.version, document: document as never });

    expect(saved.version).toBe(opened.version + 1);
    const reopened = await api.flows.get({ id });
    expect(reopened).toMatchObject({ name: "Checkout v2", description: "with payments", version: saved.version, document });
  });

  it("given two tabs on one version, when both save, then the second is refused as a conflict and nothing is lost", async () => {
    const { id } = await api.flows.create({ name: "Race" });
    const { version, document } = await api.flows.get({ id });
    await api.flows.update({ id, version, document: { ...(document as object), description: "first" } as never });

    await expect(api.flows.update({ id, version, document: { ...(document as object), description: "second" } as never }))
      .rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("changed elsewhere") });
    expect((await api.flows.get({ id })).description).toBe("first");
  });

  it("given a document of another schema version, when saved, then it is refused with the reason", async () => {
    const { id } = await api.flows.create({ name: "Old" });
    await expect(api.flows.update({ id, version: 1, document: { schemaVersion: 0, name: "Old" } as never }))
      .rejects.toThrow(/schemaVersion must be 1/);
  });

  it("given a flow, when renamed, then the row and the document carry the new name", async () => {
    const { id } = await api.flows.create({ name: "Draft" });
    const renamed = await api.flows.rename({ id, version: 1, name: "Final" });
    const flow = await api.flows.get({ id });
    expect(renamed).toEqual({ name: "Final", version: 2 });
    expect(flow.name).toBe("Final");
    expect((flow.document as { name: string }).name).toBe("Final");
  });

  it("given a demo, when copied, then the copy is the user's, laid out, and the demo cannot be changed or deleted", async () => {
    const { id } = await api.flows.duplicate({ id: "demo-shop" });
    const copy = await api.flows.get({ id });
    expect(copy).toMatchObject({ name: "Copy of Shop", isDemo: false, demoKey: null });
    expect(Object.keys((copy.document as { layout: object }).layout)).toContain("order");

    await expect(api.flows.update({ id: "demo-shop", version: 1, document: sampleFlow() as never })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.flows.delete({ id: "demo-shop" })).rejects.toThrow(/teaching demo/);
  });

  it("given a flow, when deleted, then it is gone", async () => {
    const { id } = await api.flows.create({ name: "Doomed" });
    await api.flows.delete({ id });
    await expect(api.flows.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("given flows, when listed, then demos come with a thumbnail and empty flows without", async () => {
    const list = await api.flows.list();
    const demo = list.find((f) => f.id === "demo-shop")!;
    expect(demo.isDemo).toBe(true);
    expect(demo.thumbnail?.boxes.length).toBeGreaterThan(10);
    expect(list.find((f) => f.name === "Doomed")).toBeUndefined();
    expect(list.find((f) => f.name === "Race")?.thumbnail).toBeNull();
  });

  it("given a listed empty flow, when a document with nodes is saved, then the next list shows its new preview", async () => {
    const { id } = await api.flows.create({ name: "Grows" });
    expect((await api.flows.list()).find((f) => f.id === id)?.thumbnail).toBeNull();
    await api.flows.update({ id, version: 1, document: { ...sampleFlow(), name: "Grows" } as never });
    expect((await api.flows.list()).find((f) => f.id === id)?.thumbnail).toEqual(flowThumbnail({ ...sampleFlow(), name: "Grows" }));
  });
});

describe("flows router: files", () => {
  it("given an exported flow, when imported, then a new flow of the user's holds the same document, laid out", async () => {
    const file = await api.flows.export({ id: "demo-shop" });
    expect(file.fileName).toBe("shop.eventloom.json");

    const { id, problems } = await api.flows.import({ content: file.content });

    const imported = await api.flows.get({ id });
    expect(problems).toBe(0);
    expect(imported).toMatchObject({ name: "Shop", isDemo: false });
    const { layout, ...rest } = imported.document as ReturnType<typeof sampleFlow>;
    const { layout: _, ...original } = sampleFlow();
    expect(rest).toEqual(original);
    expect(Object.keys(layout)).toContain("order");
  });

  it("given a file that is not a flow, when imported, then it is refused with the problems", async () => {
    await expect(api.flows.import({ content: "{\"schemaVersion\": 1}" })).rejects.toThrow(/cannot be imported: name/);
    await expect(api.flows.import({ content: "not json" })).rejects.toThrow(/not JSON/);
  });
});
