// The real studio — `tsx scripts/start.ts` with Next, started with an access token — behind its
// request gate: sign-in by ?token= once, 401 without it, cross-site mutations refused, a body over
// the limit answered 413 with a sentence, all through Next's own request path. Then it is killed
// with SIGKILL while the orchestrated-saga and outbox demos run, and restarted, three times; the
// crash soak's checks of the SQLite file hold after each restart.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../../server/core/random";
import { demos } from "../../../server/flow/demos";
import { createSandbox, type Sandbox } from "../../../server/sandbox/sandbox";
import { openDatabase } from "../../../server/store";
import { freePort } from "../../../bench/harness/localServer";
import { ensureBuild, startRealStudio } from "../support/realStudio";
import type { StudioProcess } from "../support/studioProcess";
import { lostOrChanged, snapshotFile, type Acknowledged } from "./invariants";
import { drive, playAll, settleAndCheck, startDemoRuns } from "./runDriver";

const KILLS = 3;
const TOKEN = randomBytes(16).toString("hex");
const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "eventloom-real-"));
const file = join(dir, "studio.db");
let sandbox: Sandbox;
let port: number;
let studio: StudioProcess;

beforeAll(async () => {
  ensureBuild();
  sandbox = await createSandbox();
  port = await freePort();
  studio = await startRealStudio(file, port, TOKEN);
}, 900_000);
afterAll(async () => {
  await studio?.kill("SIGTERM");
  sandbox?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe("the real studio with an access token", () => {
  it("Given no token, When a page or the API is asked for, Then 401; with ?token= once, Then a cookie opens both", async () => {
    const page = await fetch(`${studio.origin}/`);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('name="token"');
    expect((await fetch(`${studio.origin}/api/trpc/flows.list`)).status).toBe(401);

    const signIn = await fetch(`${studio.origin}/flows?token=${TOKEN}`, { redirect: "manual" });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get("location")).toBe("/flows");
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    expect((await fetch(`${studio.origin}/`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${studio.origin}/api/trpc/flows.list`, { headers: { cookie } })).status).toBe(200);
  });

  it("Given the token, When a mutation comes from another site or carries 9 MiB, Then 403 or 413 with a sentence", async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${studio.origin}/api/trpc/flows.create`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...headers }, body });
    const crossSite = await post(JSON.stringify({ json: { name: "Evil" } }), { origin: "http://attacker.example", "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.message).toMatch(/^Cross-site requests cannot change anything/);

    const huge = await post(JSON.stringify({ json: { name: "x".repeat(9 * 1024 * 1024) } }));
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.json.message).toBe("The request is larger than the limit of 8 MiB.");
  });

  it(`Given live demo runs under traffic, When the studio is SIGKILLed and restarted ${KILLS} times, Then the file keeps every invariant`, async () => {
    const random = seededRandom(7);
    const db = openDatabase(file);
    const chosen = demos.filter((demo) => demo.key === "order-saga-orchestrated" || demo.key === "outbox-retries-dlq");
    const runs = await startDemoRuns(studio.client, chosen, sandbox);
    const acks: Acknowledged[] = [];
    const serverErrors: string[] = [];
    const problems: string[] = [];
    for (let kill = 1; kill <= KILLS && problems.length === 0; kill++) {
      await playAll(studio.client, runs);
      const stop = { stopped: false };
      const driving = runs.map((run) => drive(studio.client, run, kill, stop, acks, serverErrors));
      await new Promise((resolve) => setTimeout(resolve, 300 + random.int(1500)));
      const before = snapshotFile(db);
      expect(await studio.kill("SIGKILL")).toBe("SIGKILL");
      stop.stopped = true;
      await Promise.all(driving);
      studio = await startRealStudio(file, port, TOKEN);
      problems.push(...lostOrChanged(before, snapshotFile(db), acks), ...(await settleAndCheck(studio.client, db, runs)));
    }
    db.close();
    expect(problems).toEqual([]);
    expect(serverErrors).toEqual([]);
  });
});
