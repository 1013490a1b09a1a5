// openRun on a real, migrated SQLite file: a demo flow runs in fast and live mode, a reopened run
// continues its log and clock, and a flow that cannot run is refused with its problems.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FlowCompileError } from "../flow/compile";
import { bankAccount } from "../flow/demos/bankAccount";
import { createInProcessBus, UnknownNameError, type Transport } from "../runtime";
import { createTempDatabase, type TempDatabase } from "../store/testing/tempDatabase";
import { openRun } from "./openRun";

let database: TempDatabase;
beforeAll(() => {
  database = createTempDatabase();
});
afterAll(() => database.cleanup());

const open = (command: string, data: Record<string, number | string>) => ({ aggregate: "Account", aggregateId: "a1", type: command, data });

describe("openRun", () => {
  it("given the bank demo in fast mode, when commands are dispatched and the run settles, then the read model and clock follow", async () => {
    const { engine, clock, flow } = await openRun({ flow: bankAccount.flow, runId: "fast-1", seed: 1, mode: "fast", db: database.db });
    expect(flow.name).toBe("Bank account");
    expect(clock.playing).toBe(false);
    await engine.dispatch(open("OpenAccount", { owner: "Ada" }));
    await engine.dispatch(open("Deposit", { amount: 30 }));
    const settled = await engine.runUntilIdle();
    expect(settled.idle).toBe(true);
    expect(engine.store.projections.get("account_balances", "a1")).toMatchObject({ owner: "Ada", balance: 30 });
    await engine.close();
  });

  it("given a run that was closed, when opened again with its id, then the engine restarts on its log and its clock starts where the log ends", async () => {
    const first = await openRun({ flow: bankAccount.flow, runId: "reopen-1", seed: 2, mode: "fast", db: database.db });
    await first.engine.dispatch(open("OpenAccount", { owner: "Bo" }));
    await first.engine.runUntilIdle();
    const lastAt = first.engine.store.lastKnownTime()!;
    await first.engine.close();

    const again = await openRun({ flow: bankAccount.flow, runId: "reopen-1", seed: 2, mode: "fast", db: database.db });
    expect(again.clock.now()).toBe(lastAt);
    const result = await again.engine.dispatch(open("OpenAccount", { owner: "Bo" }));
    expect(result).toMatchObject({ status: "rejected", message: "The account is already open" });
    await again.engine.close();
  });

  it("given live mode at ×16, when started, then work runs in the background paced by the wall clock", async () => {
    const { engine, clock } = await openRun({ flow: bankAccount.flow, runId: "live-1", seed: 3, mode: "live", speed: 16, db: database.db });
    expect(clock.playing).toBe(true);
    expect(engine.clock.mode).toBe("live");
    engine.start();
    await engine.dispatch(open("OpenAccount", { owner: "Cy" }));
    for (let i = 0; i < 400 && !engine.store.projections.get("account_balances", "a1"); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await engine.close();
    expect(engine.store.projections.get("account_balances", "a1")).toMatchObject({ owner: "Cy" });
  });

  it("given a transport factory and the epoch clock (Kafka mode), then the transport binds to the run's store and clock, and clock time is wall time", async () => {
    const made: { runId: string; clock: unknown }[] = [];
    const before = Date.now();
    const { engine, clock } = await openRun({
      flow: bankAccount.flow,
      runId: "epoch-1",
      seed: 4,
      mode: "live",
      clock: "epoch",
      db: database.db,
      transport: (store, runClock) => {
        made.push({ runId: store.runId, clock: runClock });
        return createInProcessBus(store, runClock);
      },
    });
    expect(made).toHaveLength(1);
    expect(made[0]!.runId).toBe("epoch-1");
    expect(made[0]!.clock).toBe(clock.clock);
    expect(clock.now()).toBeGreaterThanOrEqual(before);
    expect(clock.now()).toBeLessThanOrEqual(Date.now());
    await engine.close();
  });

  it("given a group the flow lacks, then the engine is refused and the transport it was given is closed", async () => {
    let closed = false;
    const transport = (store: Parameters<typeof createInProcessBus>[0], runClock: Parameters<typeof createInProcessBus>[1]): Transport => {
      const bus = createInProcessBus(store, runClock);
      return { ...bus, close: async () => void (closed = true) };
    };
    const opening = openRun({ flow: bankAccount.flow, runId: "workers-1", seed: 1, mode: "live", onlyGroups: ["billing"], transport, db: database.db });
    await expect(opening).rejects.toBeInstanceOf(UnknownNameError);
    expect(closed).toBe(true);
  });

  it("given a flow with problems, then it is refused with every problem", async () => {
    const broken = { ...bankAccount.flow, projections: [{ id: "p", name: "p", handlers: [{ id: "h", event: "no.such.event.v1", key: "meta.key", op: "upsert" }] }] };
    const opening = openRun({ flow: broken, runId: "broken", seed: 1, mode: "fast", db: database.db });
    await expect(opening).rejects.toBeInstanceOf(FlowCompileError);
    await expect(opening).rejects.toThrow(/no\.such\.event\.v1/);
  });
});
