// The studio's HTTP front over real loopback HTTP: the body limit answers 413 with a
// sentence, cross-site mutations are refused, the access token is asked for when set.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../db/generated/client";
import { applyMigrations } from "../../db/migrate";
import { startApiServer, type ApiServer } from "./testing/apiServer";

const TOKEN = "int-test-token-0123456789";
let dir: string;
let prisma: PrismaClient;
let open: ApiServer;
let shared: ApiServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "eventloom-endpoint-"));
  const file = join(dir, "studio.db");
  applyMigrations(file);
  prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }) });
  open = await startApiServer({ prisma, maxRequestBytes: 64 * 1024 });
  shared = await startApiServer({ prisma, token: TOKEN });
});

afterAll(async () => {
  await open.close();
  await shared.close();
  await prisma.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

function create(server: ApiServer, name: string, headers: Record<string, string> = {}) {
  return fetch(`${server.origin}/api/trpc/flows.create`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ json: { name } }),
  });
}

describe("the studio's HTTP front", () => {
  it("Given a body over the limit, When posted (declared or chunked), Then 413 with a sentence and nothing is stored", async () => {
    const before = await prisma.flow.count();
    const big = JSON.stringify({ json: { name: "x".repeat(100 * 1024) } });
    const declared = await fetch(`${open.origin}/api/trpc/flows.create`, { method: "POST", headers: { "content-type": "application/json" }, body: big });
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.json.message).toBe("The request is larger than the limit of 64 KiB.");

    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode(i === 0 ? '{"json":{"name":"' : "y".repeat(8 * 1024)));
        controller.enqueue(new TextEncoder().encode('"}}'));
        controller.close();
      },
    });
    const chunked = await fetch(`${open.origin}/api/trpc/flows.create`, { method: "POST", headers: { "content-type": "application/json" }, body: chunks, duplex: "half" } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await chunked.json()).error.json.data.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await prisma.flow.count()).toBe(before);
  });

  it("Given a mutation from another site, When posted, Then 403 and nothing is stored; the same from the studio's own page succeeds", async () => {
    const before = await prisma.flow.count();
    const refused = await create(open, "Evil", { origin: "http://attacker.example", "sec-fetch-site": "cross-site" });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/^Cross-site requests cannot change anything/);
    expect(await prisma.flow.count()).toBe(before);
    const accepted = await create(open, "Mine", { origin: open.origin, "sec-fetch-site": "same-origin" });
    expect(accepted.status).toBe(200);
    expect(await prisma.flow.count()).toBe(before + 1);
  });

  it("Given a studio with a token, When called without it, Then 401; with ?token= once, Then the cookie opens the API", async () => {
    expect((await create(shared, "No token")).status).toBe(401);
    const login = await fetch(`${shared.origin}/?token=${TOKEN}`, { redirect: "manual" });
    expect(login.status).toBe(303);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const list = await fetch(`${shared.origin}/api/trpc/flows.list`, { headers: { cookie } });
    expect(list.status).toBe(200);
    expect(list.headers.get("x-frame-options")).toBe("DENY");
    expect((await create(shared, "With bearer", { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });
});
