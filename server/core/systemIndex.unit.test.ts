import { describe, expect, it } from "vitest";
import type { SystemDefinition } from "./definitions";
import { DefinitionError, indexSystem } from "./systemIndex";
import { accountAggregate } from "./testing/bank";
import { auditorConsumer, mailerService } from "./testing/consumers";
import { orderAggregate, orderUpcasters } from "./testing/order";

const base: SystemDefinition = {
  aggregates: [accountAggregate(), orderAggregate],
  upcasters: orderUpcasters,
  projections: [],
  services: [mailerService],
  sagas: [],
  reactions: [],
  consumers: [auditorConsumer],
  outbox: { batchSize: 10, pollIntervalMs: 0 },
};

describe("system index", () => {
  it("looks up aggregates, services, operations and consumers by name", () => {
    const index = indexSystem(base);
    expect(index.aggregate("Order")).toBe(orderAggregate);
    expect(index.operation("Mailer", "send")?.successEvent).toBe("mail.sent.v1");
    expect(index.operation("Mailer", "nope")).toBeUndefined();
    expect(index.consumer("auditor")).toBe(auditorConsumer);
    expect(index.upcasters.latestType("shop.order.created.v1")).toBe("shop.order.created.v3");
  });

  it("refuses duplicate names, reserved group prefixes and bad failure rates with a plain sentence", () => {
    expect(() => indexSystem({ ...base, aggregates: [orderAggregate, orderAggregate] })).toThrow('Two aggregates are named "Order"; names must be unique.');
    expect(() => indexSystem({ ...base, consumers: [{ ...auditorConsumer, group: "saga:x" }] })).toThrow(DefinitionError);
    const flaky = { ...mailerService, operations: [{ ...mailerService.operations[0]!, failureRate: 2 }] };
    expect(() => indexSystem({ ...base, services: [flaky] })).toThrow("failure rate 2");
  });
});
