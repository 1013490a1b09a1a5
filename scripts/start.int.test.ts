// Bad input at start: each mistake a user can make ends with one clear sentence
// on stderr and a non-zero exit, never a stack trace.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const dir = mkdtempSync(path.join(os.tmpdir(), "eventloom-start-"));

function start(env: Record<string, string>) {
  const r = spawnSync(tsx, ["scripts/start.ts"], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 });
  const lines = r.stderr.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("npm warn"));
  return { status: r.status, lines };
}

describe("starting the studio with bad settings", () => {
  let blocker: net.Server;
  let busyPort = 0;
  beforeAll(async () => {
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    busyPort = (blocker.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it("Given a database folder that cannot be created, it says so in one sentence", () => {
    const r = start({ DATABASE_URL: "file:/sys/eventloom/x.db" });
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([expect.stringMatching(/^eventloom: Cannot open the database at \/sys\/eventloom\/x\.db: /)]);
  });

  it("Given a file that is not a SQLite database, it says so in one sentence", () => {
    const file = path.join(dir, "corrupt.db");
    writeFileSync(file, "this is not a database, just text that is long enough to look like a header");
    const r = start({ DATABASE_URL: `file:${file}` });
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([expect.stringContaining("is not a SQLite database")]);
  });

  it("Given a port in use, it names the port", () => {
    const r = start({ DATABASE_URL: `file:${path.join(dir, "ok.db")}`, PORT: String(busyPort) });
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([`eventloom: port ${busyPort} on 127.0.0.1 is already in use; stop the program using it or set PORT to a free port.`]);
  });

  it("Given a HOST other machines can reach and no EVENTLOOM_TOKEN, it refuses to start and names the variable", () => {
    const r = start({ DATABASE_URL: `file:${path.join(dir, "ok.db")}`, HOST: "0.0.0.0", EVENTLOOM_TOKEN: "" });
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([expect.stringMatching(/^eventloom: HOST is 0\.0\.0\.0, which other machines can reach, so the studio needs an access token: set EVENTLOOM_TOKEN/)]);
  });

  it("Given a malformed PORT, it names the variable", () => {
    const r = start({ PORT: "eighty" });
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([expect.stringMatching(/^eventloom: Invalid environment: PORT: /)]);
  });
});
