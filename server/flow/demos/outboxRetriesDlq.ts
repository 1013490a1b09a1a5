// Demo 5 — Outbox, retries and the dead-letter queue: a poison message retried with backoff
// through _retry.<topic>, dead-lettered to _dlq.<topic> with its provenance, then redriven.
import { defineDemo } from "./define";

const PLACED = "orders.order.placed.v1";
const PICKED = "warehouse.pick.completed.v1";
const PICK_FAILED = "warehouse.pick.failed.v1";

export const outboxRetriesDlq = defineDemo(
  "outbox-retries-dlq",
  {
    schemaVersion: 1,
    name: "Outbox, retries and the dead-letter queue",
    description: "Events leave through the outbox, written in the same transaction as the events. The warehouse consumer retries failures with exponential backoff through _retry.<topic>; after three retries a message goes to _dlq.<topic> with its provenance, where it can be redriven.",
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
            payload: [{ name: "sku", type: "string" }, { name: "quantity", type: "number" }],
            guards: [{ rejectWhen: "state.placed", message: "The order was already placed" }],
            emits: [{ event: PLACED, data: { orderId: "aggregateId" } }],
          },
        ],
        events: [
          {
            id: "order-placed",
            type: PLACED,
            payload: [{ name: "orderId", type: "string" }, { name: "sku", type: "string" }, { name: "quantity", type: "number" }],
            evolve: [{ op: "set", path: "placed", value: "true" }],
          },
        ],
      },
    ],
    services: [
      {
        id: "warehouse",
        name: "Warehouse",
        streamPrefix: "warehouse",
        latencyMs: 10,
        operations: [
          {
            id: "warehouse-pick",
            name: "PickItems",
            payload: [{ name: "orderId", type: "string" }, { name: "sku", type: "string" }, { name: "quantity", type: "number" }],
            success: { event: PICKED },
            failure: { event: PICK_FAILED },
          },
        ],
      },
    ],
    consumers: [
      {
        id: "warehouse-consumer",
        group: "warehouse",
        topics: [PLACED],
        handler: [
          { do: "fail", when: "event.quantity > 1000", error: "QuantityTooLarge", message: "No warehouse picks more than 1000 items at once" },
          { do: "fail", when: 'event.sku == "POISON"', error: "UnreadablePayload", message: "The payload cannot be parsed" },
          { do: "send", target: "Warehouse", command: "PickItems", key: "event.orderId", data: { orderId: "event.orderId", sku: "event.sku", quantity: "event.quantity" } },
        ],
        retry: { maxRetries: 3, initialMs: 200, multiplier: 2, maxMs: 2000, jitter: 0.2, nonRetryable: ["QuantityTooLarge"] },
        deadLetter: true,
        idempotent: true,
      },
    ],
    projections: [
      {
        id: "picks",
        name: "picks",
        handlers: [{ id: "picks-completed", event: PICKED, key: "event.orderId", op: "upsert", fields: { sku: "event.sku", quantity: "event.quantity" } }],
      },
    ],
    outboxes: [{ id: "order-outbox", aggregate: "Order", batchSize: 10, pollIntervalMs: 50 }],
    layout: {
      order: { x: 0, y: 0 },
      "order-outbox": { x: 0, y: 240 },
      "warehouse-consumer": { x: 520, y: 0 },
      warehouse: { x: 1040, y: 0 },
      picks: { x: 1040, y: 260 },
    },
  },
  {
    title: "Retries, backoff and the dead-letter queue",
    summary: "A healthy message, a poison message that exhausts its retries, a message refused outright, and a redrive.",
    steps: [
      {
        id: "healthy",
        title: "A healthy message",
        narration: "The event is written with an outbox row in one transaction; the relay publishes it and the warehouse consumer handles it on the first attempt.",
        highlight: ["order-outbox", "warehouse-consumer"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-300", command: "PlaceOrder", data: { sku: "BOOK", quantity: 2 } },
        expect: [
          { kind: "handled", group: "warehouse", count: 1 },
          { kind: "row", table: "picks", key: "o-300", field: "sku", equals: "BOOK" },
          { kind: "dead-letters", group: "warehouse", count: 0 },
        ],
      },
      {
        id: "poison",
        title: "A poison message: four attempts, then the dead-letter queue",
        narration: "This payload can never be handled. With max retries 3 it is attempted 4 times; each retry travels through _retry.orders.order.placed.v1, waiting 200, 400, then 800 ms (less up to 20% jitter). Then it lands in _dlq.orders.order.placed.v1 with its original topic, group, every error and a retry-count of 3.",
        highlight: ["warehouse-consumer"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-301", command: "PlaceOrder", data: { sku: "POISON", quantity: 1 } },
        expect: [
          { kind: "deliveries", group: "warehouse", topic: PLACED, count: 5 },
          { kind: "topic-messages", topic: `_retry.${PLACED}`, count: 3 },
          { kind: "topic-messages", topic: `_dlq.${PLACED}`, count: 1 },
          { kind: "dead-letters", group: "warehouse", count: 1 },
          { kind: "dead-letter", group: "warehouse", topic: PLACED, attempts: 4, retryCount: 3 },
        ],
      },
      {
        id: "non-retryable",
        title: "A non-retryable error skips the retries",
        narration: "QuantityTooLarge is listed as non-retryable: waiting will not help, so the message goes straight to the dead-letter queue after one attempt.",
        highlight: ["warehouse-consumer"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-302", command: "PlaceOrder", data: { sku: "BRICK", quantity: 5000 } },
        expect: [
          { kind: "dead-letters", group: "warehouse", count: 2 },
          { kind: "topic-messages", topic: `_retry.${PLACED}`, count: 3 },
          { kind: "deliveries", group: "warehouse", topic: PLACED, count: 6 },
        ],
      },
      {
        id: "redrive",
        title: "Redrive without a fix",
        narration: "Redriving republishes the dead letters to their original topic, for the warehouse group only. Nothing was fixed, so the poison message runs through its retries again and both are dead-lettered once more: fix the cause first, then redrive.",
        highlight: ["warehouse-consumer"],
        action: { kind: "redrive", group: "warehouse" },
        expect: [
          { kind: "dead-letters", group: "warehouse", count: 2 },
          { kind: "topic-messages", topic: `_dlq.${PLACED}`, count: 4 },
          { kind: "deliveries", group: "warehouse", topic: PLACED, count: 11 },
        ],
      },
    ],
  },
);
