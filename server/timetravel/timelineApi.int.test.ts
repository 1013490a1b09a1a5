import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deposit, DEPOSITED, open, withdraw } from "../core/testing/bank";
import { addItem, create, fulfilmentSaga, ORDER_CREATED, ORDER_CREATED_V1, submit } from "../core/testing/order";
import { createEngine } from "../runtime";
import { bankSystem, orderSystem, startHarness, type Harness } from "../runtime/testing/systems";
import { createRunStore } from "../store";
import { TimelineCursorError, TimelineIndexError } from "./errors";
import { freshFold } from "./testing/freshFold";
import { openTimeline } from "./timeline";

let harness: Harness;
afterEach(async () => {
  await harness.cleanup();
});

describe("the replay view's questions on a bank run with retries and dead letters", () => {
  beforeEach(async () => {
    harness = startHarness(bankSystem());
    const { engine } = harness;
    // Each command settles before the next, so what an event causes stays in its moment.
    const commands = [
      ...["a", "b", "c"].map((id) => open(id, `owner ${id}`)),
      deposit("a", 7), // fails twice at the auditor, then passes
      deposit("b", 13), // poison: dead-lettered at once
      withdraw("a", 3),
      withdraw("c", 50), // rejected: no event
    ];
    for (const command of commands) {
      await engine.dispatch(command);
      await engine.runUntilIdle();
    }
  });

  it("Given the poison deposit's moment, When read part-way at each of its hops, Then the dead letter appears at the hop that made it and the outbox drains as the relay publishes", async () => {
    const timeline = openTimeline(harness.store, bankSystem());
    const page = await timeline.eventsPage({ filter: { streamId: "account-b", types: [DEPOSITED] } });
    const index = page.items[0]!.index;
    const hops = await timeline.hopsAt(index);
    expect(hops[0]).toMatchObject({ kind: "append", position: page.items[0]!.position });
    const deadLettered = hops.find((hop) => hop.kind === "dead-lettered")!;
    const before = await timeline.stateAt(index, { hop: deadLettered.seq - 1 });
    const after = await timeline.stateAt(index, { hop: deadLettered.seq });
    expect(before.world.queues.deadLetters).toEqual([]);
    expect(after.world.queues.deadLetters).toMatchObject([{ status: "dead", node: "auditor", reason: "non-retryable" }]);
    expect(after.world.queues.outbox.map((send) => send.via)).toContain("dead-lettered");
    const appended = await timeline.stateAt(index, { hop: hops[0]!.seq });
    expect(appended.world.queues.outbox.map((send) => send.messageId)).toContain(page.items[0]!.eventId);
    expect(appended.hop).toBe(hops[0]!.seq);
    const whole = await timeline.stateAt(index);
    expect(whole.world.queues.deadLetters).toHaveLength(1);
    expect(whole.hop).toBeNull();
  });

  it("Given the deposit that fails twice, When read right after its first retry is scheduled, Then that retry is in flight with its due time", async () => {
    const timeline = openTimeline(harness.store, bankSystem());
    const { items } = await timeline.eventsPage({ filter: { streamId: "account-a", types: [DEPOSITED] } });
    const seven = items.find((item) => item.data.amount === 7)!;
    const retry = (await timeline.hopsAt(seven.index)).find((hop) => hop.kind === "retry-scheduled")!;
    const { world } = await timeline.stateAt(seven.index, { hop: retry.seq });
    expect(world.queues.retries).toEqual([expect.objectContaining({ node: "auditor", messageId: seven.eventId, attempt: 1, dueAt: retry.at + (retry.detail!.delayMs as number) })]);
  });

  it("Given filters, When the log is paged, Then each filter narrows it and the cursor continues where the page stopped", async () => {
    const timeline = openTimeline(harness.store, bankSystem());
    const all = await timeline.eventsPage({ limit: 500 });
    expect(all.items.map((item) => item.index)).toEqual(Array.from({ length: timeline.length }, (_, i) => i + 1));
    expect(all.nextCursor).toBeNull();

    const first = await timeline.eventsPage({ filter: { aggregate: "Account" }, limit: 2 });
    const second = await timeline.eventsPage({ filter: { aggregate: "Account" }, limit: 2, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((item) => item.streamId)).toEqual(["account-a", "account-b", "account-c", "account-a"]);

    const mail = await timeline.eventsPage({ filter: { types: ["mail.sent.v1"] } });
    expect(mail.items.length).toBeGreaterThan(0);
    expect(mail.items.every((item) => item.aggregate === null && item.streamId.startsWith("mailer-"))).toBe(true);

    const text = await timeline.eventsPage({ filter: { text: "OWNER B" } });
    expect(text.items.map((item) => item.streamId)).toEqual(["account-b", "mailer-b", "mailer-b"]);

    const target = all.items.find((item) => item.streamId === "account-c")!;
    const correlated = await timeline.eventsPage({ filter: { correlationId: target.correlationId } });
    expect(correlated.items.length).toBeGreaterThan(0);
    expect(correlated.items.every((item) => item.correlationId === target.correlationId)).toBe(true);

    expect((await timeline.eventsPage({ filter: { aggregate: "Nope" } })).items).toEqual([]);
    expect((await timeline.eventsPage({ fromIndex: timeline.length - 1 })).items.map((item) => item.index)).toEqual([timeline.length]);
    await expect(timeline.eventsPage({ cursor: "bogus" })).rejects.toBeInstanceOf(TimelineCursorError);
  });

  it("Given a deposit's id, When its causal chain is asked, Then ancestors and descendants come with the event index of each event among them", async () => {
    const timeline = openTimeline(harness.store, bankSystem());
    const { items } = await timeline.eventsPage({ filter: { types: ["bank.account.opened.v1"] } });
    const opened = items[0]!;
    const chain = (await timeline.causalChain(opened.eventId))!;
    expect(chain.message).toMatchObject({ messageId: opened.eventId, index: opened.index });
    expect(chain.ancestors[0]).toMatchObject({ messageId: opened.causationId, index: null });
    const mails = chain.descendants.filter((link) => link.index !== null);
    expect(mails.length).toBeGreaterThan(0);
    for (const link of mails) expect((await timeline.eventAt(link.index!)).eventId).toBe(link.messageId);
    expect(await timeline.causalChain("no-such-message")).toBeUndefined();
  });

  it("Given indexes outside the log, When asked, Then a typed error says which indexes are valid", async () => {
    const timeline = openTimeline(harness.store, bankSystem());
    await expect(timeline.stateAt(timeline.length + 1)).rejects.toThrow(`goes from 0 (before the first event) to ${timeline.length}`);
    await expect(timeline.stateAt(-1)).rejects.toBeInstanceOf(TimelineIndexError);
    await expect(timeline.diffAt(1.5)).rejects.toThrow("whole number");
    await expect(timeline.eventAt(0)).rejects.toBeInstanceOf(TimelineIndexError);
  });

  it("Given many requests at once, When they run, Then each answers as if it ran alone", async () => {
    const timeline = openTimeline(harness.store, bankSystem(), { keyframeInterval: 2 });
    const indexes = [5, 1, timeline.length, 3, 0, 4, 2, 5];
    const together = await Promise.all(indexes.map((index) => timeline.stateAt(index)));
    const alone = openTimeline(harness.store, bankSystem(), { keyframes: false });
    for (const [i, index] of indexes.entries()) expect(together[i]!.world).toEqual((await alone.stateAt(index)).world);
  });
});

describe("keyframes and a run that goes on", () => {
  it("Given a run that grows while its timeline is open, When refreshed, Then the new events and the hops after the old last event show", async () => {
    harness = startHarness(orderSystem());
    const { engine, store } = harness;
    await engine.dispatch(create("o1"));
    await engine.dispatch(addItem("o1", "sku", 1, 10));
    await engine.runUntilIdle();
    const timeline = openTimeline(store, orderSystem(), { keyframeInterval: 1 });
    const before = timeline.length;
    const lastBefore = await timeline.stateAt(before);
    await engine.dispatch(submit("o1"));
    await engine.runUntilIdle();
    expect(timeline.length).toBe(before);
    const length = await timeline.refresh();
    expect(length).toBeGreaterThan(before);
    const views = new Map<number, unknown>();
    await freshFold(store, orderSystem(), [before, length], (index, view) => views.set(index, view));
    expect((await timeline.stateAt(before)).world).toEqual(views.get(before));
    expect((await timeline.stateAt(length)).world).toEqual(views.get(length));
    expect((await timeline.stateAt(length)).world.sagas[fulfilmentSaga.name]!.o1!.status).toBe("completed");
    expect(lastBefore.world.sagas).toEqual({});
  });

  it("Given keyframes stored as full worlds and deltas, When a new timeline jumps through them, Then the states match a fresh fold; and under another definition key they are folded again", async () => {
    harness = startHarness(orderSystem());
    const { engine, store } = harness;
    for (let i = 0; i < 40; i++) await engine.dispatch(create(`o${i}`));
    await engine.runUntilIdle();
    const first = openTimeline(store, orderSystem(), { keyframeInterval: 3, definitionKey: "v1" });
    const progress = await first.buildKeyframes();
    expect(progress).toMatchObject({ done: true, length: 40 });
    expect(progress.keyframes).toBeGreaterThanOrEqual(2);
    const count = () => store.db.prepare("SELECT COUNT(*) AS n FROM timeline_keyframes WHERE run_id = ?").get(store.runId) as { n: number };
    expect(count().n).toBe(progress.keyframes);
    const deltas = store.db.prepare("SELECT COUNT(*) AS n FROM timeline_keyframes WHERE run_id = ? AND base_idx IS NOT NULL").get(store.runId) as { n: number };
    expect(deltas.n).toBeGreaterThan(0);
    expect(deltas.n).toBeLessThan(progress.keyframes);

    const reopened = openTimeline(store, orderSystem(), { keyframeInterval: 3, definitionKey: "v1", cachedSteps: 0 });
    const indexes = [40, 7, 33, 12, 39];
    const views = new Map<number, unknown>();
    await freshFold(store, orderSystem(), [...indexes].sort((a, b) => a - b), (index, view) => views.set(index, view));
    for (const index of indexes) expect((await reopened.stateAt(index)).world, `event ${index}`).toEqual(views.get(index));
    const renamed = { ...orderSystem(), aggregates: [{ ...orderSystem().aggregates[0]!, evolve: () => ({ replaced: true }) }] };
    const second = openTimeline(store, renamed, { keyframeInterval: 3, definitionKey: "v2" });
    expect(count().n).toBe(0);
    expect((await second.stateAt(7)).world.aggregates["order-o6"]!.state).toEqual({ replaced: true });
  });

  it("Given a run deleted and recorded again under the same id, When a timeline opens it, Then the old run's keyframes are dropped", async () => {
    harness = startHarness(orderSystem());
    const { engine, store } = harness;
    for (let i = 0; i < 6; i++) await engine.dispatch(create(`o${i}`));
    await openTimeline(store, orderSystem(), { keyframeInterval: 2 }).buildKeyframes();
    await engine.close();
    store.deleteRun();
    const again = createEngine({ definition: orderSystem(), store: createRunStore(store.db, store.runId), seed: 2 });
    for (let i = 0; i < 7; i++) await again.dispatch(create(`n${i}`));
    const timeline = openTimeline(store, orderSystem(), { keyframeInterval: 2 });
    const views = new Map<number, unknown>();
    await freshFold(store, orderSystem(), [6], (index, view) => views.set(index, view));
    expect((await timeline.stateAt(6)).world).toEqual(views.get(6));
    await again.close();
  });

  it("Given legacy v1 events appended straight to the log (no trace hops), When the timeline shows them, Then they read upcast and a type filter on v3 finds them", async () => {
    harness = startHarness(orderSystem());
    const { engine, store } = harness;
    await engine.dispatch(create("o1"));
    store.events.appendToStream("order-legacy", [{ eventId: "legacy-1", type: ORDER_CREATED_V1, data: { customer: "Old" }, metadata: { messageId: "legacy-1", correlationId: "legacy-1", causationId: "legacy-1" } }], { now: 5 });
    await engine.dispatch(create("o2"));
    await engine.runUntilIdle();
    const timeline = openTimeline(store, orderSystem());
    const found = await timeline.eventsPage({ filter: { types: [ORDER_CREATED] } });
    expect(found.items.map((item) => [item.streamId, item.storedType])).toEqual([
      ["order-o1", ORDER_CREATED],
      ["order-legacy", ORDER_CREATED_V1],
      ["order-o2", ORDER_CREATED],
    ]);
    const legacy = found.items[1]!;
    expect(legacy.data).toMatchObject({ customerName: "Old", currency: "EUR" });
    expect(await timeline.hopsAt(legacy.index)).toEqual([]);
    expect((await timeline.stateAt(legacy.index)).world.aggregates["order-legacy"]!.state).toMatchObject({ customerName: "Old" });
  });
});
