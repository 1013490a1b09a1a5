import { afterEach, describe, expect, it } from "vitest";
import { deposit, open, welcomeBonusReaction } from "../core/testing/bank";
import { addItem, create, submit } from "../core/testing/order";
import { bankSystem, orderSystem, startHarness, type Harness } from "./testing/systems";

describe("engine: sagas", () => {
  let harness: Harness;
  afterEach(async () => harness.cleanup());

  async function placeOrder(id: string): Promise<void> {
    await harness.engine.dispatch(create(id));
    await harness.engine.dispatch(addItem(id, "book", 2, 15));
    await harness.engine.dispatch(submit(id), { messageId: `submit-${id}` });
    await harness.engine.runUntilIdle();
  }
  const sagaKinds = () =>
    harness.store.trace
      .read(0, 100_000)
      .filter((e) => e.fromNode === "Fulfilment" && (e.kind.startsWith("saga-") || e.kind.startsWith("compensation-")))
      .map((e) => e.kind);
  const types = () => harness.store.events.readAll({ limit: 10_000 }).map((e) => e.type);

  it("given every service succeeds, then the steps run in order and the order is confirmed", async () => {
    harness = startHarness(orderSystem());
    await placeOrder("o1");
    const instance = harness.store.sagas.load("Fulfilment", "o1")!;
    expect(instance.status).toBe("completed");
    expect(types().slice(3)).toEqual(["payment.charged.v1", "inventory.reserved.v1", "shipping.shipped.v1", "shop.order.confirmed.v1"]);
    expect(harness.engine.loadAggregate("Order", "o1").state.status).toBe("confirmed");
    expect(sagaKinds()).toEqual([
      "saga-started",
      "saga-step-started",
      "saga-step-succeeded",
      "saga-step-started",
      "saga-step-succeeded",
      "saga-step-started",
      "saga-step-succeeded",
      "saga-step-started",
      "saga-step-succeeded",
      "saga-completed",
    ]);
    // latencies (payment 50, inventory 30, shipping 100) pass on the clock
    expect(harness.store.events.readStream("shipping-o1")[0]!.recordedAt).toBe(180);
  });

  it("given shipping fails, then inventory is released and payment refunded, in reverse order", async () => {
    harness = startHarness(orderSystem());
    harness.engine.failNext("Shipping", "ship", 1);
    await placeOrder("o1");
    expect(types().slice(3)).toEqual([
      "payment.charged.v1",
      "inventory.reserved.v1",
      "shipping.failed.v1",
      "inventory.released.v1",
      "payment.refunded.v1",
    ]);
    expect(harness.store.sagas.load("Fulfilment", "o1")!.status).toBe("compensated");
    expect(sagaKinds().filter((k) => k.startsWith("compensation-") || k === "saga-compensated")).toEqual([
      "compensation-started",
      "compensation-done",
      "compensation-started",
      "compensation-done",
      "saga-compensated",
    ]);
  });

  it("given a compensation fails, then the instance is needs-attention and a critical alert is raised", async () => {
    const [payment, inventory, shipping] = orderSystem().services;
    const failingRefund = { ...payment!, operations: payment!.operations.map((op) => (op.name === "refund" ? { ...op, failCalls: [1] } : op)) };
    const noStock = { ...inventory!, operations: inventory!.operations.map((op) => (op.name === "reserve" ? { ...op, failureRate: 1 } : op)) };
    harness = startHarness(orderSystem({ services: [failingRefund, noStock, shipping!] }));
    await placeOrder("o1");
    expect(types().slice(3)).toEqual(["payment.charged.v1", "inventory.unavailable.v1", "payment.refund-failed.v1"]);
    expect(harness.store.sagas.load("Fulfilment", "o1")!.status).toBe("needs-attention");
    expect(harness.store.alerts.list()).toEqual([
      expect.objectContaining({ severity: "critical", source: "Fulfilment", message: expect.stringContaining("needs attention") }),
    ]);
    expect(sagaKinds()).toContain("compensation-failed");
  });

  it("given a command step is rejected, then the saga compensates the completed steps", async () => {
    harness = startHarness(orderSystem());
    await harness.engine.dispatch(create("o1"));
    await harness.engine.dispatch(addItem("o1", "book", 1, 10));
    await harness.engine.dispatch(submit("o1"));
    // Confirm will be rejected: the order is confirmed by hand before the saga gets there.
    await harness.engine.runUntilIdle({ until: 100 });
    await harness.engine.dispatch({ aggregate: "Order", aggregateId: "o1", type: "Confirm", data: {} });
    await harness.engine.runUntilIdle();
    expect(harness.store.sagas.load("Fulfilment", "o1")!.status).toBe("compensated");
    expect(types().filter((t) => t.endsWith("released.v1") || t.endsWith("refunded.v1"))).toEqual(["inventory.released.v1", "payment.refunded.v1"]);
  });

  it("given a choreography reaction, then an opened account gets its welcome bonus through a command", async () => {
    harness = startHarness(bankSystem({ consumers: [], reactions: [welcomeBonusReaction] }));
    await harness.engine.dispatch(open("a1"));
    await harness.engine.dispatch(deposit("a1", 5));
    await harness.engine.runUntilIdle();
    expect(harness.engine.loadAggregate("Account", "a1").state.balance).toBe(15);
    const bonus = harness.engine.readStream("account-a1").at(-1)!;
    expect(bonus.data.amount).toBe(10);
    const opened = harness.engine.readStream("account-a1")[0]!;
    expect(harness.store.causalChain(bonus.eventId)!.ancestors.map((l) => l.messageId)).toContain(opened.eventId);
  });
});
