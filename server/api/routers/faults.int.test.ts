// Faults through the API against a real SQLite file, on the outbox/retries demo in fast mode: each
// kind takes effect on the next deliveries, is listed with the node that shows it, and clears.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { demoFlowId, setupRunsApi, type RunsApi } from "./testing/runsApi";

let t: RunsApi;
let runId: string;
let order = 0;
beforeAll(async () => {
  t = await setupRunsApi();
});
afterAll(() => t.cleanup());
beforeEach(async () => {
  runId = (await t.api.runs.start({ flowId: demoFlowId("outbox-retries-dlq"), mode: "fast", seed: 11 })).run.id;
});

const PLACED = "orders.order.placed.v1";
const place = (sku = "BOOK", quantity = 1) => t.api.commands.dispatch({ runId, aggregate: "Order", aggregateId: `o-${++order}`, command: "PlaceOrder", data: { sku, quantity } });
const entries = async () => {
  const all = [];
  for (let page = await t.api.trace.page({ runId }); page.entries.length > 0; page = await t.api.trace.page({ runId, afterSeq: page.lastSeq })) all.push(...page.entries);
  return all;
};
const eventTypes = async () => (await entries()).filter((e) => e.kind === "append").map((e) => e.toNode);

describe("faults", () => {
  it("given a retryable handler error on the warehouse group, then its next delivery fails, the retry succeeds, and the fault is used up", async () => {
    const { key, faults } = await t.api.faults.inject({ runId, fault: { kind: "handler-error", group: "warehouse", count: 1, retryable: true } });
    expect(faults).toEqual([{ key, fault: { kind: "handler-error", group: "warehouse", count: 1, retryable: true }, nodes: ["warehouse-consumer"], summary: "warehouse throws a retryable error on its next 1 delivery" }]);
    await place();
    const trace = await entries();
    expect(trace.filter((e) => e.kind === "handler-failure").map((e) => e.detail?.error)).toEqual(["InjectedError"]);
    expect(trace.filter((e) => e.kind === "retry-scheduled")).toHaveLength(1);
    expect(await eventTypes()).toContain("warehouse.pick.completed.v1");
    expect(await t.api.faults.list({ runId })).toEqual([]);
  });

  it("given a non-retryable handler error, then the message goes straight to the dead-letter queue", async () => {
    await t.api.faults.inject({ runId, fault: { kind: "handler-error", group: "warehouse", count: 1, retryable: false } });
    await place();
    const { letters } = await t.api.deadLetters.list({ runId });
    expect(letters).toEqual([expect.objectContaining({ group: "warehouse", node: "warehouse-consumer", attempts: 1, originalTopic: PLACED })]);
    expect(letters[0]!.errors.map((e) => e.name)).toEqual(["InjectedNonRetryableError"]);
  });

  it("given a service failing its next call, then one call fails and the next succeeds", async () => {
    await t.api.faults.inject({ runId, fault: { kind: "service-fail-next", service: "Warehouse", operation: "PickItems", count: 1 } });
    expect((await t.api.faults.list({ runId })).map((f) => f.nodes)).toEqual([["warehouse"]]);
    await place();
    await place();
    expect((await eventTypes()).filter((type) => type!.startsWith("warehouse."))).toEqual(["warehouse.pick.failed.v1", "warehouse.pick.completed.v1"]);
    expect(await t.api.faults.list({ runId })).toEqual([]);
  });

  it("given a service failing with probability 1, then every call fails until the fault is cleared", async () => {
    const { key } = await t.api.faults.inject({ runId, fault: { kind: "service-failure-rate", service: "Warehouse", operation: "PickItems", probability: 1 } });
    await place();
    await place();
    expect((await t.api.faults.clear({ runId, key })).faults).toEqual([]);
    await place();
    expect((await eventTypes()).filter((type) => type!.startsWith("warehouse."))).toEqual(["warehouse.pick.failed.v1", "warehouse.pick.failed.v1", "warehouse.pick.completed.v1"]);
  });

  it("given a slowed consumer, then each delivery waits the extra clock time, and the latency metric shows it", async () => {
    const { key } = await t.api.faults.inject({ runId, fault: { kind: "slow-consumer", group: "warehouse", delayMs: 300 } });
    await place();
    const trace = await entries();
    const published = trace.find((e) => e.kind === "outbox-publish" && e.toNode === PLACED)!;
    const handled = trace.find((e) => e.kind === "handler-success" && e.fromNode === "warehouse")!;
    expect(handled.at - published.at).toBe(300);
    const metrics = await t.api.metrics.snapshot({ runId });
    expect(metrics.groups.find((g) => g.group === "warehouse")!.latency).toMatchObject({ count: 1, p50: 300, p99: 300 });
    await t.api.faults.clear({ runId, key });
    await place();
    const again = await entries();
    const lastPublished = again.filter((e) => e.kind === "outbox-publish" && e.toNode === PLACED).at(-1)!;
    expect(again.filter((e) => e.kind === "handler-success" && e.fromNode === "warehouse").at(-1)!.at).toBe(lastPublished.at);
  });

  it("given a duplicate delivery, then the idempotent warehouse group receives the message twice and absorbs the second", async () => {
    await t.api.faults.inject({ runId, fault: { kind: "duplicate-delivery", group: "warehouse", count: 1 } });
    await place();
    const trace = await entries();
    expect(trace.filter((e) => e.kind === "delivery" && e.toNode === "warehouse")).toHaveLength(2);
    expect(trace.filter((e) => e.kind === "duplicate-absorbed" && e.fromNode === "warehouse")).toHaveLength(1);
    expect(trace.filter((e) => e.kind === "handler-success" && e.fromNode === "warehouse")).toHaveLength(1);
  });

  it("given a paused relay, then events wait in the outbox until it is cleared", async () => {
    const { key, faults } = await t.api.faults.inject({ runId, fault: { kind: "relay-paused" } });
    expect(faults[0]!.nodes).toEqual(["order-outbox"]);
    await place();
    expect((await t.api.metrics.snapshot({ runId })).outboxPending).toBe(1);
    await t.api.faults.clear({ runId, key });
    await t.api.runs.settle({ runId });
    expect((await t.api.metrics.snapshot({ runId })).outboxPending).toBe(0);
    expect(await eventTypes()).toContain("warehouse.pick.completed.v1");
  });

  it("given a group the flow lacks, then the fault is refused with the groups it has", async () => {
    await expect(t.api.faults.inject({ runId, fault: { kind: "slow-consumer", group: "billing", delayMs: 10 } })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("warehouse") });
  });
});
