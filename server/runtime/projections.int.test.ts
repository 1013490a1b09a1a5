import { afterEach, describe, expect, it } from "vitest";
import { balancesProjection, deposit, open, withdraw } from "../core/testing/bank";
import { addItem, create, ORDER_CREATED_V1, orderViewProjection, submit } from "../core/testing/order";
import { projectionCheckpoint } from "./projections";
import { foldProjection, storedRows } from "./testing/fold";
import { bankSystem, orderSystem, startHarness, type Harness } from "./testing/systems";

describe("engine: projections", () => {
  let harness: Harness;
  afterEach(async () => harness.cleanup());

  async function busyBank(): Promise<void> {
    for (let i = 0; i < 40; i++) {
      const id = `a${i % 7}`;
      await harness.engine.dispatch(i < 7 ? open(id, `owner-${i}`) : i % 3 === 0 ? withdraw(id, i) : deposit(id, i * 2));
      if (i % 9 === 0) await harness.engine.runUntilIdle();
    }
    await harness.engine.runUntilIdle();
  }

  it("given a busy log, then the projection equals a fold of the log and its checkpoint is the head", async () => {
    harness = startHarness(bankSystem({ consumers: [] }));
    await busyBank();
    const fold = await foldProjection(harness.store, balancesProjection, harness.engine.system.upcasters);
    expect(Object.keys(fold)).toHaveLength(7);
    expect(storedRows(harness.store, "balances")).toEqual(fold);
    expect(harness.store.checkpoints.get(projectionCheckpoint("balances"))).toBe(harness.store.events.headPosition());
  });

  it("given a projection rebuilt from zero, then it catches up to the same rows", async () => {
    harness = startHarness(bankSystem({ consumers: [] }));
    await busyBank();
    const before = storedRows(harness.store, "balances");
    harness.engine.rebuildProjection("balances");
    expect(harness.store.projections.count("balances")).toBe(0);
    expect(harness.engine.projectionPosition("balances")).toBe(0);
    await harness.engine.runUntilIdle();
    expect(storedRows(harness.store, "balances")).toEqual(before);
    expect(harness.store.trace.read(0, 100_000).some((e) => e.kind === "projection-rebuilt")).toBe(true);
  });

  it("given a projection rebuilt, then its catch-up is traced as one summarising hop per batch and newer events one hop each", async () => {
    harness = startHarness(bankSystem({ consumers: [] }));
    await busyBank();
    const head = harness.store.events.headPosition();
    const firstPass = harness.store.trace.read(0, 100_000).filter((e) => e.kind === "projection-updated");
    const changes = firstPass.reduce((sum, e) => sum + Number(/\((\d+) changes?\)/.exec(e.summary)![1]), 0);
    const afterRebuild = harness.store.trace.read(0, 100_000).length;
    harness.engine.rebuildProjection("balances");
    await harness.engine.dispatch(deposit("a1", 3));
    await harness.engine.runUntilIdle();
    const updates = harness.store.trace.read(0, 100_000).slice(afterRebuild).filter((e) => e.kind === "projection-updated");
    expect(updates.map((e) => ({ position: e.position, messageId: e.messageId, detail: e.detail }))).toEqual([
      { position: head, messageId: null, detail: { rebuild: true, events: firstPass.length, changes } },
      { position: head + 1, messageId: expect.any(String), detail: null },
    ]);
    expect(updates[0]!.summary).toBe(`balances rebuilt through position ${head}: ${firstPass.length} events, ${changes} changes`);
  });

  it("given old event versions in the log, then the projection reads them upcast", async () => {
    harness = startHarness(orderSystem({ sagas: [] }));
    harness.store.events.appendToStream(
      "order-o0",
      [{ eventId: "old", type: ORDER_CREATED_V1, data: { customer: "Old Customer" }, metadata: { messageId: "old", correlationId: "old", causationId: "old" } }],
      { now: 0 },
    );
    await harness.engine.dispatch(create("o1", "Grace"));
    await harness.engine.dispatch(addItem("o1", "s", 1, 3));
    await harness.engine.dispatch(submit("o1"));
    await harness.engine.runUntilIdle();
    expect(storedRows(harness.store, "order-view")).toEqual({
      "order-o0": { customer: "Old Customer", currency: "EUR", status: "draft", lines: 0 },
      "order-o1": { customer: "Grace", currency: "EUR", status: "submitted", lines: 1 },
    });
    expect(storedRows(harness.store, "order-view")).toEqual(await foldProjection(harness.store, orderViewProjection, harness.engine.system.upcasters));
  });

  it("given a projection handler that throws, then the projection stops before that event with a critical alert", async () => {
    harness = startHarness(
      bankSystem({
        consumers: [],
        projections: [{ ...balancesProjection, handle: (e, c) => (e.data.amount === 13 ? Promise.reject(new Error("bad row")) : balancesProjection.handle(e, c)) }],
      }),
    );
    await harness.engine.dispatch(open("a1"));
    await harness.engine.dispatch(deposit("a1", 5));
    const poisoned = await harness.engine.dispatch(deposit("a1", 13));
    await harness.engine.runUntilIdle();
    if (poisoned.status !== "accepted") throw new Error("the deposit should be accepted");
    expect(harness.engine.projectionPosition("balances")).toBe(poisoned.events[0]!.position - 1);
    expect(storedRows(harness.store, "balances")).toEqual({ "account-a1": { owner: "Ada", balance: 5, movements: 1 } });
    expect(harness.store.alerts.list()[0]).toMatchObject({ severity: "critical", source: "balances" });
  });
});
