// Concurrency soak: 16 clients dispatch deposits to the same four bank accounts at once over real
// loopback HTTP, against a live run that plays in the background. With optimistic concurrency
// (each client sends the version it last saw), stale versions come back as CONFLICT errors with a
// sentence and the stream's actual version as data (which the client reads again from); with retryOnConflict every command succeeds. Either way every stream holds versions
// 1..N without a gap or a duplicate, and each accepted deposit exactly once.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../../server/core/random";
import type { VersionConflict } from "../../../server/runtime";
import { openDatabase, type SqliteDatabase } from "../../../server/store";
import { bundleStudioApiChild } from "../support/bundleChild";
import { startStudio, studioClient, type StudioProcess } from "../support/studioProcess";

const CLIENTS = 16;
const COMMANDS_PER_CLIENT = 30;
const ACCOUNTS = ["acc-0", "acc-1", "acc-2", "acc-3"];
const CONFLICT = /^Concurrency conflict: Account (acc-\d) is at version (\d+), not the expected (\d+); it changed since it was read\. Read it again and retry, or send retryOnConflict to decide against its latest state\.$/;

const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "eventloom-concurrency-"));
let studio: StudioProcess;
let db: SqliteDatabase;
let runId: string;

beforeAll(async () => {
  studio = await startStudio(await bundleStudioApiChild(), join(dir, "studio.db"));
  db = openDatabase(join(dir, "studio.db"));
  runId = (await studio.client.runs.start.mutate({ flowId: "demo-bank-account", mode: "live", seed: 5, speed: 16, play: true })).run.id;
  for (const aggregateId of ACCOUNTS) await studio.client.commands.dispatch.mutate({ runId, aggregate: "Account", aggregateId, command: "OpenAccount", data: { owner: aggregateId } });
});
afterAll(async () => {
  db.close();
  await studio.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

interface Deposit {
  account: string;
  amount: number;
}

/** One client: deposits of amounts unique to it, to seeded accounts, each sent with the version it last saw. */
async function client(index: number, retryOnConflict: boolean, amountBase: number) {
  const api = studioClient(studio.origin);
  const random = seededRandom(1000 + index + amountBase);
  const seen = new Map(ACCOUNTS.map((account) => [account, 1]));
  const accepted: Deposit[] = [];
  const conflicts: string[] = [];
  for (let i = 0; i < COMMANDS_PER_CLIENT; i++) {
    const account = ACCOUNTS[random.int(ACCOUNTS.length)]!;
    const amount = amountBase + index * COMMANDS_PER_CLIENT + i + 1;
    try {
      const { outcome } = await api.commands.dispatch.mutate({ runId, aggregate: "Account", aggregateId: account, command: "Deposit", data: { amount }, expectedVersion: seen.get(account)!, retryOnConflict });
      if (outcome.status !== "accepted") throw new Error(`deposit ${amount} to ${account}: ${JSON.stringify(outcome)}`);
      accepted.push({ account, amount });
      seen.set(account, outcome.events.at(-1)!.streamVersion);
    } catch (error) {
      const data = (error instanceof TRPCClientError ? error.data : undefined) as { code?: string; conflict?: VersionConflict } | undefined;
      if (data?.code !== "CONFLICT") throw error;
      conflicts.push((error as Error).message);
      const conflict = data.conflict;
      if (conflict?.streamId !== `account-${account}` || conflict.expectedVersion !== seen.get(account)) throw new Error(`deposit ${amount} to ${account}: CONFLICT without its versions: ${JSON.stringify(data)}`, { cause: error });
      seen.set(account, conflict.actualVersion); // read it again, as the sentence says
    }
  }
  return { accepted, conflicts };
}

function stream(account: string): { version: number; amount: number; type: string }[] {
  return (db.prepare("SELECT stream_version AS version, type, json_extract(data, '$.amount') AS amount FROM events WHERE run_id = ? AND stream_id = ? ORDER BY stream_version").all(runId, `account-${account}`) as { version: number; amount: number; type: string }[]);
}

function expectStreamsHold(accepted: readonly Deposit[]): void {
  for (const account of ACCOUNTS) {
    const events = stream(account);
    expect(events.map((e) => e.version), `${account}: versions`).toEqual(events.map((_, i) => i + 1));
    const deposits = events.filter((e) => e.type === "bank.account.deposited.v1").map((e) => e.amount).sort((a, b) => a - b);
    expect(deposits, `${account}: each accepted deposit once`).toEqual(accepted.filter((d) => d.account === account).map((d) => d.amount).sort((a, b) => a - b));
  }
}

describe(`${CLIENTS} concurrent clients on the same aggregates over HTTP`, () => {
  const all: Deposit[] = [];

  it("Given optimistic concurrency, When they race, Then stale versions come back as CONFLICT sentences and the streams have no gap and no duplicate", async () => {
    const results = await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index, false, 0)));
    const conflicts = results.flatMap((r) => r.conflicts);
    all.push(...results.flatMap((r) => r.accepted));
    // In the first round all sixteen expect version 1 of four accounts: at most four can win.
    expect(conflicts.length).toBeGreaterThanOrEqual(CLIENTS - ACCOUNTS.length);
    for (const message of conflicts) expect(message).toMatch(CONFLICT);
    expect(all.length + conflicts.length).toBe(CLIENTS * COMMANDS_PER_CLIENT);
    expectStreamsHold(all);
    console.log(`concurrency: ${CLIENTS} clients × ${COMMANDS_PER_CLIENT} commands with expected versions: ${all.length} accepted, ${conflicts.length} CONFLICT`);
  });

  it("Given retryOnConflict, When they race with stale versions, Then every command succeeds and the streams still hold", async () => {
    const results = await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index, true, 100_000)));
    expect(results.flatMap((r) => r.conflicts)).toEqual([]);
    const accepted = results.flatMap((r) => r.accepted);
    expect(accepted).toHaveLength(CLIENTS * COMMANDS_PER_CLIENT);
    all.push(...accepted);
    expectStreamsHold(all);
  });
});
