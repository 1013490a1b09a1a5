// Test domain: an order (create, add item, submit, confirm, with guards), its
// created event in three versions with upcasters v1 → v2 → v3, and the
// orchestrated fulfilment saga payment → inventory → shipping → confirm with
// compensations, on simulated Payment, Inventory and Shipping services.

import {
  reject,
  type AggregateDefinition,
  type Command,
  type Json,
  type JsonObject,
  type NewEvent,
  type ProjectionDefinition,
  type SagaDefinition,
  type ServiceDefinition,
  type ServiceOperationDefinition,
  type UpcasterDefinition,
} from "../definitions";

export const ORDER_CREATED_V1 = "shop.order.created.v1";
export const ORDER_CREATED_V2 = "shop.order.created.v2";
export const ORDER_CREATED = "shop.order.created.v3";
export const ITEM_ADDED = "shop.order.item-added.v1";
export const ORDER_SUBMITTED = "shop.order.submitted.v1";
export const ORDER_CONFIRMED = "shop.order.confirmed.v1";

/** v1 { customer } → v2 { customer, currency } → v3 { customerName, currency }. */
export const orderUpcasters: UpcasterDefinition[] = [
  { from: ORDER_CREATED_V1, to: ORDER_CREATED_V2, upcast: (data) => ({ ...data, currency: "EUR" }) },
  {
    from: ORDER_CREATED_V2,
    to: ORDER_CREATED,
    upcast: ({ customer, ...rest }) => ({ ...rest, customerName: customer ?? "" }),
  },
];

export const orderAggregate: AggregateDefinition = {
  name: "Order",
  streamPrefix: "order",
  initialState: { status: "none", customerName: "", currency: "", items: [], total: 0 },
  snapshotEvery: 0,
  decide(state, command) {
    switch (command.type) {
      case "Create":
        if (state.status !== "none") return reject("The order already exists.");
        return [{ type: ORDER_CREATED, data: { customerName: String(command.data.customer ?? ""), currency: "EUR" } }];
      case "AddItem": {
        if (state.status !== "draft") return reject("Items can only be added to a draft order.");
        const quantity = Number(command.data.quantity ?? 0);
        if (!(quantity > 0)) return reject("The quantity must be positive.");
        return [{ type: ITEM_ADDED, data: { sku: String(command.data.sku), quantity, price: Number(command.data.price ?? 0) } }];
      }
      case "Submit":
        if (state.status !== "draft") return reject("Only a draft order can be submitted.");
        if ((state.items as Json[]).length === 0) return reject("An empty order cannot be submitted.");
        return [{ type: ORDER_SUBMITTED, data: { orderId: String(command.aggregateId), total: Number(state.total) } }];
      case "Confirm":
        if (state.status !== "submitted") return reject("Only a submitted order can be confirmed.");
        return [{ type: ORDER_CONFIRMED, data: { orderId: command.aggregateId } }];
      default:
        return reject(`Order does not handle ${command.type}.`);
    }
  },
  evolve: evolveOrder,
};

export function evolveOrder(state: JsonObject, event: NewEvent): JsonObject {
  switch (event.type) {
    case ORDER_CREATED:
      return { ...state, status: "draft", customerName: event.data.customerName ?? "", currency: event.data.currency ?? "" };
    case ITEM_ADDED:
      return {
        ...state,
        items: [...(state.items as Json[]), event.data],
        total: (state.total as number) + (event.data.quantity as number) * (event.data.price as number),
      };
    case ORDER_SUBMITTED:
      return { ...state, status: "submitted" };
    case ORDER_CONFIRMED:
      return { ...state, status: "confirmed" };
    default:
      return state;
  }
}

export const orderViewProjection: ProjectionDefinition = {
  name: "order-view",
  eventTypes: [ORDER_CREATED, ITEM_ADDED, ORDER_SUBMITTED, ORDER_CONFIRMED],
  handle(event, ctx) {
    const key = event.streamId;
    switch (event.type) {
      case ORDER_CREATED:
        return [{ op: "upsert", key, row: { customer: event.data.customerName ?? "", currency: event.data.currency ?? "", status: "draft", lines: 0 } }];
      case ITEM_ADDED:
        return [{ op: "patch", key, set: { lines: ((ctx.get(key)?.lines as number) ?? 0) + 1 } }];
      case ORDER_SUBMITTED:
        return [{ op: "patch", key, set: { status: "submitted" } }];
      case ORDER_CONFIRMED:
        return [{ op: "patch", key, set: { status: "confirmed" } }];
      default:
        return [];
    }
  },
};

const operation = (name: string, successEvent: string, failureEvent: string, latencyMs: number): ServiceOperationDefinition => ({
  name,
  latencyMs,
  failureRate: 0,
  idempotent: true,
  successEvent,
  failureEvent,
});

export const orderServices: ServiceDefinition[] = [
  {
    name: "Payment",
    operations: [
      operation("charge", "payment.charged.v1", "payment.declined.v1", 50),
      operation("refund", "payment.refunded.v1", "payment.refund-failed.v1", 40),
    ],
  },
  {
    name: "Inventory",
    operations: [
      operation("reserve", "inventory.reserved.v1", "inventory.unavailable.v1", 30),
      operation("release", "inventory.released.v1", "inventory.release-failed.v1", 30),
    ],
  },
  { name: "Shipping", operations: [operation("ship", "shipping.shipped.v1", "shipping.failed.v1", 100)] },
];

const call = (service: string, op: string) => (data: JsonObject) => ({
  kind: "call" as const,
  service,
  operation: op,
  key: String(data.orderId),
  data: { orderId: data.orderId ?? "", amount: data.total ?? 0 },
});

export const fulfilmentSaga: SagaDefinition = {
  name: "Fulfilment",
  triggerEvent: ORDER_SUBMITTED,
  instanceId: (event) => String(event.data.orderId),
  steps: [
    {
      name: "charge payment",
      action: call("Payment", "charge"),
      successEvent: "payment.charged.v1",
      failureEvent: "payment.declined.v1",
      compensation: { action: call("Payment", "refund"), successEvent: "payment.refunded.v1", failureEvent: "payment.refund-failed.v1" },
    },
    {
      name: "reserve inventory",
      action: call("Inventory", "reserve"),
      successEvent: "inventory.reserved.v1",
      failureEvent: "inventory.unavailable.v1",
      compensation: { action: call("Inventory", "release"), successEvent: "inventory.released.v1", failureEvent: "inventory.release-failed.v1" },
    },
    { name: "ship", action: call("Shipping", "ship"), successEvent: "shipping.shipped.v1", failureEvent: "shipping.failed.v1" },
    {
      name: "confirm order",
      action: (data) => ({ kind: "command", command: { aggregate: "Order", aggregateId: String(data.orderId), type: "Confirm", data: {} } }),
      successEvent: ORDER_CONFIRMED,
    },
  ],
};

export const create = (id: string, customer = "Grace"): Command => ({ aggregate: "Order", aggregateId: id, type: "Create", data: { customer } });
export const addItem = (id: string, sku: string, quantity: number, price: number): Command => ({
  aggregate: "Order",
  aggregateId: id,
  type: "AddItem",
  data: { sku, quantity, price },
});
export const submit = (id: string): Command => ({ aggregate: "Order", aggregateId: id, type: "Submit", data: {} });
