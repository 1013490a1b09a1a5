// Test data for the canvas: a small shop flow that uses every node kind once or twice.
// Shared by the graph/layout unit tests and the studio's tests; not a teaching demo.
import { FLOW_SCHEMA_VERSION, FlowSchema, type Flow } from "./schema";

export function sampleFlow(): Flow {
  return FlowSchema.parse({
    schemaVersion: FLOW_SCHEMA_VERSION,
    name: "Shop",
    aggregates: [{
      id: "order", name: "Order", streamPrefix: "order", initialState: { status: "new" },
      commands: [
        {
          id: "place", name: "PlaceOrder",
          payload: [{ name: "orderId", type: "string" }, { name: "total", type: "number" }],
          guards: [{ rejectWhen: "command.total <= 0", message: "The total must be positive." }],
          emits: [{ event: "orders.order.placed.v2" }],
        },
        { id: "cancel", name: "CancelOrder", emits: [{ event: "orders.order.cancelled.v1" }] },
      ],
      events: [
        { id: "placed", type: "orders.order.placed.v2", payload: [{ name: "orderId" }, { name: "total" }], evolve: [{ op: "set", path: "status", value: "'placed'" }] },
        { id: "cancelled", type: "orders.order.cancelled.v1", evolve: [{ op: "set", path: "status", value: "'cancelled'" }] },
      ],
    }],
    upcasters: [{ id: "placed-v1-v2", from: "orders.order.placed.v1", to: "orders.order.placed.v2", defaults: { total: 0 } }],
    projections: [{
      id: "order-view", name: "order_view",
      handlers: [
        { id: "ov-placed", event: "orders.order.placed.v2", key: "event.orderId", op: "upsert", fields: { status: "'placed'" } },
        { id: "ov-cancelled", event: "orders.order.cancelled.v1", key: "event.orderId", op: "patch", fields: { status: "'cancelled'" } },
      ],
    }],
    services: [{
      id: "payment", name: "Payment", streamPrefix: "payment",
      operations: [{ id: "charge", name: "Charge", success: { event: "payments.payment.charged.v1" }, failure: { event: "payments.payment.declined.v1" } }],
    }],
    sagas: [
      {
        id: "checkout", kind: "orchestrated", name: "Checkout",
        trigger: { event: "orders.order.placed.v2", instanceId: "event.orderId" },
        steps: [{ id: "charge-step", name: "charge", target: "Payment", command: "Charge", key: "saga.orderId", compensation: { target: "Order", command: "CancelOrder", key: "saga.orderId" } }],
      },
      {
        id: "fulfilment", kind: "choreography", name: "Fulfilment",
        reactions: [{ id: "on-declined", name: "cancel_on_decline", on: "payments.payment.declined.v1", target: "Order", command: "CancelOrder", key: "event.orderId" }],
        terminal: ["orders.order.cancelled.v1"],
      },
    ],
    consumers: [{
      id: "mailer", group: "mailer", topics: ["orders.order.placed.v2"],
      handler: [{ do: "alert", severity: "info", message: "Mail the customer" }],
      retry: { maxRetries: 3, initialMs: 100, multiplier: 2, maxMs: 5000, jitter: 0.2 },
    }],
    outboxes: [{ id: "order-outbox", aggregate: "Order", batchSize: 100, pollIntervalMs: 50 }],
  });
}
