// The dead-letter inbox through the API against a real SQLite file, on the outbox/retries demo:
// provenance, a redrive preview, paced redrives (the rate limit is kept by the server), single
// redrive and discard, and metrics that agree with it all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoFlowId, setupRunsApi, type RunsApi } from "./testing/runsApi";

let t: RunsApi;
let runId: string;
beforeAll(async () => {
  t = await setupRunsApi();
  runId = (await t.api.runs.start({ flowId: demoFlowId("outbox-retries-dlq"), mode: "fast", seed: 4 })).run.id;
  const place = (id: string, sku: string, quantity: number) => t.api.commands.dispatch({ runId, aggregate: "Order", aggregateId: id, command: "PlaceOrder", data: { sku, quantity } });
  await place("o-1", "BOOK", 1);
  await place("o-2", "POISON", 1);
  await place("o-3", "BRICK", 5000);
  await place("o-4", "POISON", 2);
});
afterAll(() => t.cleanup());

const PLACED = "orders.order.placed.v1";

describe("dead letters", () => {
  it("given poison and non-retryable messages, then the inbox shows each with its provenance, attempts and every error", async () => {
    const { letters, dead, nextAfterId } = await t.api.deadLetters.list({ runId });
    expect(dead).toBe(3);
    expect(nextAfterId).toBeNull();
    expect(letters.map((l) => [l.key, l.attempts, l.errors.map((e) => e.name)])).toEqual([
      ["o-2", 4, ["UnreadablePayload", "UnreadablePayload", "UnreadablePayload", "UnreadablePayload"]],
      ["o-3", 1, ["QuantityTooLarge"]],
      ["o-4", 4, ["UnreadablePayload", "UnreadablePayload", "UnreadablePayload", "UnreadablePayload"]],
    ]);
    expect(letters[0]).toMatchObject({ status: "dead", type: PLACED, originalTopic: PLACED, group: "warehouse", node: "warehouse-consumer", data: { sku: "POISON", orderId: "o-2" } });
    expect(letters[0]!.lastFailureAt).toBeGreaterThan(letters[0]!.firstFailureAt);
    expect(letters[1]!.errors[0]).toMatchObject({ retryable: false, message: "No warehouse picks more than 1000 items at once" });
  });

  it("given a selection, then the preview names the messages, where they go, how long the rate limit makes it take, and what may go wrong", async () => {
    const preview = await t.api.deadLetters.preview({ runId, selection: { group: "warehouse" }, perSecond: 2 });
    expect(preview.letters.map((l) => l.messageId)).toHaveLength(3);
    expect(preview.letters[1]).toMatchObject({ type: PLACED, topic: PLACED, group: "warehouse", attempts: 1, lastError: "No warehouse picks more than 1000 items at once" });
    expect(preview.targets).toEqual([{ topic: PLACED, group: "warehouse", node: "warehouse-consumer", count: 3 }]);
    expect(preview.estimatedSeconds).toBe(1);
    expect(preview.notes.join(" ")).toMatch(/fail and are dead-lettered again/);
    const byIds = await t.api.deadLetters.preview({ runId, selection: { ids: [preview.letters[0]!.id, 999_999] } });
    expect(byIds.letters).toHaveLength(1);
    expect(byIds.missing).toEqual([999_999]);
  });

  it("given a redrive of many at 4 per second, then the server paces them 250 ms apart, reports progress, and refuses a second job meanwhile", async () => {
    t.sleeps.length = 0;
    t.holdSleeps();
    const { letters } = await t.api.deadLetters.list({ runId });
    const job = await t.api.deadLetters.redriveMany({ runId, selection: { ids: [letters[0]!.id, letters[2]!.id] }, perSecond: 4 });
    expect(job).toMatchObject({ state: "running", perSecond: 4, ids: [letters[0]!.id, letters[2]!.id] });
    await expect(t.api.deadLetters.redriveMany({ runId, selection: { group: "warehouse" }, perSecond: 4 })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("of 2 done") });
    expect(await t.api.deadLetters.redriveStatus({ runId })).toMatchObject({ state: "running", perSecond: 4 });
    t.releaseSleeps();
    const done = await t.host.redrives.settled(runId);
    expect(done).toMatchObject({ state: "finished", done: 2, skipped: [] });
    expect(t.sleeps).toEqual([250]);
    expect(await t.api.deadLetters.redriveStatus({ runId })).toMatchObject({ state: "finished", done: 2 });

    const redriven = await t.api.deadLetters.list({ runId, status: "redriven" });
    expect(redriven.letters.map((l) => l.id)).toEqual([letters[0]!.id, letters[2]!.id]);
    await t.api.runs.settle({ runId });
    const again = await t.api.deadLetters.list({ runId });
    expect(again.dead).toBe(3);
    expect(again.letters.filter((l) => l.data.sku === "POISON")).toHaveLength(2);
    const trace = (await t.api.trace.page({ runId, afterSeq: 0, limit: 500 })).entries;
    expect(trace.some((e) => e.kind === "redriven" && e.hop?.edge === "deadLetters:warehouse-consumer->dlq:warehouse-consumer" && e.hop.reverse)).toBe(true);
  });

  it("given one dead letter, when redriven or discarded, then it leaves the inbox; a second attempt says it is gone", async () => {
    const { letters } = await t.api.deadLetters.list({ runId });
    const one = await t.api.deadLetters.redrive({ runId, id: letters[0]!.id });
    expect(one.status).toBe("redriven");
    await expect(t.api.deadLetters.redrive({ runId, id: letters[0]!.id })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("already redriven or discarded") });
    const discarded = await t.api.deadLetters.discard({ runId, ids: [letters[1]!.id, 424_242] });
    expect(discarded.discarded.map((l) => [l.id, l.status])).toEqual([[letters[1]!.id, "discarded"]]);
    expect(discarded.missing).toEqual([424_242]);
  });

  it("given the run settled, then the metrics agree: nothing pending in the outbox, no lag, dead letters as the inbox counts them", async () => {
    await t.api.runs.settle({ runId });
    const metrics = await t.api.metrics.snapshot({ runId });
    const inbox = await t.api.deadLetters.list({ runId });
    expect(metrics.outboxPending).toBe(0);
    expect(metrics.groups.every((g) => g.lag === 0)).toBe(true);
    expect(metrics.deadLetters).toBe(inbox.dead);
    expect(metrics.lastSeq).toBe((await t.api.trace.page({ runId, afterSeq: metrics.lastSeq - 1 })).lastSeq);
    const warehouse = metrics.groups.find((g) => g.group === "warehouse")!;
    expect(warehouse.node).toBe("warehouse-consumer");
    expect(warehouse.latency!.count).toBeGreaterThan(0);
    expect(warehouse.latency!.p50).toBeLessThanOrEqual(warehouse.latency!.p95);
    expect(warehouse.latency!.p95).toBeLessThanOrEqual(warehouse.latency!.p99);
  });

  it("given a paused relay, then the metrics show the pending outbox rows and the lag they become once published", async () => {
    const { key } = await t.api.faults.inject({ runId, fault: { kind: "relay-paused" } });
    await t.api.commands.dispatch({ runId, aggregate: "Order", aggregateId: "o-9", command: "PlaceOrder", data: { sku: "BOOK", quantity: 1 } });
    expect((await t.api.metrics.snapshot({ runId })).outboxPending).toBe(1);
    await t.api.faults.clear({ runId, key });
    expect((await t.api.runs.step({ runId })).steps).toBe(1);
    const metrics = await t.api.metrics.snapshot({ runId });
    expect(metrics.outboxPending).toBe(0);
    expect(metrics.groups.find((g) => g.group === "warehouse")).toMatchObject({ lag: 1, topics: [{ topic: PLACED, lag: 1 }] });
  });
});
