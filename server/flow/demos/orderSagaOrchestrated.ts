// Demo 3 — Order saga, orchestrated: payment → inventory → shipping, compensations in reverse
// order, and a compensation that fails and leaves the saga needing attention with an alert.
import { defineDemo } from "./define";
import { CHARGED, inventoryService, orderAggregate, PLACED, RELEASED, RESERVED, UNAVAILABLE } from "./orderDomain";

const DECLINED = "payments.payment.declined.v1";
const REFUNDED = "payments.payment.refunded.v1";
const REFUND_FAILED = "payments.refund.failed.v1";
const SCHEDULED = "shipping.shipment.scheduled.v1";
const SHIPMENT_FAILED = "shipping.shipment.failed.v1";

export const orderSagaOrchestrated = defineDemo(
  "order-saga-orchestrated",
  {
    schemaVersion: 1,
    name: "Order saga, orchestrated",
    description: "One orchestrator drives payment, then inventory, then shipping. When a step fails, the completed steps are undone in reverse order; when an undo fails too, a person must step in.",
    aggregates: [orderAggregate('{"status": "placed", "sku": event.sku, "quantity": event.quantity, "amount": event.amount}')],
    services: [
      {
        id: "payment",
        name: "Payment",
        streamPrefix: "payment",
        latencyMs: 30,
        operations: [
          {
            id: "payment-charge",
            name: "Charge",
            payload: [{ name: "orderId", type: "string" }, { name: "amount", type: "number" }],
            success: { event: CHARGED },
            failure: { event: DECLINED },
          },
          {
            id: "payment-refund",
            name: "Refund",
            payload: [{ name: "orderId", type: "string" }, { name: "amount", type: "number" }],
            success: { event: REFUNDED },
            failure: { event: REFUND_FAILED },
          },
        ],
      },
      inventoryService({ withAmount: false }),
      {
        id: "shipping",
        name: "Shipping",
        streamPrefix: "shipping",
        latencyMs: 40,
        operations: [
          {
            id: "shipping-schedule",
            name: "ScheduleShipment",
            payload: [{ name: "orderId", type: "string" }],
            success: { event: SCHEDULED },
            failure: { event: SHIPMENT_FAILED },
          },
        ],
      },
    ],
    sagas: [
      {
        id: "fulfilment",
        kind: "orchestrated",
        name: "OrderFulfilment",
        trigger: { event: PLACED, instanceId: "event.orderId" },
        steps: [
          {
            id: "step-charge",
            name: "charge payment",
            target: "Payment",
            command: "Charge",
            key: "saga.orderId",
            data: { orderId: "saga.orderId", amount: "saga.amount" },
            compensation: { command: "Refund", data: { orderId: "saga.orderId", amount: "saga.amount" } },
          },
          {
            id: "step-reserve",
            name: "reserve stock",
            target: "Inventory",
            command: "ReserveStock",
            key: "saga.orderId",
            data: { orderId: "saga.orderId", sku: "saga.sku", quantity: "saga.quantity" },
            compensation: { command: "ReleaseStock", data: { orderId: "saga.orderId", sku: "saga.sku", quantity: "saga.quantity" } },
          },
          {
            id: "step-ship",
            name: "schedule shipment",
            target: "Shipping",
            command: "ScheduleShipment",
            key: "saga.orderId",
            data: { orderId: "saga.orderId" },
          },
        ],
      },
    ],
    projections: [
      {
        id: "order-status",
        name: "order_status",
        handlers: [
          { id: "status-placed", event: PLACED, key: "event.orderId", op: "upsert", fields: { payment: '"pending"', stock: '"pending"', shipment: '"pending"' } },
          { id: "status-charged", event: CHARGED, key: "event.orderId", op: "patch", fields: { payment: '"charged"' } },
          { id: "status-refunded", event: REFUNDED, key: "event.orderId", op: "patch", fields: { payment: '"refunded"' } },
          { id: "status-refund-failed", event: REFUND_FAILED, key: "event.orderId", op: "patch", fields: { payment: '"refund failed"' } },
          { id: "status-reserved", event: RESERVED, key: "event.orderId", op: "patch", fields: { stock: '"reserved"' } },
          { id: "status-unavailable", event: UNAVAILABLE, key: "event.orderId", op: "patch", fields: { stock: '"unavailable"' } },
          { id: "status-released", event: RELEASED, key: "event.orderId", op: "patch", fields: { stock: '"released"' } },
          { id: "status-scheduled", event: SCHEDULED, key: "event.orderId", op: "patch", fields: { shipment: '"scheduled"' } },
          { id: "status-shipment-failed", event: SHIPMENT_FAILED, key: "event.orderId", op: "patch", fields: { shipment: '"failed"' } },
        ],
      },
    ],
    outboxes: [{ id: "order-outbox", aggregate: "Order", batchSize: 100, pollIntervalMs: 0 }],
    layout: {
      order: { x: 0, y: 0 },
      fulfilment: { x: 540, y: 0 },
      payment: { x: 760, y: -200 },
      inventory: { x: 760, y: 220 },
      shipping: { x: 760, y: 640 },
      "order-status": { x: 380, y: 360 },
      "order-outbox": { x: 0, y: 260 },
    },
  },
  {
    title: "Orchestrated saga: forward steps, reverse compensations",
    summary: "Four orders. The first goes through; then faults are injected so that the second finds no stock, the third no truck, and for the fourth even the refund fails.",
    steps: [
      {
        id: "happy",
        title: "An order that goes through",
        narration: "The orchestrator reacts to orders.order.placed.v1 and runs its steps one after the other: charge, reserve, ship. Each step waits for the service's answer event.",
        highlight: ["fulfilment", "step-charge", "step-reserve", "step-ship"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-100", command: "PlaceOrder", data: { sku: "LAMP", quantity: 1, amount: 40 }, correlationId: "saga-happy" },
        expect: [
          { kind: "saga", saga: "OrderFulfilment", instanceId: "o-100", status: "completed" },
          { kind: "event-sequence", correlationId: "saga-happy", types: [PLACED, CHARGED, RESERVED, SCHEDULED] },
        ],
      },
      {
        id: "break-inventory",
        title: "Inject a fault: no stock",
        narration: "The next stock reservation will fail, as if the warehouse were empty.",
        highlight: ["inventory-reserve"],
        action: { kind: "fault", fault: { kind: "fail-next-call", service: "Inventory", operation: "ReserveStock" } },
      },
      {
        id: "no-stock",
        title: "The inventory step fails: the payment is refunded",
        narration: "The reservation fails. The only completed step is the charge, so its compensation runs: the payment is refunded.",
        highlight: ["step-reserve", "payment-refund"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-101", command: "PlaceOrder", data: { sku: "SOFA", quantity: 1, amount: 900 }, correlationId: "saga-no-stock" },
        expect: [
          { kind: "saga", saga: "OrderFulfilment", instanceId: "o-101", status: "compensated" },
          { kind: "event-sequence", correlationId: "saga-no-stock", types: [PLACED, CHARGED, UNAVAILABLE, REFUNDED] },
          { kind: "row", table: "order_status", key: "o-101", field: "payment", equals: "refunded" },
        ],
      },
      {
        id: "break-shipping",
        title: "Inject a fault: no truck",
        narration: "The next shipment will fail to be scheduled.",
        highlight: ["shipping-schedule"],
        action: { kind: "fault", fault: { kind: "fail-next-call", service: "Shipping", operation: "ScheduleShipment" } },
      },
      {
        id: "no-truck",
        title: "The shipping step fails: release, then refund",
        narration: "Scheduling the shipment fails. Two steps completed, so two compensations run in reverse order: first the stock is released, then the payment refunded.",
        highlight: ["step-ship", "inventory-release", "payment-refund"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-102", command: "PlaceOrder", data: { sku: "DESK", quantity: 2, amount: 300 }, correlationId: "saga-no-truck" },
        expect: [
          { kind: "saga", saga: "OrderFulfilment", instanceId: "o-102", status: "compensated" },
          { kind: "event-sequence", correlationId: "saga-no-truck", types: [PLACED, CHARGED, RESERVED, SHIPMENT_FAILED, RELEASED, REFUNDED] },
        ],
      },
      {
        id: "break-shipping-again",
        title: "Inject a fault: no truck again",
        narration: "Shipping will fail once more.",
        highlight: ["shipping-schedule"],
        action: { kind: "fault", fault: { kind: "fail-next-call", service: "Shipping", operation: "ScheduleShipment" } },
      },
      {
        id: "break-refund",
        title: "Inject a fault: the refund fails",
        narration: "And this time the next refund fails too.",
        highlight: ["payment-refund"],
        action: { kind: "fault", fault: { kind: "fail-next-call", service: "Payment", operation: "Refund" } },
      },
      {
        id: "refund-fails",
        title: "A compensation fails: the saga needs attention",
        narration: "Shipping fails again and the stock is released, but the refund fails too. A compensation that fails cannot be undone automatically: the saga stops in needs-attention and raises an alert for a person.",
        highlight: ["payment-refund", "fulfilment"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-103", command: "PlaceOrder", data: { sku: "BED", quantity: 1, amount: 500 }, correlationId: "saga-refund-fails" },
        expect: [
          { kind: "saga", saga: "OrderFulfilment", instanceId: "o-103", status: "needs-attention" },
          { kind: "alerts", atLeast: 1 },
          { kind: "event-sequence", correlationId: "saga-refund-fails", types: [PLACED, CHARGED, RESERVED, SHIPMENT_FAILED, RELEASED, REFUND_FAILED] },
          { kind: "row", table: "order_status", key: "o-103", field: "payment", equals: "refund failed" },
        ],
      },
    ],
  },
);
