// Faults injected at run time: each takes effect on the next deliveries, is listed while in
// force, survives a restart, and clears.
import { afterEach, describe, expect, it } from "vitest";
import { deposit, open } from "../core/testing/bank";
import { UnknownNameError } from "./engine";
import { INJECTED_NON_RETRYABLE_ERROR } from "./faults";
import { bankSystem, startHarness, type Harness } from "./testing/systems";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

const kinds = (h: Harness, kind: string, node?: string) => h.store.trace.read(0, 100_000).filter((e) => e.kind === kind && (node === undefined || e.fromNode === node));

describe("injected faults", () => {
  it("given a retryable handler error for one delivery, then the first attempt fails, the retry succeeds and the fault is used up", async () => {
    harness = startHarness(bankSystem());
    const { engine } = harness;
    engine.injectFault({ kind: "handler-error", group: "auditor", count: 1, retryable: true });
    expect(engine.faults()).toEqual([{ key: "handler-error:retryable:auditor", fault: { kind: "handler-error", group: "auditor", count: 1, retryable: true } }]);
    await engine.dispatch(open("a1"));
    await engine.dispatch(deposit("a1", 5));
    await engine.runUntilIdle();
    expect(kinds(harness, "handler-failure", "auditor").map((e) => e.detail?.error)).toEqual(["InjectedError"]);
    expect(kinds(harness, "handler-success", "auditor")).toHaveLength(1);
    expect(engine.faults()).toEqual([]);
  });

  it("given a non-retryable handler error, then the message is dead-lettered after one attempt", async () => {
    harness = startHarness(bankSystem());
    const { engine } = harness;
    engine.injectFault({ kind: "handler-error", group: "auditor", count: 1, retryable: false });
    await engine.dispatch(open("a1"));
    await engine.dispatch(deposit("a1", 5));
    await engine.runUntilIdle();
    const [letter] = harness.store.deadLetters.list();
    expect(letter).toMatchObject({ group: "auditor", attempts: 1 });
    expect(letter!.errors.map((e) => e.name)).toEqual([INJECTED_NON_RETRYABLE_ERROR]);
  });

  it("given a failure rate of 1 on a service operation, then calls fail until it is cleared", async () => {
    harness = startHarness(bankSystem());
    const { engine } = harness;
    const types = () => engine.readAll({ limit: 1000 }).map((e) => e.type).filter((t) => t.startsWith("mail."));
    const { key } = engine.injectFault({ kind: "service-failure-rate", service: "Mailer", operation: "send", probability: 1 });
    await engine.dispatch(open("a1"));
    await engine.runUntilIdle();
    expect(types()).toEqual(["mail.bounced.v1", "mail.bounced.v1"]);
    engine.clearFault(key);
    expect(engine.faults()).toEqual([]);
    await engine.dispatch(open("a2"));
    await engine.runUntilIdle();
    expect(types().slice(2)).toEqual(["mail.sent.v1", "mail.sent.v1"]);
  });

  it("given a slowed consumer, then each delivery takes the extra clock time, one after the other, until cleared", async () => {
    harness = startHarness(bankSystem());
    const { engine } = harness;
    const { key } = engine.injectFault({ kind: "slow-consumer", group: "auditor", delayMs: 500 });
    await engine.dispatch(open("a1"));
    await engine.dispatch(deposit("a1", 5));
    await engine.dispatch(deposit("a1", 6));
    await engine.runUntilIdle();
    const [first, second] = kinds(harness, "handler-success", "auditor").map((e) => e.at);
    expect(first).toBeGreaterThanOrEqual(500);
    expect(second! - first!).toBe(500);

    engine.clearFault(key);
    const before = engine.clock.now();
    await engine.dispatch(deposit("a1", 8));
    await engine.runUntilIdle();
    expect(kinds(harness, "handler-success", "auditor").at(-1)!.at).toBe(before);
  });

  it("given duplicate deliveries, then an idempotent group absorbs the second and a plain one handles it twice", async () => {
    harness = startHarness(bankSystem());
    const { engine } = harness;
    engine.injectFault({ kind: "duplicate-delivery", group: "mailer-idempotent", count: 1 });
    engine.injectFault({ kind: "duplicate-delivery", group: "mailer-plain", count: 1 });
    await engine.dispatch(open("a1"));
    await engine.runUntilIdle();
    expect(kinds(harness, "duplicate-absorbed", "mailer-idempotent")).toHaveLength(1);
    expect(kinds(harness, "handler-success", "mailer-idempotent")).toHaveLength(1);
    expect(kinds(harness, "handler-success", "mailer-plain")).toHaveLength(2);
    expect(engine.faults()).toEqual([]);
  });

  it("given a paused relay, then outbox rows wait until the fault is cleared", async () => {
    harness = startHarness(bankSystem());
    const { engine, store } = harness;
    const { key } = engine.injectFault({ kind: "relay-paused" });
    await engine.dispatch(open("a1"));
    expect((await engine.runUntilIdle()).idle).toBe(true);
    expect(store.outbox.pendingCount()).toBe(1);
    engine.clearFault(key);
    await engine.runUntilIdle();
    expect(store.outbox.pendingCount()).toBe(0);
  });

  it("given faults in force, when the engine restarts, then they still are; fail-next counts are listed too", async () => {
    harness = startHarness(bankSystem());
    harness.engine.injectFault({ kind: "slow-consumer", group: "auditor", delayMs: 250 });
    harness.engine.failNext("Mailer", "send", 2);
    const restarted = harness.restart();
    expect(restarted.faults().map((f) => f.key).sort()).toEqual(["service-fail-next:Mailer.send", "slow-consumer:auditor"]);
    restarted.clearFault("service-fail-next:Mailer.send");
    expect(restarted.faults().map((f) => f.key)).toEqual(["slow-consumer:auditor"]);
  });

  it("given a group or operation the system lacks, then the fault is refused with the names it has", () => {
    harness = startHarness(bankSystem());
    expect(() => harness!.engine.injectFault({ kind: "slow-consumer", group: "nobody", delayMs: 5 })).toThrow(UnknownNameError);
    expect(() => harness!.engine.injectFault({ kind: "slow-consumer", group: "nobody", delayMs: 5 })).toThrow(/auditor/);
    expect(() => harness!.engine.injectFault({ kind: "service-failure-rate", service: "Mailer", operation: "fly", probability: 0.5 })).toThrow(/Mailer\.fly/);
  });
});
