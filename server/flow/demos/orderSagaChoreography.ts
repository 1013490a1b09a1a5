// Demo 4 — Order saga, choreographed: the same business as demo 3 as a chain of events;
// each participant reacts to the others' events and nobody orchestrates.
import { defineDemo } from "./define";
import { CHARGED, inventoryService, orderAggregate, orderLine, PLACED, RELEASED, RESERVED, UNAVAILABLE } from "./orderDomain";

const CONFIRMED = "orders.order.confirmed.v1";
const CANCELLED = "orders.order.cancelled.v1";
const PAYMENT_FAILED = "payments.payment.failed.v1";

const byOrder = { key: "event.orderId" };

export const orderSagaChoreography = defineDemo(
  "order-saga-choreography",
  {
    schemaVersion: 1,
    name: "Order saga, choreographed",
    description: "The order business of the orchestrated demo without an orchestrator: inventory reacts to a placed order, payment to reserved stock, the order to the payment's outcome. A failed payment makes the order cancel and the inventory release, each on its own.",
    aggregates: [
      orderAggregate('{"status": "placed", "amount": event.amount}', {
        commands: [
          {
            id: "order-confirm",
            name: "ConfirmOrder",
            guards: [{ rejectWhen: 'state.status != "placed"', message: "Only a placed order can be confirmed" }],
            emits: [{ event: CONFIRMED, data: { orderId: "aggregateId" } }],
          },
          {
            id: "order-cancel",
            name: "CancelOrder",
            payload: [{ name: "reason", type: "string" }],
            guards: [{ rejectWhen: 'state.status != "placed"', message: "Only a placed order can be cancelled" }],
            emits: [{ event: CANCELLED, data: { orderId: "aggregateId" } }],
          },
        ],
        events: [
          { id: "order-confirmed", type: CONFIRMED, payload: [{ name: "orderId", type: "string" }], evolve: [{ op: "set", path: "status", value: '"confirmed"' }] },
          {
            id: "order-cancelled",
            type: CANCELLED,
            payload: [{ name: "orderId", type: "string" }, { name: "reason", type: "string" }],
            evolve: [{ op: "merge", value: '{"status": "cancelled", "reason": event.reason}' }],
          },
        ],
      }),
    ],
    services: [
      inventoryService({ withAmount: true }),
      {
        id: "payment",
        name: "Payment",
        streamPrefix: "payment",
        latencyMs: 30,
        operations: [
          {
            id: "payment-charge",
            name: "Charge",
            payload: [...orderLine, { name: "amount", type: "number" }],
            success: { event: CHARGED },
            failure: { event: PAYMENT_FAILED },
            failCalls: [2],
          },
        ],
      },
    ],
    sagas: [
      {
        id: "choreography",
        kind: "choreography",
        name: "OrderChoreography",
        terminal: [CONFIRMED, CANCELLED, RELEASED],
        reactions: [
          {
            id: "react-reserve",
            name: "reserve-on-placed",
            on: PLACED,
            target: "Inventory",
            command: "ReserveStock",
            ...byOrder,
            data: { orderId: "event.orderId", sku: "event.sku", quantity: "event.quantity", amount: "event.amount" },
          },
          {
            id: "react-charge",
            name: "charge-on-reserved",
            on: RESERVED,
            target: "Payment",
            command: "Charge",
            ...byOrder,
            data: { orderId: "event.orderId", sku: "event.sku", quantity: "event.quantity", amount: "event.amount" },
          },
          { id: "react-confirm", name: "confirm-on-charged", on: CHARGED, target: "Order", command: "ConfirmOrder", ...byOrder },
          {
            id: "react-cancel-no-stock",
            name: "cancel-on-unavailable",
            on: UNAVAILABLE,
            target: "Order",
            command: "CancelOrder",
            ...byOrder,
            data: { reason: '"out of stock"' },
          },
          {
            id: "react-cancel-payment",
            name: "cancel-on-payment-failed",
            on: PAYMENT_FAILED,
            target: "Order",
            command: "CancelOrder",
            ...byOrder,
            data: { reason: '"payment failed"' },
          },
          {
            id: "react-release",
            name: "release-on-payment-failed",
            on: PAYMENT_FAILED,
            target: "Inventory",
            command: "ReleaseStock",
            ...byOrder,
            data: { orderId: "event.orderId", sku: "event.sku", quantity: "event.quantity" },
          },
        ],
      },
    ],
    outboxes: [{ id: "order-outbox", aggregate: "Order", batchSize: 100, pollIntervalMs: 0 }],
    layout: {
      order: { x: 0, y: 0 },
      choreography: { x: 380, y: 0 },
      inventory: { x: 760, y: -120 },
      payment: { x: 760, y: 200 },
      "order-outbox": { x: 0, y: 300 },
    },
  },
  {
    title: "Choreographed saga: a chain of events",
    summary: "The same order business as a chain of reactions. Watch one order go through, then a failed payment make two participants undo their part, each on its own.",
    steps: [
      {
        id: "happy",
        title: "Every participant reacts to the previous event",
        narration: "Inventory reacts to the placed order, payment to the reserved stock, the order to the charge. No one holds the whole plan: it lives in the reactions.",
        highlight: ["react-reserve", "react-charge", "react-confirm"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-200", command: "PlaceOrder", data: { sku: "LAMP", quantity: 1, amount: 40 }, correlationId: "chor-happy" },
        expect: [
          { kind: "event-sequence", correlationId: "chor-happy", types: [PLACED, RESERVED, CHARGED, CONFIRMED] },
          { kind: "state", aggregate: "Order", aggregateId: "o-200", path: "status", equals: "confirmed" },
        ],
      },
      {
        id: "payment-fails",
        title: "payment.failed: the order cancels, the inventory releases",
        narration: "The payment service is scripted to fail its second charge. Two participants listen to payments.payment.failed.v1: the order cancels itself and the inventory releases the stock it reserved.",
        highlight: ["react-cancel-payment", "react-release"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-201", command: "PlaceOrder", data: { sku: "SOFA", quantity: 1, amount: 900 }, correlationId: "chor-payment-fails" },
        expect: [
          { kind: "events-include", correlationId: "chor-payment-fails", types: [PLACED, RESERVED, PAYMENT_FAILED, CANCELLED, RELEASED] },
          { kind: "state", aggregate: "Order", aggregateId: "o-201", path: "status", equals: "cancelled" },
          { kind: "state", aggregate: "Order", aggregateId: "o-201", path: "reason", equals: "payment failed" },
        ],
      },
    ],
  },
);
