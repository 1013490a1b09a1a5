import { describe, expect, it } from "vitest";
import { orderCqrs } from "./demos/orderCqrs";
import { orderSagaChoreography } from "./demos/orderSagaChoreography";
import { orderSagaOrchestrated } from "./demos/orderSagaOrchestrated";
import { outboxRetriesDlq } from "./demos/outboxRetriesDlq";
import { traceMapping } from "./traceMapping";

const PLACED = "orders.order.placed.v1";
const entry = (kind: string, fromNode: string | null, toNode: string | null, detail: Record<string, unknown> | null = null) => ({ kind, fromNode, toNode, detail: detail as never });

describe("trace mapping: a message's way through the outbox, a consumer, retries and the dead-letter queue", () => {
  const map = traceMapping(outboxRetriesDlq.flow);

  it("given an accepted command, then the hop runs from the command's node into the aggregate", () => {
    expect(map.hop(entry("command-accepted", null, "Order", { command: { type: "PlaceOrder" } }))).toEqual({ from: "order-place", to: "order", edge: "handles:order-place->order", reverse: false });
  });

  it("given an append, a publish and a delivery, then they run aggregate → event, outbox → topic, topic → consumer", () => {
    expect(map.hop(entry("append", "Order", PLACED)).edge).toBe("appends:order->order-placed");
    expect(map.hop(entry("outbox-publish", "outbox", PLACED))).toEqual({ from: "order-outbox", to: `topic:${PLACED}`, edge: null, reverse: false });
    expect(map.hop(entry("delivery", PLACED, "warehouse")).edge).toBe(`subscribes:topic:${PLACED}->warehouse-consumer`);
  });

  it("given a retry, a dead letter and a redrive, then the retry loops back to the topic, the dead letter drops into the consumer's queue and the redrive comes back out", () => {
    expect(map.hop(entry("retry-scheduled", "warehouse", `_retry.${PLACED}`))).toEqual({ from: "warehouse-consumer", to: `topic:${PLACED}`, edge: `subscribes:topic:${PLACED}->warehouse-consumer`, reverse: true });
    expect(map.hop(entry("dead-lettered", "warehouse", `_dlq.${PLACED}`)).edge).toBe("deadLetters:warehouse-consumer->dlq:warehouse-consumer");
    expect(map.hop(entry("redriven", `_dlq.${PLACED}`, "warehouse"))).toEqual({ from: "dlq:warehouse-consumer", to: "warehouse-consumer", edge: "deadLetters:warehouse-consumer->dlq:warehouse-consumer", reverse: true });
  });

  it("given a consumer's call, the service's reply and the projection, then each follows its edge", () => {
    expect(map.hop(entry("service-call", "warehouse", "Warehouse", { operation: "PickItems" })).edge).toBe("sends:warehouse-consumer->warehouse");
    expect(map.hop(entry("delivery", "_svc.Warehouse", "Warehouse"))).toMatchObject({ from: "warehouse", to: "warehouse" });
    expect(map.hop(entry("service-reply", "Warehouse", "warehouse.pick.completed.v1")).edge).toBe("replies:warehouse->reply:warehouse-pick:success");
    expect(map.hop(entry("projection-updated", "warehouse.pick.completed.v1", "picks")).edge).toBe("projects:reply:warehouse-pick:success->picks");
  });

  it("given names the canvas does not show, then the hop has no ends", () => {
    expect(map.hop(entry("delivery", "_commands", "commands"))).toEqual({ from: null, to: null, edge: null, reverse: false });
    expect(map.node("nobody")).toBeUndefined();
  });
});

describe("trace mapping: sagas", () => {
  it("given an orchestrated saga, then a step's call runs along that step's edge and a compensation along its undo edge", () => {
    const map = traceMapping(orderSagaOrchestrated.flow);
    expect(map.hop(entry("delivery", PLACED, "OrderFulfilment")).edge).toBe("triggers:order-placed->fulfilment");
    expect(map.hop(entry("service-call", "OrderFulfilment", "Payment", { operation: "Charge" }))).toMatchObject({ from: "step-charge", to: "payment", edge: "calls:step-charge->payment" });
    expect(map.hop(entry("service-call", "OrderFulfilment", "Payment", { operation: "Refund" }))).toMatchObject({ from: "step-charge", edge: "compensates:step-charge->payment" });
    expect(map.hop(entry("saga-step-started", "OrderFulfilment", null, { step: 1 })).from).toBe("step-reserve");
    expect(map.hop(entry("saga-completed", "OrderFulfilment", null, { step: null })).from).toBe("fulfilment");
    expect(map.node("saga:OrderFulfilment")).toBe("fulfilment");
  });

  it("given a choreography, then a reaction's delivery and its command follow the reaction's edges", () => {
    const map = traceMapping(orderSagaChoreography.flow);
    expect(map.hop(entry("delivery", PLACED, "reserve-on-placed")).edge).toBe("reacts:order-placed->react-reserve");
    expect(map.hop(entry("service-call", "reserve-on-placed", "Inventory", { operation: "ReserveStock" })).edge).toBe("calls:react-reserve->inventory");
    expect(map.node("reaction:reserve-on-placed")).toBe("react-reserve");
  });
});

describe("trace mapping: old event versions", () => {
  it("given an event stored in an old version, then it shows on the node of the version it is read as", () => {
    const map = traceMapping(orderCqrs.flow);
    expect(map.node("orders.order.created.v1")).toBe("order-created");
    expect(map.hop(entry("projection-updated", "orders.order.created.v1", "order_view")).edge).toBe("projects:order-created->order-view");
  });
});
