import { describe, expect, it } from "vitest";
import { checkExpectation, readPath, type TourObserver } from "./tourExpect";

const observer: TourObserver = {
  aggregateState: () => ({ balance: 150, items: [{ sku: "A" }, { sku: "PEN" }] }),
  row: (table, key) => (table === "order_view" && key === "o-1" ? { total: 35 } : undefined),
  sagaStatus: () => "compensated",
  alertCount: () => 1,
  eventTypes: () => ["a.b.placed.v1", "a.b.charged.v1"],
  streamEvents: () => [{ type: "orders.order.created.v2", data: { currency: "USD" } }],
  latestSnapshotVersion: () => 3,
  deadLetters: () => [{ topic: "a.b.placed.v1", attempts: 4, retryCount: 3 }],
  topicMessages: (topic) => (topic.startsWith("_retry.") ? 3 : 1),
  deliveries: () => 4,
  handled: () => 2,
};

describe("checkExpectation", () => {
  it("Given a run matching the expectations, When checked, Then each passes", async () => {
    const results = await Promise.all([
      checkExpectation({ kind: "state", aggregate: "Account", aggregateId: "a", path: "balance", equals: 150 }, observer, {}),
      checkExpectation({ kind: "state", aggregate: "Order", aggregateId: "o", path: "items.1.sku", equals: "PEN" }, observer, {}),
      checkExpectation({ kind: "row", table: "order_view", key: "o-1", field: "total", equals: 35 }, observer, {}),
      checkExpectation({ kind: "saga", saga: "S", instanceId: "o", status: "compensated" }, observer, {}),
      checkExpectation({ kind: "rejected", message: "Insufficient funds" }, observer, { rejection: "Insufficient funds" }),
      checkExpectation({ kind: "event-sequence", correlationId: "c", types: ["a.b.placed.v1", "a.b.charged.v1"] }, observer, {}),
      checkExpectation({ kind: "events-include", correlationId: "c", types: ["a.b.charged.v1"] }, observer, {}),
      checkExpectation({ kind: "stream-event", aggregate: "Order", aggregateId: "o", index: 0, type: "orders.order.created.v2", field: "currency", equals: "USD" }, observer, {}),
      checkExpectation({ kind: "dead-letter", group: "g", topic: "a.b.placed.v1", attempts: 4, retryCount: 3 }, observer, {}),
      checkExpectation({ kind: "topic-messages", topic: "_retry.a.b.placed.v1", count: 3 }, observer, {}),
      checkExpectation({ kind: "alerts", atLeast: 1 }, observer, {}),
    ]);
    expect(results.filter((result) => !result.ok)).toEqual([]);
  });

  it("Given a run that differs, When checked, Then the result says what was expected and found", async () => {
    expect(await checkExpectation({ kind: "state", aggregate: "Account", aggregateId: "acc-1", path: "balance", equals: 200 }, observer, {})).toEqual({
      ok: false,
      expected: "Account acc-1 state.balance equals 200",
      actual: "150",
    });
    expect(await checkExpectation({ kind: "event-sequence", correlationId: "c", types: ["a.b.charged.v1", "a.b.placed.v1"] }, observer, {})).toMatchObject({ ok: false });
    expect(await checkExpectation({ kind: "rejected", message: "x" }, observer, {})).toMatchObject({ ok: false, actual: "nothing" });
    expect(await checkExpectation({ kind: "handled", group: "g", count: 1 }, observer, {})).toMatchObject({ ok: false, actual: "2" });
  });

  it("Given paths with list indexes or missing keys, When read, Then lists are indexed and absence is undefined", () => {
    expect(readPath({ a: [{ b: 1 }] }, "a.0.b")).toBe(1);
    expect(readPath({ a: [] }, "a.0.b")).toBeUndefined();
    expect(readPath({ a: 1 }, "toString")).toBeUndefined();
  });
});
