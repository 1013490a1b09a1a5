// Demo 8 — Fan-out: one event reaches several consumer groups, each processing it independently
// (one of them fails its first attempt without holding the others back).
import { defineDemo } from "./define";

const PLACED = "orders.order.placed.v1";

const service = (id: string, name: string, command: string, done: string, failed: string) => ({
  id,
  name,
  streamPrefix: id,
  latencyMs: 20,
  operations: [
    { id: `${id}-op`, name: command, payload: [{ name: "orderId", type: "string" as const }], success: { event: done }, failure: { event: failed } },
  ],
});

const consumer = (group: string, target: string, command: string, failFirst: boolean) => ({
  id: `${group}-consumer`,
  group,
  topics: [PLACED],
  handler: [
    ...(failFirst
      ? [{ do: "fail" as const, when: "meta.attempt == 1", error: "AnalyticsUnavailable", message: "The analytics store did not answer" }]
      : []),
    { do: "send" as const, target, command, key: "event.orderId", data: { orderId: "event.orderId" } },
  ],
  retry: { maxRetries: 3, initialMs: 500, multiplier: 2, maxMs: 4000, jitter: 0 },
});

export const fanOut = defineDemo(
  "fan-out",
  {
    schemaVersion: 1,
    name: "Fan-out",
    description: "One orders.order.placed.v1 event, three consumer groups: billing, shipping and analytics. Each group has its own checkpoint and retries, so a slow or failing group never holds the others back.",
    aggregates: [
      {
        id: "order",
        name: "Order",
        streamPrefix: "order",
        initialState: { placed: false },
        commands: [
          {
            id: "order-place",
            name: "PlaceOrder",
            payload: [{ name: "amount", type: "number" }],
            guards: [{ rejectWhen: "state.placed", message: "The order was already placed" }],
            emits: [{ event: PLACED, data: { orderId: "aggregateId" } }],
          },
        ],
        events: [
          {
            id: "order-placed",
            type: PLACED,
            payload: [{ name: "orderId", type: "string" }, { name: "amount", type: "number" }],
            evolve: [{ op: "set", path: "placed", value: "true" }],
          },
        ],
      },
    ],
    services: [
      service("billing", "Billing", "CreateInvoice", "billing.invoice.created.v1", "billing.invoice.failed.v1"),
      service("shipping", "Shipping", "PrepareShipment", "shipping.shipment.prepared.v1", "shipping.preparation.failed.v1"),
      service("analytics", "Analytics", "TrackOrder", "analytics.order.tracked.v1", "analytics.tracking.failed.v1"),
    ],
    consumers: [
      consumer("billing", "Billing", "CreateInvoice", false),
      consumer("shipping", "Shipping", "PrepareShipment", false),
      consumer("analytics", "Analytics", "TrackOrder", true),
    ],
    projections: [
      {
        id: "fanout-view",
        name: "order_fanout",
        handlers: [
          { id: "fanout-invoiced", event: "billing.invoice.created.v1", key: "event.orderId", op: "patch", fields: { invoiced: "true" } },
          { id: "fanout-prepared", event: "shipping.shipment.prepared.v1", key: "event.orderId", op: "patch", fields: { prepared: "true" } },
          { id: "fanout-tracked", event: "analytics.order.tracked.v1", key: "event.orderId", op: "patch", fields: { tracked: "true" } },
        ],
      },
    ],
    outboxes: [{ id: "order-outbox", aggregate: "Order", batchSize: 100, pollIntervalMs: 0 }],
    layout: {
      order: { x: 0, y: 0 },
      "order-outbox": { x: 0, y: 240 },
      "billing-consumer": { x: 400, y: -200 },
      "shipping-consumer": { x: 400, y: 0 },
      "analytics-consumer": { x: 400, y: 200 },
      billing: { x: 920, y: -200 },
      shipping: { x: 920, y: 0 },
      analytics: { x: 920, y: 200 },
      "fanout-view": { x: 1440, y: 0 },
    },
  },
  {
    title: "Fan-out: one event, several groups",
    summary: "Place an order and watch the same event reach billing, shipping and analytics, each at its own pace.",
    steps: [
      {
        id: "first",
        title: "One event reaches every group",
        narration: "The relay publishes orders.order.placed.v1 once. Billing, shipping and analytics each receive it in their own group. Analytics fails its first attempt and retries later; billing and shipping are done already.",
        highlight: ["order-placed", "billing-consumer", "shipping-consumer", "analytics-consumer"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-500", command: "PlaceOrder", data: { amount: 80 } },
        expect: [
          { kind: "row", table: "order_fanout", key: "o-500", field: "invoiced", equals: true },
          { kind: "row", table: "order_fanout", key: "o-500", field: "prepared", equals: true },
          { kind: "row", table: "order_fanout", key: "o-500", field: "tracked", equals: true },
          { kind: "handled", group: "billing", count: 1 },
          { kind: "handled", group: "shipping", count: 1 },
          { kind: "handled", group: "analytics", count: 1 },
          { kind: "deliveries", group: "analytics", topic: PLACED, count: 2 },
          { kind: "deliveries", group: "billing", topic: PLACED, count: 1 },
        ],
      },
      {
        id: "second",
        title: "Each group keeps its own position",
        narration: "A second order: every group processes it independently and moves its own checkpoint.",
        highlight: ["billing-consumer", "shipping-consumer", "analytics-consumer"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-501", command: "PlaceOrder", data: { amount: 15 } },
        expect: [
          { kind: "handled", group: "billing", count: 2 },
          { kind: "handled", group: "shipping", count: 2 },
          { kind: "handled", group: "analytics", count: 2 },
        ],
      },
    ],
  },
);
