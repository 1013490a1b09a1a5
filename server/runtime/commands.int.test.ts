import { afterEach, describe, expect, it } from "vitest";
import { evolveAll } from "../core/decider";
import type { AggregateDefinition } from "../core/definitions";
import { accountAggregate, deposit, open, withdraw } from "../core/testing/bank";
import { addItem, create, ORDER_CREATED_V1, orderUpcasters } from "../core/testing/order";
import { createUpcasters } from "../core/upcasting";
import { commandHandled, COMMANDS_GROUP } from "./commands";
import { bankSystem, orderSystem, startHarness, type Harness } from "./testing/systems";

describe("engine: commands, snapshots, upcasting", () => {
  let harness: Harness;
  afterEach(async () => harness.cleanup());

  it("given an open account, when a withdrawal exceeds the balance, then it is rejected with a sentence and nothing is appended", async () => {
    harness = startHarness(bankSystem());
    const { engine } = harness;
    await engine.dispatch(open("a1"));
    await engine.dispatch(deposit("a1", 30));
    const result = await engine.dispatch(withdraw("a1", 50));
    expect(result).toEqual({ status: "rejected", commandId: expect.any(String), message: "Insufficient funds: the balance is 30, the withdrawal 50." });
    expect(engine.readStream("account-a1")).toHaveLength(2);
  });

  it("given a command, when accepted, then its events carry messageId, correlationId and causationId, and its outbox rows are pending", async () => {
    harness = startHarness(bankSystem());
    const result = await harness.engine.dispatch(open("a1"), { messageId: "cmd-1", correlationId: "flow-1" });
    expect(result.status).toBe("accepted");
    if (result.status !== "accepted") return;
    const [event] = result.events;
    expect(event!.metadata).toEqual({ messageId: event!.eventId, correlationId: "flow-1", causationId: "cmd-1" });
    expect(harness.store.outbox.pendingCount()).toBe(1);
  });

  it("given an expected version, when the stream is elsewhere, then the command is rejected as a concurrency conflict; at that version it is accepted", async () => {
    harness = startHarness(bankSystem());
    const { engine } = harness;
    await engine.dispatch(open("a1"));
    expect(await engine.dispatch(deposit("a1", 5), { expectedVersion: 0 })).toMatchObject({
      status: "rejected",
      message: "Concurrency conflict: Account a1 is at version 1, not the expected 0; it changed since it was read.",
      conflict: { streamId: "account-a1", expectedVersion: 0, actualVersion: 1 },
    });
    expect((await engine.dispatch(deposit("a1", 5), { expectedVersion: 1 })).status).toBe("accepted");
  });

  it("given a stream that changes during every decision, when the retries run out, then the command is rejected as a conflict, not thrown", async () => {
    let writes = 0;
    const racer: AggregateDefinition = {
      name: "Racer",
      streamPrefix: "racer",
      initialState: {},
      decide(_state, command) {
        const id = `other-${++writes}`;
        harness.store.events.appendToStream(`racer-${command.aggregateId}`, [{ eventId: id, type: "race.won.v1", data: {}, metadata: { messageId: id, correlationId: id, causationId: id } }], { now: 0 });
        return [{ type: "race.won.v1", data: {} }];
      },
      evolve: (state) => state,
    };
    harness = startHarness(bankSystem({ aggregates: [racer] }));
    const result = await harness.engine.dispatch({ aggregate: "Racer", aggregateId: "r1", type: "Win", data: {} });
    expect(result).toMatchObject({
      status: "rejected",
      message: "Concurrency conflict: Racer r1 kept changing while the command was decided (5 attempts); try again.",
      conflict: { streamId: "racer-r1", expectedVersion: 4, actualVersion: 5 },
    });
    expect(writes).toBe(5);
  });

  it("given a command id already handled, when dispatched again, then it is a duplicate and nothing happens twice", async () => {
    harness = startHarness(bankSystem());
    await harness.engine.dispatch(open("a1"), { messageId: "cmd-1" });
    await harness.engine.dispatch(deposit("a1", 5), { messageId: "cmd-2" });
    expect(await harness.engine.dispatch(deposit("a1", 5), { messageId: "cmd-2" })).toEqual({ status: "duplicate", commandId: "cmd-2" });
    expect(harness.engine.loadAggregate("Account", "a1").state.balance).toBe(5);
    // An accepted command is known by its first event's id; only a rejected one leaves a processed id.
    await harness.engine.dispatch(withdraw("a1", 50), { messageId: "cmd-3" });
    expect(harness.store.processed.has(COMMANDS_GROUP, "cmd-2")).toBe(false);
    expect([commandHandled(harness.store, "cmd-2"), commandHandled(harness.store, "cmd-3"), commandHandled(harness.store, "cmd-4")]).toEqual([true, true, false]);
    expect(await harness.engine.dispatch(withdraw("a1", 50), { messageId: "cmd-3" })).toEqual({ status: "duplicate", commandId: "cmd-3" });
  });

  it("given an aggregate held in memory, when another writer appends to its stream or a batch rolls back, then the next command decides on the stored events", async () => {
    harness = startHarness(bankSystem());
    await harness.engine.dispatch(open("a1"));
    await harness.engine.dispatch(deposit("a1", 5));
    const [outside] = harness.engine.readStream("account-a1").slice(-1);
    harness.store.events.appendToStream("account-a1", [{ ...outside!, eventId: "outside-1", metadata: { ...outside!.metadata, messageId: "outside-1" } }], { now: 0 });
    await expect(harness.store.batch(async () => {
      await harness.engine.dispatch(deposit("a1", 100));
      throw new Error("rolled back");
    })).rejects.toThrow("rolled back");
    expect(await harness.engine.dispatch(withdraw("a1", 11))).toMatchObject({ status: "rejected", message: "Insufficient funds: the balance is 10, the withdrawal 11." });
    expect((await harness.engine.dispatch(withdraw("a1", 10))).status).toBe("accepted");
    expect(harness.engine.loadAggregate("Account", "a1")).toMatchObject({ version: 4, state: { balance: 0 } });
  });

  it("given an unknown aggregate, then the command is rejected with a sentence", async () => {
    harness = startHarness(bankSystem());
    expect(await harness.engine.dispatch({ aggregate: "Nope", aggregateId: "1", type: "X", data: {} })).toMatchObject({
      status: "rejected",
      message: 'There is no aggregate named "Nope".',
    });
  });

  it("given two commands deciding concurrently on one stream, then the loser retries against the new version and both land", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const base = accountAggregate();
    const slow: AggregateDefinition = {
      ...base,
      async decide(state, command, ctx) {
        if (command.data.slow) await gate;
        return base.decide(state, command, ctx);
      },
    };
    harness = startHarness(bankSystem({ aggregates: [slow] }));
    await harness.engine.dispatch(open("a1"));
    const first = harness.engine.dispatch({ ...deposit("a1", 5), data: { amount: 5, slow: true } });
    await harness.engine.dispatch(deposit("a1", 7));
    release();
    expect((await first).status).toBe("accepted");
    expect(harness.engine.readStream("account-a1").map((e) => [e.streamVersion, e.data.amount ?? null])).toEqual([[1, null], [2, 7], [3, 5]]);
  });

  it("given snapshots every 5 events, when loading, then state = latest snapshot + newer events = a full replay", async () => {
    harness = startHarness(bankSystem());
    await harness.engine.dispatch(open("a1"));
    for (let i = 1; i <= 12; i++) await harness.engine.dispatch(i % 4 === 0 ? withdraw("a1", 3) : deposit("a1", i));
    const snapshot = harness.store.snapshots.load("account-a1")!;
    expect(snapshot.version).toBe(10);
    const loaded = harness.engine.loadAggregate("Account", "a1");
    const replay = evolveAll(accountAggregate(), createUpcasters([]), accountAggregate().initialState, harness.engine.readStream("account-a1"));
    expect(loaded).toEqual({ streamId: "account-a1", state: replay, version: 13 });
    expect(harness.store.events.foldStream("account-a1", snapshot.version, 0, (_s, _t, _d, v) => v).version).toBe(13);
  });

  it("given a stored v1 event, when read or loaded, then it is upcast to v3 and the stored row stays v1", async () => {
    harness = startHarness(orderSystem());
    harness.store.events.appendToStream(
      "order-o1",
      [{ eventId: "old-1", type: ORDER_CREATED_V1, data: { customer: "Grace" }, metadata: { messageId: "old-1", correlationId: "old-1", causationId: "old-1" } }],
      { now: 0 },
    );
    expect(harness.engine.readStream("order-o1")[0]).toMatchObject({ type: "shop.order.created.v3", data: { customerName: "Grace", currency: "EUR" } });
    expect(harness.engine.loadAggregate("Order", "o1").state).toMatchObject({ status: "draft", customerName: "Grace", currency: "EUR" });
    expect(await harness.engine.dispatch(addItem("o1", "sku-1", 2, 5))).toMatchObject({ status: "accepted" });
    expect(harness.store.events.readStream("order-o1")[0]).toMatchObject({ type: ORDER_CREATED_V1, data: { customer: "Grace" } });
    expect(await harness.engine.dispatch(create("o1"))).toMatchObject({ status: "rejected", message: "The order already exists." });
    expect(createUpcasters(orderUpcasters).latestType(ORDER_CREATED_V1)).toBe("shop.order.created.v3");
  });
});
