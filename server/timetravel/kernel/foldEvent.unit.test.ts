import { describe, expect, it } from "vitest";
import type { JsonObject, ProjectionDefinition, RecordedEvent, SystemDefinition } from "../../core/definitions";
import { accountAggregate, ACCOUNT_OPENED, balancesProjection, DEPOSITED } from "../../core/testing/bank";
import { ORDER_CREATED_V1, orderAggregate, orderUpcasters, orderViewProjection } from "../../core/testing/order";
import { foldDefinitionOf } from "./foldDefinition";
import { foldEvent } from "./foldEvent";
import { recordId } from "./records";
import { createWorld } from "./world";

const system = (overrides: Partial<SystemDefinition>): SystemDefinition => ({
  aggregates: [],
  upcasters: [],
  projections: [],
  services: [],
  sagas: [],
  reactions: [],
  consumers: [],
  outbox: { batchSize: 10, pollIntervalMs: 0 },
  ...overrides,
});

let position = 0;
function event(streamId: string, streamVersion: number, type: string, data: JsonObject): RecordedEvent {
  position++;
  const id = `e${position}`;
  return { position, streamId, streamVersion, eventId: id, type, data, metadata: { messageId: id, correlationId: "c", causationId: "c" }, recordedAt: position };
}

describe("folding an event into the world", () => {
  it("Given a bank account and its balances projection, When an opening and a deposit are folded, Then the aggregate and its row both show them", () => {
    const fold = foldDefinitionOf(system({ aggregates: [accountAggregate()], projections: [balancesProjection] }));
    const world = createWorld();
    foldEvent(world, fold, event("account-1", 1, ACCOUNT_OPENED, { owner: "Ada" }));
    foldEvent(world, fold, event("account-1", 2, DEPOSITED, { amount: 30 }));
    expect(world.get(recordId.aggregate("account-1"))).toEqual({
      kind: "aggregate",
      aggregate: "Account",
      streamId: "account-1",
      aggregateId: "1",
      version: 2,
      state: { open: true, owner: "Ada", balance: 30, transactions: 1 },
      error: null,
    });
    expect(world.get(recordId.row("balances", "account-1"))).toEqual({ kind: "row", projection: "balances", key: "account-1", row: { owner: "Ada", balance: 30, movements: 1 } });
  });

  it("Given an order created as v1, When folded, Then the aggregate and the view read it upcast to v3", () => {
    const fold = foldDefinitionOf(system({ aggregates: [orderAggregate], upcasters: orderUpcasters, projections: [orderViewProjection] }));
    const world = createWorld();
    foldEvent(world, fold, event("order-7", 1, ORDER_CREATED_V1, { customer: "Grace" }));
    expect(world.get(recordId.aggregate("order-7"))).toMatchObject({ state: { status: "draft", customerName: "Grace", currency: "EUR" } });
    expect(world.get(recordId.row("order-view", "order-7"))).toMatchObject({ row: { customer: "Grace", currency: "EUR", status: "draft" } });
  });

  it("Given a stream no aggregate owns, When its event is folded, Then no aggregate appears", () => {
    const fold = foldDefinitionOf(system({ aggregates: [accountAggregate()] }));
    const world = createWorld();
    foldEvent(world, fold, event("payment-1", 1, "payment.charged.v1", {}));
    expect(world.records.size).toBe(0);
  });

  it("Given a projection that throws, When its event is folded, Then it stalls there and ignores every later event, as the runtime's does", () => {
    const fragile: ProjectionDefinition = {
      name: "fragile",
      eventTypes: [DEPOSITED],
      handle: (e) => {
        if (e.data.amount === 13) throw new Error("unlucky");
        return [{ op: "increment", key: "total", field: "sum", by: e.data.amount as number }];
      },
    };
    const fold = foldDefinitionOf(system({ projections: [fragile] }));
    const world = createWorld();
    foldEvent(world, fold, event("account-1", 1, DEPOSITED, { amount: 5 }));
    const failing = event("account-1", 2, DEPOSITED, { amount: 13 });
    foldEvent(world, fold, failing);
    foldEvent(world, fold, event("account-1", 3, DEPOSITED, { amount: 5 }));
    expect(world.get(recordId.row("fragile", "total"))).toMatchObject({ row: { sum: 5 } });
    expect(world.get(recordId.stall("fragile"))).toEqual({ kind: "projection-stall", projection: "fragile", position: failing.position, eventType: DEPOSITED, message: "unlucky" });
  });

  it("Given a projection whose handler answers with a promise, When folded, Then the fold waits for it and applies its rows", async () => {
    const later: ProjectionDefinition = { name: "later", eventTypes: [DEPOSITED], handle: async (e) => [{ op: "upsert", key: e.streamId, row: { seen: true } }] };
    const fold = foldDefinitionOf(system({ projections: [later, balancesProjection] }));
    const world = createWorld();
    foldEvent(world, fold, event("account-2", 1, ACCOUNT_OPENED, { owner: "Bo" }));
    const pending = foldEvent(world, fold, event("account-2", 2, DEPOSITED, { amount: 4 }));
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(world.get(recordId.row("later", "account-2"))).toMatchObject({ row: { seen: true } });
    expect(world.get(recordId.row("balances", "account-2"))).toMatchObject({ row: { balance: 4 } });
  });

  it("Given an evolve that throws, When its event is folded, Then the aggregate keeps its last state and says why", () => {
    const broken = { ...accountAggregate(), evolve: () => { throw new Error("cannot apply"); } };
    const fold = foldDefinitionOf(system({ aggregates: [broken] }));
    const world = createWorld();
    foldEvent(world, fold, event("account-3", 1, ACCOUNT_OPENED, { owner: "Cy" }));
    expect(world.get(recordId.aggregate("account-3"))).toMatchObject({ version: 1, state: { open: false }, error: "cannot apply" });
  });
});
