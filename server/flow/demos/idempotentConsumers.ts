// Demo 6 — Idempotent consumers: the same message delivered twice is absorbed by an idempotent
// consumer and visibly applied twice by one without idempotency.
import { defineDemo } from "./define";

const PAID = "orders.order.paid.v1";
const RECEIPT_SENT = "notifications.receipt.sent.v1";
const RECEIPT_BOUNCED = "notifications.receipt.bounced.v1";

const receipts = (id: string, group: string, idempotent: boolean) => ({
  id,
  group,
  topics: [PAID],
  handler: [
    {
      do: "send" as const,
      target: "Mailer",
      command: "SendReceipt",
      key: "event.orderId",
      data: { orderId: "event.orderId", amount: "event.amount", sentBy: `"${group}"` },
    },
  ],
  retry: { maxRetries: 3, initialMs: 100, multiplier: 2, maxMs: 1000, jitter: 0 },
  deadLetter: true,
  idempotent,
});

export const idempotentConsumers = defineDemo(
  "idempotent-consumers",
  {
    schemaVersion: 1,
    name: "Idempotent consumers",
    description: "Delivery is at least once: after a crash a broker may deliver a message again. Two consumers send a receipt for every paid order through a mailer that is not idempotent. One remembers the message ids it processed; the other does not.",
    aggregates: [
      {
        id: "order",
        name: "Order",
        streamPrefix: "order",
        initialState: { paid: false },
        commands: [
          {
            id: "order-pay",
            name: "PayOrder",
            payload: [{ name: "amount", type: "number" }],
            guards: [{ rejectWhen: "state.paid", message: "The order is already paid" }],
            emits: [{ event: PAID, data: { orderId: "aggregateId" } }],
          },
        ],
        events: [
          {
            id: "order-paid",
            type: PAID,
            payload: [{ name: "orderId", type: "string" }, { name: "amount", type: "number" }],
            evolve: [{ op: "set", path: "paid", value: "true" }],
          },
        ],
      },
    ],
    services: [
      {
        id: "mailer",
        name: "Mailer",
        streamPrefix: "mailer",
        latencyMs: 10,
        idempotent: false,
        operations: [
          {
            id: "mailer-send-receipt",
            name: "SendReceipt",
            payload: [{ name: "orderId", type: "string" }, { name: "amount", type: "number" }, { name: "sentBy", type: "string" }],
            success: { event: RECEIPT_SENT },
            failure: { event: RECEIPT_BOUNCED },
          },
        ],
      },
    ],
    consumers: [receipts("receipts-idempotent", "receipts-idempotent", true), receipts("receipts-plain", "receipts-plain", false)],
    projections: [
      {
        id: "receipts-sent",
        name: "receipts_sent",
        handlers: [{ id: "receipts-sent-count", event: RECEIPT_SENT, key: "event.sentBy", op: "increment", fields: { receipts: "1" } }],
      },
    ],
    outboxes: [{ id: "order-outbox", aggregate: "Order", batchSize: 100, pollIntervalMs: 0 }],
    layout: {
      order: { x: 0, y: 0 },
      "order-outbox": { x: 0, y: 240 },
      "receipts-idempotent": { x: 400, y: -120 },
      "receipts-plain": { x: 400, y: 160 },
      mailer: { x: 780, y: 0 },
      "receipts-sent": { x: 780, y: 260 },
    },
  },
  {
    title: "Idempotency: duplicates absorbed",
    summary: "Pay an order, then deliver the same message again to each consumer and compare.",
    steps: [
      {
        id: "pay",
        title: "One payment, one receipt each",
        narration: "Both consumers receive orders.order.paid.v1 once and ask the mailer for a receipt: one receipt each.",
        highlight: ["receipts-idempotent", "receipts-plain", "receipts-sent"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-400", command: "PayOrder", data: { amount: 25 } },
        expect: [
          { kind: "row", table: "receipts_sent", key: "receipts-idempotent", field: "receipts", equals: 1 },
          { kind: "row", table: "receipts_sent", key: "receipts-plain", field: "receipts", equals: 1 },
        ],
      },
      {
        id: "duplicate-idempotent",
        title: "A duplicate to the idempotent consumer changes nothing",
        narration: "The broker delivers the same message again. The idempotent consumer finds its message id among those it processed and skips it: still one receipt.",
        highlight: ["receipts-idempotent"],
        action: { kind: "fault", fault: { kind: "duplicate-delivery", group: "receipts-idempotent", topic: PAID } },
        expect: [
          { kind: "row", table: "receipts_sent", key: "receipts-idempotent", field: "receipts", equals: 1 },
          { kind: "handled", group: "receipts-idempotent", count: 1 },
        ],
      },
      {
        id: "duplicate-plain",
        title: "A duplicate to the other consumer applies twice",
        narration: "The same duplicate reaches the consumer without idempotency: it handles the message again and the customer gets a second receipt.",
        highlight: ["receipts-plain"],
        action: { kind: "fault", fault: { kind: "duplicate-delivery", group: "receipts-plain", topic: PAID } },
        expect: [
          { kind: "row", table: "receipts_sent", key: "receipts-plain", field: "receipts", equals: 2 },
          { kind: "handled", group: "receipts-plain", count: 2 },
        ],
      },
    ],
  },
);
