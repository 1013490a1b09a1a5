import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import type { RecordedEvent } from "../core/definitions";
import { seededRandom } from "../core/random";
import { balancesProjection } from "../core/testing/bank";
import { orderViewProjection } from "../core/testing/order";
import { createRunStore, openDatabase } from "../store";
import { migrateForTests } from "../store/testing/tempDatabase";
import { commandHandled } from "./commands";
import { createEngine } from "./engine";
import { durabilitySystem, expectedRun } from "./testing/durability";
import { foldProjection, storedRows } from "./testing/fold";

const COMMANDS = 10_000;
const KILLS = 20;
const RUN = "durability";
const SEED = 11;
const CHILD = join(import.meta.dirname, "testing", "durabilityChild.ts");
// A process kill, not a power cut, is under test: a RAM-backed temp dir is as honest and much faster.
const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "eventloom-durability-"));

type Life = { outcome: "killed"; lines: string[] } | { outcome: "done" };

/** Runs the child; SIGKILLs it after `killAfterWork` "work" lines plus a short random delay (never, if undefined). */
function life(killAfterWork: number | undefined, delayMs: number): Promise<Life> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, join(dir, "run.db"), RUN, String(SEED), String(COMMANDS)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const lines: string[] = [];
    let works = 0;
    let killing = false;
    createInterface({ input: child.stdout! }).on("line", (line) => {
      lines.push(line);
      if (line.startsWith("work") && killAfterWork !== undefined && ++works === killAfterWork && !killing) {
        killing = true;
        setTimeout(() => child.kill("SIGKILL"), delayMs);
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve({ outcome: "killed", lines });
      else if (code === 0 && lines.includes("done")) resolve({ outcome: "done" });
      else reject(new Error(`child exited with ${code ?? signal}: ${lines.join(" | ")}`));
    });
  });
}

describe("durability under SIGKILL", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("given a fast run of 10,000 commands killed at random points 20+ times, then after restarts nothing committed is lost or duplicated, projections equal the fold and idempotent side effects happen once", async () => {
    migrateForTests(join(dir, "run.db"));
    const random = seededRandom(2024);
    let kills = 0;
    for (let attempt = 0; kills < KILLS && attempt < KILLS * 3; attempt++) {
      const result = await life(1 + random.int(4), random.int(25));
      if (result.outcome === "killed") kills++;
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect((await life(undefined, 0)).outcome).toBe("done");

    const db = openDatabase(join(dir, "run.db"));
    const store = createRunStore(db, RUN);
    const engine = createEngine({ definition: durabilitySystem(), store, seed: SEED });
    const expected = await expectedRun(COMMANDS);
    const events: RecordedEvent[] = [];
    for (let after = 0; ; ) {
      const batch = store.events.readAll({ after, limit: 10_000 });
      if (batch.length === 0) break;
      events.push(...batch);
      after = batch.at(-1)!.position;
    }

    // Every command was handled exactly once, with exactly the events the model says.
    const byCommand = new Map<string, string[]>();
    for (const event of events) {
      if (!event.metadata.causationId.startsWith("cmd-")) continue;
      byCommand.set(event.metadata.causationId, [...(byCommand.get(event.metadata.causationId) ?? []), event.type]);
    }
    for (let i = 0; i < COMMANDS; i++) expect(commandHandled(store, `cmd-${i}`), `cmd-${i} handled`).toBe(true);
    expect(byCommand).toEqual(expected.eventsByCommand);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);

    // Aggregates equal the model; every order went through its saga once.
    for (const [id, state] of expected.accounts) expect(engine.loadAggregate("Account", id).state, id).toEqual(state);
    for (const order of expected.orders) {
      expect(store.sagas.load("Fulfilment", order)?.status, order).toBe("completed");
      for (const stream of [`payment-${order}`, `inventory-${order}`, `shipping-${order}`]) expect(store.events.readStream(stream), stream).toHaveLength(1);
      expect(store.events.readStream(`order-${order}`).map((e) => e.type).at(-1)).toBe("shop.order.confirmed.v1");
      expect(events.filter((e) => e.streamId === `order-${order}` && e.type === "shop.order.confirmed.v1")).toHaveLength(1);
    }

    // Idempotent side effects happened once: one mail per opened account, one dead letter per poison deposit.
    const mails = events.filter((e) => e.type === "mail.sent.v1");
    expect(mails).toHaveLength(expected.accounts.size);
    expect(new Set(mails.map((e) => e.streamId)).size).toBe(expected.accounts.size);
    expect(store.deadLetters.countDead()).toBe(expected.poisonDeposits);

    // Projections caught up and equal the fold of the log; nothing is left in the outbox.
    expect(storedRows(store, "balances")).toEqual(await foldProjection(store, balancesProjection, engine.system.upcasters));
    expect(storedRows(store, "order-view")).toEqual(await foldProjection(store, orderViewProjection, engine.system.upcasters));
    expect(engine.projectionPosition("balances")).toBe(events.at(-1)!.position);
    expect(store.outbox.pendingCount()).toBe(0);
    await engine.close();
    db.close();
  }, 240_000);
});
