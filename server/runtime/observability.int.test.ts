import { afterEach, describe, expect, it } from "vitest";
import type { SystemDefinition } from "../core/definitions";
import { deposit, open, withdraw } from "../core/testing/bank";
import { addItem, create, submit } from "../core/testing/order";
import { TRACE_KINDS } from "../core/traceKinds";
import type { TraceEntry } from "../store";
import { bankSystem, orderSystem, startHarness, type Harness } from "./testing/systems";

describe("engine: causal chains, trace, determinism", () => {
  let harnesses: Harness[] = [];
  const start = (definition: SystemDefinition, seed = 1) => {
    const harness = startHarness(definition, seed);
    harnesses.push(harness);
    return harness;
  };
  afterEach(async () => {
    for (const harness of harnesses) await harness.cleanup();
    harnesses = [];
  });

  it("given an order flow, then the causal chain of any message gives its ancestors up to the command and every descendant", async () => {
    const harness = start(orderSystem());
    await harness.engine.dispatch(create("o1"));
    await harness.engine.dispatch(addItem("o1", "book", 1, 10));
    await harness.engine.dispatch(submit("o1"), { messageId: "submit-o1" });
    await harness.engine.runUntilIdle();
    const charged = harness.store.events.readStream("payment-o1")[0]!;

    const chain = harness.store.causalChain(charged.eventId)!;
    expect(chain.message).toMatchObject({ messageId: charged.eventId, kind: "service-reply", correlationId: "submit-o1" });
    const ancestorIds = chain.ancestors.map((l) => l.messageId);
    expect(ancestorIds.at(-1)).toBe("submit-o1");
    expect(chain.ancestors.map((l) => l.kind)).toEqual(["service-call", "append", "command-accepted"]);
    const typeOf = new Map(harness.store.events.readAll({ limit: 10_000 }).map((e) => [e.eventId, e.type]));
    const descendantTypes = new Set(chain.descendants.map((l) => typeOf.get(l.messageId)));
    expect(descendantTypes.has("inventory.reserved.v1")).toBe(true);
    expect(descendantTypes.has("shop.order.confirmed.v1")).toBe(true);
    // Every message of the flow carries the three ids.
    for (const event of harness.store.events.readAll({ after: 2 })) {
      expect(event.metadata).toMatchObject({ messageId: event.eventId, correlationId: "submit-o1", causationId: expect.any(String) });
    }
  });

  it("traces every kind of hop, and a subscriber receives them as they are committed", async () => {
    const harness = start(bankSystem());
    const seen: TraceEntry[] = [];
    harness.store.trace.subscribe(0, (entries) => seen.push(...entries));
    await harness.engine.dispatch(open("a1"));
    await harness.engine.dispatch(deposit("a1", 7));
    await harness.engine.dispatch(deposit("a1", 13));
    await harness.engine.dispatch(withdraw("a1", 1000));
    await harness.engine.runUntilIdle();
    harness.engine.redrive(harness.store.deadLetters.list()[0]!.id);
    await harness.engine.runUntilIdle();

    const order = start(orderSystem());
    order.engine.failNext("Shipping", "ship", 1);
    await order.engine.dispatch(create("o1"));
    await order.engine.dispatch(addItem("o1", "book", 1, 10));
    await order.engine.dispatch(submit("o1"));
    await order.engine.runUntilIdle();
    await new Promise((resolve) => setImmediate(resolve));

    const kinds = new Set([...harness.store.trace.read(0, 100_000), ...order.store.trace.read(0, 100_000)].map((e) => e.kind));
    for (const kind of [
      "append",
      "outbox-publish",
      "delivery",
      "handler-success",
      "handler-failure",
      "retry-scheduled",
      "dead-lettered",
      "redriven",
      "compensation-started",
      "compensation-done",
      "projection-updated",
      "command-rejected",
      "service-call",
      "service-reply",
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    for (const kind of kinds) expect(TRACE_KINDS).toContain(kind);
    expect(seen.map((e) => e.seq)).toEqual(harness.store.trace.read(0, 100_000).map((e) => e.seq));
  });

  it("given the same seed and commands, two fast runs produce identical logs; another seed differs", async () => {
    const flakyServices = (definition: SystemDefinition): SystemDefinition => ({
      ...definition,
      services: definition.services.map((s) => ({ ...s, operations: s.operations.map((op) => ({ ...op, failureRate: 0.3 })) })),
    });
    async function run(seed: number) {
      const harness = start(flakyServices(orderSystem({ aggregates: [...orderSystem().aggregates, ...bankSystem().aggregates], consumers: bankSystem().consumers, services: [...orderSystem().services, ...bankSystem().services] })), seed);
      for (let i = 0; i < 8; i++) {
        await harness.engine.dispatch(create(`o${i}`));
        await harness.engine.dispatch(addItem(`o${i}`, "book", i + 1, 10));
        await harness.engine.dispatch(submit(`o${i}`));
        await harness.engine.dispatch(open(`a${i}`));
        await harness.engine.dispatch(deposit(`a${i}`, i % 2 === 0 ? 7 : 99));
        if (i % 3 === 0) await harness.engine.runUntilIdle({ until: harness.engine.clock.now() + 120 });
      }
      await harness.engine.runUntilIdle();
      const events = harness.store.events.readAll({ limit: 100_000 }).map(({ position: _position, ...rest }) => rest);
      const trace = harness.store.trace.read(0, 100_000).map(({ seq: _seq, ...rest }) => rest);
      return { events, trace, sagas: harness.store.sagas.list(), letters: harness.store.deadLetters.list({ status: "all" }).map(({ id: _id, ...rest }) => rest) };
    }
    const first = await run(42);
    const second = await run(42);
    expect(first.events.length).toBeGreaterThan(60);
    expect(second.events).toEqual(first.events);
    expect(second.trace).toEqual(first.trace);
    expect(second.sagas).toEqual(first.sagas);
    expect(second.letters).toEqual(first.letters);
    const other = await run(7);
    expect(other.events).not.toEqual(first.events);
  });
});
