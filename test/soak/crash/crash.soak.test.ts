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
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../../server/core/random";
import { demos } from "../../../server/flow/demos";
import { createSandbox, type Sandbox } from "../../../server/sandbox/sandbox";
import { openDatabase } from "../../../server/store";
import { bundleStudioApiChild } from "../support/bundleChild";
import { startStudio, type StudioProcess } from "../support/studioProcess";
import { lostOrChanged, snapshotFile, type Acknowledged, type FileSnapshot } from "./invariants";
import { drive, playAll, settleAndCheck, startDemoRuns } from "./runDriver";

const KILLS = 50;
const SEED = 20_261_122;
/** Wall time between the start of traffic and the kill: 100 ms to 1.5 s. */
const MIN_DELAY_MS = 100;
const DELAY_SPREAD_MS = 1400;

// A process kill, not a power cut, is under test: a RAM-backed folder is as honest and faster.
const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "eventloom-crash-"));
const file = join(dir, "studio.db");

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

describe("the studio killed with SIGKILL while every demo runs", () => {
  it(`Given ${KILLS} kills at random points, Then after each restart nothing committed is lost or duplicated, projections equal the fold, sagas end, the outbox drains and dead letters stay`, async () => {
    const random = seededRandom(SEED);
    const started = performance.now();
    let studio: StudioProcess = await startStudio(child, file);
    const db = openDatabase(file);
    const runs = await startDemoRuns(studio.client, demos, sandbox);
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
      await playAll(studio.client, runs);
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
