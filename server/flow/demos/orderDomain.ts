// The order business the two saga demos share (orchestrated and choreographed): its event
// types, an order line, the Order aggregate's PlaceOrder command and placed event, and the
// Inventory service that reserves and releases stock. Each demo adds its own flow around them.
import type { FlowInput } from "../schema";

type Aggregate = NonNullable<FlowInput["aggregates"]>[number];
type Service = NonNullable<FlowInput["services"]>[number];
type Field = { name: string; type: "string" | "number" };

export const PLACED = "orders.order.placed.v1";
export const CHARGED = "payments.payment.charged.v1";
export const RESERVED = "inventory.stock.reserved.v1";
export const UNAVAILABLE = "inventory.stock.unavailable.v1";
export const RELEASED = "inventory.stock.released.v1";
export const RELEASE_FAILED = "inventory.release.failed.v1";

export const orderLine: readonly Field[] = [
  { name: "orderId", type: "string" },
  { name: "sku", type: "string" },
  { name: "quantity", type: "number" },
];

const amount: Field = { name: "amount", type: "number" };

/**
 * The Order aggregate: PlaceOrder emits the placed event, which `placedState` (a CEL object
 * merged into the state) folds; the demo's own commands and events follow.
 */
export function orderAggregate(placedState: string, more: Pick<Aggregate, "commands" | "events"> = {}): Aggregate {
  return {
    id: "order",
    name: "Order",
    streamPrefix: "order",
    initialState: { status: "none" },
    commands: [
      {
        id: "order-place",
        name: "PlaceOrder",
        payload: [{ name: "sku", type: "string" }, { name: "quantity", type: "number" }, amount],
        guards: [{ rejectWhen: 'state.status != "none"', message: "The order was already placed" }],
        emits: [{ event: PLACED, data: { orderId: "aggregateId" } }],
      },
      ...(more.commands ?? []),
    ],
    events: [{ id: "order-placed", type: PLACED, payload: [...orderLine, amount], evolve: [{ op: "merge", value: placedState }] }, ...(more.events ?? [])],
  };
}

/** Inventory: ReserveStock (an order line, plus the amount when `withAmount`) and ReleaseStock. */
export function inventoryService(reserve: { withAmount: boolean }): Service {
  return {
    id: "inventory",
    name: "Inventory",
    streamPrefix: "inventory",
    latencyMs: 20,
    operations: [
      { id: "inventory-reserve", name: "ReserveStock", payload: reserve.withAmount ? [...orderLine, amount] : [...orderLine], success: { event: RESERVED }, failure: { event: UNAVAILABLE } },
      { id: "inventory-release", name: "ReleaseStock", payload: [...orderLine], success: { event: RELEASED }, failure: { event: RELEASE_FAILED } },
    ],
  };
}
