// Crash soak: the studio's API server (child process on a SQLite file) hosts a live run of every
// teaching demo, playing at ×16 while the tours' commands, faults and redrives pour in over HTTP;
// it is killed with SIGKILL after a random delay (seeded), 50 times. After each restart every run
// is reopened and settled, then: nothing committed or acknowledged before the kill is lost or
// changed, no stream has a gap or a duplicate, each command's events were appended once,
// projections equal the fold of the log, sagas are terminal, the outbox is drained and the
// dead-letter queue kept every letter with its provenance.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SystemDefinition } from "../../../server/core/definitions";
import { seededRandom } from "../../../server/core/random";
import { compileFlow } from "../../../server/flow/compile";
import { demos, type Demo } from "../../../server/flow/demos";
import { createSandbox, type Sandbox } from "../../../server/sandbox/sandbox";
import { openDatabase, type SqliteDatabase } from "../../../server/store";
import { bundleStudioApiChild } from "../support/bundleChild";
import { startStudio, type StudioClient, type StudioProcess } from "../support/studioProcess";
import { lostOrChanged, settledRunProblems, snapshotFile, type Acknowledged, type FileSnapshot } from "./invariants";
import { tourTraffic, type Action } from "./traffic";

const KILLS = Number(process.env.CRASH_KILLS ?? 50);
const SEED = 20_261_122;
const SPEED = 16;
/** Wall time between the start of traffic and the kill: 100 ms to 1.5 s. */
const MIN_DELAY_MS = 100;
const DELAY_SPREAD_MS = 1400;

// A process kill, not a power cut, is under test: a RAM-backed folder is as honest and faster.
const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "eventloom-crash-"));
const file = join(dir, "studio.db");

interface DemoRun {
  demo: Demo;
  runId: string;
  definition: SystemDefinition;
  traffic: Action[];
}

let sandbox: Sandbox;
let child: string;
beforeAll(async () => {
  sandbox = await createSandbox();
  child = await bundleStudioApiChild();
});
afterAll(() => {
  sandbox.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** A refusal the server answered (a 4xx is fine under faults; a 500 is a bug); undefined when the server was gone. */
function answered(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) throw error;
  const code = (error.data as { code?: string } | undefined)?.code;
  return code;
}

/** Sends the demo's tour, round after round, until stopped; records acknowledged events and server errors. */
async function drive(client: StudioClient, run: DemoRun, life: number, stop: { stopped: boolean }, acks: Acknowledged[], serverErrors: string[]): Promise<void> {
  for (let round = 0; !stop.stopped; round++) {
    for (const action of run.traffic) {
      if (stop.stopped) return;
      try {
        const result = (await action(client, run.runId, `${life}.${round}`)) as { outcome?: { status: string; streamId?: string; events?: { type: string; streamVersion: number; position: number }[] } };
        const outcome = result?.outcome;
        if (outcome?.status === "accepted") for (const e of outcome.events!) acks.push({ runId: run.runId, streamId: outcome.streamId!, ...e });
      } catch (error) {
        const code = answered(error);
        if (code === undefined) return; // the connection died with the server
        if (code === "INTERNAL_SERVER_ERROR") serverErrors.push(`${run.demo.key}: ${(error as Error).message}`);
      }
    }
  }
}

async function settleAndCheck(client: StudioClient, db: SqliteDatabase, runs: readonly DemoRun[]): Promise<string[]> {
  const problems: string[] = [];
  for (const run of runs) {
    await client.runs.pause.mutate({ runId: run.runId });
    const { settled } = await client.runs.settle.mutate({ runId: run.runId });
    if (!settled.idle) problems.push(`${run.demo.key}: did not settle (${settled.warning ?? "no warning"})`);
    for (const problem of await settledRunProblems(db, run.runId, run.definition)) problems.push(`${run.demo.key}: ${problem}`);
  }
  return problems;
}

describe("the studio killed with SIGKILL while every demo runs", () => {
  it(`Given ${KILLS} kills at random points, Then after each restart nothing committed is lost or duplicated, projections equal the fold, sagas end, the outbox drains and dead letters stay`, async () => {
    const random = seededRandom(SEED);
    const started = performance.now();
    let studio: StudioProcess = await startStudio(child, file);
    const db = openDatabase(file);
    const runs: DemoRun[] = [];
    for (const [i, demo] of demos.entries()) {
      const { run } = await studio.client.runs.start.mutate({ flowId: `demo-${demo.key}`, mode: "live", seed: i + 1, speed: SPEED, play: true });
      runs.push({ demo, runId: run.id, definition: compileFlow(demo.flow, { snippets: sandbox }), traffic: tourTraffic(demo) });
    }
    const acks: Acknowledged[] = [];
    const serverErrors: string[] = [];
    const problems: string[] = [];
    let before: FileSnapshot | undefined;
    let events = 0;
    let bootMs = 0;
    let checkMs = 0;

    for (let life = 0; life <= KILLS; life++) {
      if (life > 0) {
        const t0 = performance.now();
        studio = await startStudio(child, file);
        bootMs += performance.now() - t0;
        problems.push(...lostOrChanged(before!, snapshotFile(db), acks).map((p) => `after kill ${life}: ${p}`));
        const t1 = performance.now();
        problems.push(...(await settleAndCheck(studio.client, db, runs)).map((p) => `after kill ${life}: ${p}`));
        checkMs += performance.now() - t1;
        if (problems.length > 0) break;
      }
      if (life === KILLS) break;
      for (const run of runs) {
        await studio.client.runs.setSpeed.mutate({ runId: run.runId, speed: SPEED });
        await studio.client.runs.play.mutate({ runId: run.runId });
      }
      const stop = { stopped: false };
      const driving = runs.map((run) => drive(studio.client, run, life, stop, acks, serverErrors));
      await new Promise((resolve) => setTimeout(resolve, MIN_DELAY_MS + random.int(DELAY_SPREAD_MS)));
      before = snapshotFile(db);
      const how = await studio.kill("SIGKILL");
      expect(how, `life ${life} ended by itself`).toBe("SIGKILL");
      stop.stopped = true;
      await Promise.all(driving);
      events = before.events.size;
    }
    await studio.kill("SIGTERM");
    db.close();
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `crash soak: ${KILLS} SIGKILLs over ${runs.length} demo runs, ${events} events committed and ${acks.length} acknowledged by the last kill; ` +
        `${seconds.toFixed(0)} s in all, restarts ${(bootMs / KILLS / 1000).toFixed(1)} s and reopen + settle + checks ${(checkMs / KILLS / 1000).toFixed(1)} s on average`,
    );
    expect(problems).toEqual([]);
    expect(serverErrors).toEqual([]);
  });
});
