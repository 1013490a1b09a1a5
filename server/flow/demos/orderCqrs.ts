// Demo 2 — Order with CQRS: guards, an order-view projection, and upcasting v1 → v2 on read.
import { defineDemo } from "./define";

const CREATED = "orders.order.created.v2";
const ITEM_ADDED = "orders.item.added.v2";
const SUBMITTED = "orders.order.submitted.v1";

export const orderCqrs = defineDemo(
  "order-cqrs",
  {
    schemaVersion: 1,
    name: "Order with CQRS",
    description: "Commands go to the Order aggregate, which guards its rules; queries read the order_view table, kept up to date by a projection. Events written by an older release are upcast to their current version when read.",
    aggregates: [
      {
        id: "order",
        name: "Order",
        streamPrefix: "order",
        initialState: { status: "none", customer: "", currency: "", items: [], total: 0 },
        commands: [
          {
            id: "order-create",
            name: "CreateOrder",
            payload: [{ name: "customer", type: "string" }, { name: "currency", type: "string" }],
            guards: [{ rejectWhen: 'state.status != "none"', message: "The order already exists" }],
            emits: [{ event: CREATED, data: { orderId: "aggregateId" } }],
          },
          {
            id: "order-add-item",
            name: "AddItem",
            payload: [{ name: "sku", type: "string" }, { name: "price", type: "number" }, { name: "quantity", type: "number" }],
            guards: [
              { rejectWhen: 'state.status != "draft"', message: "Can only add items to draft orders" },
              { rejectWhen: "command.quantity <= 0", message: "Quantity must be positive" },
            ],
            emits: [{ event: ITEM_ADDED, data: { orderId: "aggregateId", discount: "0" } }],
          },
          {
            id: "order-submit",
            name: "SubmitOrder",
            guards: [
              { rejectWhen: 'state.status != "draft"', message: "Only draft orders can be submitted" },
              { rejectWhen: "size(state.items) == 0", message: "Cannot submit empty order" },
            ],
            emits: [{ event: SUBMITTED, data: { orderId: "aggregateId", total: "state.total" } }],
          },
        ],
        events: [
          {
            id: "order-created",
            type: CREATED,
            payload: [{ name: "orderId", type: "string" }, { name: "customer", type: "string" }, { name: "currency", type: "string" }],
            evolve: [{ op: "merge", value: '{"status": "draft", "customer": event.customer, "currency": event.currency}' }],
          },
          {
            id: "order-item-added",
            type: ITEM_ADDED,
            payload: [
              { name: "orderId", type: "string" },
              { name: "sku", type: "string" },
              { name: "price", type: "number" },
              { name: "quantity", type: "number" },
              { name: "discount", type: "number" },
            ],
            evolve: [
              { op: "push", path: "items", value: '{"sku": event.sku, "price": event.price, "quantity": event.quantity, "discount": event.discount}' },
              { op: "set", path: "total", value: "state.items.map(i, i.price * i.quantity - i.discount).sum()" },
            ],
          },
          {
            id: "order-submitted",
            type: SUBMITTED,
            payload: [{ name: "orderId", type: "string" }, { name: "total", type: "number" }],
            evolve: [{ op: "set", path: "status", value: '"submitted"' }],
          },
        ],
      },
    ],
    upcasters: [
      { id: "upcast-created", from: "orders.order.created.v1", to: CREATED, defaults: { currency: "USD" } },
      { id: "upcast-item-added", from: "orders.item.added.v1", to: ITEM_ADDED, defaults: { discount: 0 } },
    ],
    projections: [
      {
        id: "order-view",
        name: "order_view",
        handlers: [
          {
            id: "order-view-created",
            event: CREATED,
            key: "event.orderId",
            op: "upsert",
            fields: { customer: "event.customer", currency: "event.currency", status: '"draft"', items: "0", total: "0" },
          },
          {
            id: "order-view-item-added",
            event: ITEM_ADDED,
            key: "event.orderId",
            op: "patch",
            fields: { items: "row.items + event.quantity", total: "row.total + event.price * event.quantity - event.discount" },
          },
          { id: "order-view-submitted", event: SUBMITTED, key: "event.orderId", op: "patch", fields: { status: '"submitted"' } },
        ],
      },
    ],
    outboxes: [{ id: "order-outbox", aggregate: "Order", batchSize: 100, pollIntervalMs: 0 }],
    layout: {
      order: { x: 0, y: 0 },
      "upcast-created": { x: -380, y: 0 },
      "upcast-item-added": { x: -380, y: 180 },
      "order-outbox": { x: 0, y: 300 },
      "order-view": { x: 420, y: 0 },
    },
  },
  {
    title: "Order with CQRS: guards, a read model and upcasting",
    summary: "Build an order, watch the order view follow, let the guards refuse what the rules forbid, then read events an older release wrote.",
    steps: [
      {
        id: "create",
        title: "Create a draft order",
        narration: "CreateOrder starts a draft. The projection turns the created event into a row of order_view: the query side never asks the aggregate.",
        highlight: ["order-create", "order-view"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-1", command: "CreateOrder", data: { customer: "Grace", currency: "EUR" } },
        expect: [
          { kind: "state", aggregate: "Order", aggregateId: "o-1", path: "status", equals: "draft" },
          { kind: "row", table: "order_view", key: "o-1", field: "status", equals: "draft" },
        ],
      },
      {
        id: "add-first",
        title: "Add two books at 10",
        narration: "Each line adds price × quantity to the total: 2 × 10 = 20.",
        highlight: ["order-add-item", "order-item-added"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-1", command: "AddItem", data: { sku: "BOOK", price: 10, quantity: 2 } },
        expect: [{ kind: "state", aggregate: "Order", aggregateId: "o-1", path: "total", equals: 20 }],
      },
      {
        id: "add-second",
        title: "Add three pens at 5",
        narration: "The total is the sum of price × quantity over the lines: 20 + 3 × 5 = 35, in the aggregate and in the view.",
        highlight: ["order-item-added", "order-view-item-added"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-1", command: "AddItem", data: { sku: "PEN", price: 5, quantity: 3 } },
        expect: [
          { kind: "state", aggregate: "Order", aggregateId: "o-1", path: "total", equals: 35 },
          { kind: "state", aggregate: "Order", aggregateId: "o-1", path: "items.1.sku", equals: "PEN" },
          { kind: "row", table: "order_view", key: "o-1", field: "total", equals: 35 },
        ],
      },
      {
        id: "submit",
        title: "Submit the order",
        narration: "Submitting records the total at that moment and moves the order out of draft.",
        highlight: ["order-submit", "order-view-submitted"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-1", command: "SubmitOrder" },
        expect: [{ kind: "row", table: "order_view", key: "o-1", field: "status", equals: "submitted" }],
      },
      {
        id: "add-after-submit",
        title: "Adding to a submitted order is refused",
        narration: "The aggregate guards its rules: a submitted order takes no more items. Nothing is appended.",
        highlight: ["order-add-item"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-1", command: "AddItem", data: { sku: "INK", price: 3, quantity: 1 } },
        expect: [
          { kind: "rejected", message: "Can only add items to draft orders" },
          { kind: "state", aggregate: "Order", aggregateId: "o-1", path: "total", equals: 35 },
        ],
      },
      {
        id: "create-empty",
        title: "Create a second order",
        narration: "A second draft, left empty on purpose.",
        highlight: ["order-create"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-2", command: "CreateOrder", data: { customer: "Alan", currency: "GBP" } },
        expect: [{ kind: "state", aggregate: "Order", aggregateId: "o-2", path: "status", equals: "draft" }],
      },
      {
        id: "submit-empty",
        title: "Submitting an empty order is refused",
        narration: "The second guard of SubmitOrder: an order needs at least one item.",
        highlight: ["order-submit"],
        action: { kind: "command", aggregate: "Order", aggregateId: "o-2", command: "SubmitOrder" },
        expect: [{ kind: "rejected", message: "Cannot submit empty order" }],
      },
      {
        id: "legacy-created",
        title: "An order created by the old release",
        narration: "Release 1 wrote orders.order.created.v1, without a currency. It stays stored as written; on read the upcaster turns it into v2 with currency USD.",
        highlight: ["upcast-created"],
        action: {
          kind: "fault",
          fault: { kind: "legacy-event", aggregate: "Order", aggregateId: "o-legacy", type: "orders.order.created.v1", data: { orderId: "o-legacy", customer: "Linus" } },
        },
        expect: [
          { kind: "stream-event", aggregate: "Order", aggregateId: "o-legacy", index: 0, type: CREATED, field: "currency", equals: "USD" },
          { kind: "state", aggregate: "Order", aggregateId: "o-legacy", path: "currency", equals: "USD" },
        ],
      },
      {
        id: "legacy-item",
        title: "An item added by the old release",
        narration: "orders.item.added.v1 had no discount. Read as v2, the discount is 0 and the total is still price × quantity.",
        highlight: ["upcast-item-added"],
        action: {
          kind: "fault",
          fault: {
            kind: "legacy-event",
            aggregate: "Order",
            aggregateId: "o-legacy",
            type: "orders.item.added.v1",
            data: { orderId: "o-legacy", sku: "DISK", price: 7, quantity: 2 },
          },
        },
        expect: [
          { kind: "stream-event", aggregate: "Order", aggregateId: "o-legacy", index: 1, type: ITEM_ADDED, field: "discount", equals: 0 },
          { kind: "state", aggregate: "Order", aggregateId: "o-legacy", path: "total", equals: 14 },
        ],
      },
    ],
  },
);
