// A small, valid flow for unit tests to start from and break on purpose. Test support only.
import { FlowSchema, type Flow, type FlowInput } from "./schema";

export const shopInput = {
  schemaVersion: 1,
  name: "Shop",
  aggregates: [
    {
      id: "order",
      name: "Order",
      streamPrefix: "order",
      initialState: { status: "none", amount: 0 },
      commands: [
        {
          id: "order-place",
          name: "PlaceOrder",
          payload: [{ name: "amount", type: "number" }],
          guards: [{ rejectWhen: 'state.status != "none"', message: "Order already placed" }],
          emits: [{ event: "shop.order.placed.v1", data: { amount: "command.amount" } }],
        },
        { id: "order-cancel", name: "Cancel", emits: [{ event: "shop.order.cancelled.v1" }] },
      ],
      events: [
        {
          id: "order-placed",
          type: "shop.order.placed.v1",
          payload: [{ name: "amount", type: "number" }],
          evolve: [{ op: "merge", value: '{"status": "placed", "amount": event.amount}' }],
        },
        { id: "order-cancelled", type: "shop.order.cancelled.v1", evolve: [{ op: "set", path: "status", value: '"cancelled"' }] },
      ],
    },
  ],
  services: [
    {
      id: "payment",
      name: "Payment",
      streamPrefix: "payment",
      operations: [
        {
          id: "payment-charge",
          name: "Charge",
          payload: [{ name: "amount", type: "number" }],
          success: { event: "shop.payment.charged.v1" },
          failure: { event: "shop.payment.declined.v1" },
        },
        { id: "payment-refund", name: "Refund", success: { event: "shop.payment.refunded.v1" }, failure: { event: "shop.refund.failed.v1" } },
      ],
    },
    {
      id: "inventory",
      name: "Inventory",
      streamPrefix: "inventory",
      operations: [
        { id: "inventory-reserve", name: "ReserveStock", success: { event: "shop.stock.reserved.v1" }, failure: { event: "shop.stock.unavailable.v1" } },
      ],
    },
  ],
  projections: [
    {
      id: "orders-view",
      name: "order_view",
      handlers: [{ id: "orders-view-placed", event: "shop.order.placed.v1", key: "meta.streamId", op: "upsert", fields: { amount: "event.amount" } }],
    },
  ],
  sagas: [
    {
      id: "fulfilment",
      kind: "orchestrated",
      name: "Fulfilment",
      trigger: { event: "shop.order.placed.v1", instanceId: "meta.key" },
      steps: [
        {
          id: "fulfilment-charge",
          name: "charge payment",
          target: "Payment",
          command: "Charge",
          key: "saga.orderId",
          data: { amount: "saga.amount" },
          compensation: { command: "Refund" },
        },
        { id: "fulfilment-reserve", name: "reserve stock", target: "Inventory", command: "ReserveStock", key: "saga.orderId" },
      ],
    },
  ],
  consumers: [
    {
      id: "canceller",
      group: "canceller",
      topics: ["shop.stock.unavailable.v1"],
      handler: [{ do: "send", target: "Order", command: "Cancel", key: "meta.key" }],
      retry: { maxRetries: 3, initialMs: 100, multiplier: 2, maxMs: 1000, jitter: 0 },
    },
  ],
  outboxes: [{ id: "order-outbox", aggregate: "Order", batchSize: 50, pollIntervalMs: 10 }],
  layout: { order: { x: 0, y: 0 } },
} satisfies FlowInput;

/** A fresh, parsed copy of the shop flow (safe to mutate). */
export function shopFlow(): Flow {
  return FlowSchema.parse(structuredClone(shopInput));
}
