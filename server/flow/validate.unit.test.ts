import { describe, expect, it } from "vitest";
import { checkFlow, validateFlow } from "./validate";
import { shopFlow, shopInput } from "./testFlows";
import type { Flow } from "./schema";

const messages = (flow: unknown) => validateFlow(flow).map((problem) => `${problem.path}: ${problem.message}`);

function broken(change: (flow: Flow) => void): Flow {
  const flow = shopFlow();
  change(flow);
  return flow;
}

describe("validateFlow", () => {
  it("Given the shop flow, When validated, Then it has no problems and parses", () => {
    expect(messages(shopInput)).toEqual([]);
    const result = checkFlow(shopInput);
    expect(result.ok && result.flow.aggregates[0]?.snapshotEvery).toBe(0);
  });

  it("Given a compensation naming an undefined command, When validated, Then the problem reads as in the issue", () => {
    const flow = broken((f) => {
      const saga = f.sagas[0];
      if (saga?.kind !== "orchestrated" || !saga.steps[0]) throw new Error("fixture");
      saga.steps[0].target = "Inventory";
      saga.steps[0].command = "ReserveStock";
      saga.steps[0].data = {};
      saga.steps[0].compensation = { command: "ReleaseStock", data: {} };
    });
    const problems = validateFlow(flow);
    expect(problems).toContainEqual({
      path: "sagas[0].steps[0].compensation",
      message: 'command "ReleaseStock" is not defined on service Inventory',
      elementId: "fulfilment-charge",
    });
  });

  it("Given several mistakes, When validated, Then every problem is returned at once", () => {
    const flow = broken((f) => {
      const order = f.aggregates[0]!;
      order.events.push({ id: "order-placed", type: "shop.order.shipped.v1", payload: [], evolve: [] });
      order.commands[0]!.emits.push({ event: "shop.order.unknown.v1", data: {} });
      f.projections[0]!.handlers[0]!.event = "shop.order.nothing.v1";
      f.consumers[0]!.topics.push("shop.order.placed.v9");
      f.services.push({ ...f.services[1]!, id: "inventory-2" });
    });
    const found = messages(flow);
    expect(found).toEqual(
      expect.arrayContaining([
        'aggregates[0].events[2].id: element id "order-placed" is already used at aggregates[0].events[0].id',
        'aggregates[0].commands[0].emits[1].event: event "shop.order.unknown.v1" is not defined on aggregate Order',
        'projections[0].handlers[0].event: event "shop.order.nothing.v1" is not defined by any aggregate or service',
        'consumers[0].topics[1]: event "shop.order.placed.v9" is not defined by any aggregate or service',
        'services[2].name: name "Inventory" is already used at services[1].name',
        'aggregates[0].events[2]: event "shop.order.shipped.v1" is never emitted by a command of aggregate Order',
      ]),
    );
  });

  it("Given an event type not named domain.entity.event.vN, When validated, Then the path and the pattern are given", () => {
    const problems = validateFlow(broken((f) => void (f.aggregates[0]!.events[1]!.type = "OrderCancelled")));
    expect(problems[0]).toMatchObject({
      path: "aggregates[0].events[1].type",
      message: '"OrderCancelled" is not named domain.entity.event.vN, e.g. "orders.order.created.v1"',
      elementId: "order-cancelled",
    });
  });

  it("Given a step before the last without compensation, When validated, Then the missing compensation is reported", () => {
    const flow = broken((f) => {
      const saga = f.sagas[0];
      if (saga?.kind === "orchestrated") delete saga.steps[0]!.compensation;
    });
    expect(messages(flow)).toContain(
      'sagas[0].steps[0].compensation: step "charge payment" has no compensation, but a later step can fail and it must then be undone',
    );
  });

  it("Given a choreography whose reactions loop without a terminal event, When validated, Then the loop is named", () => {
    const flow = broken((f) => {
      f.sagas.push({
        id: "ping-pong",
        kind: "choreography",
        name: "PingPong",
        terminal: ["shop.order.cancelled.v1"],
        reactions: [
          { id: "r1", name: "charge-on-place", on: "shop.order.placed.v1", target: "Payment", command: "Charge", key: "meta.key", data: { amount: "1" } },
          { id: "r2", name: "recharge", on: "shop.payment.declined.v1", target: "Payment", command: "Charge", key: "meta.key", data: { amount: "1" } },
        ],
      });
    });
    expect(messages(flow)).toContain(
      'sagas[1].reactions[1]: reactions loop through "shop.payment.declined.v1" and never reach a terminal event',
    );
    const fixed = broken((f) => {
      f.sagas.push({
        id: "ping-pong",
        kind: "choreography",
        name: "PingPong",
        terminal: ["shop.payment.charged.v1"],
        reactions: [
          { id: "r2", name: "recharge", on: "shop.payment.declined.v1", target: "Payment", command: "Charge", key: "meta.key", data: { amount: "1" } },
        ],
      });
    });
    expect(messages(fixed).filter((m) => m.includes("loop"))).toEqual([]);
  });

  it("Given a broken expression and an out-of-scope variable, When validated, Then each is reported with its path", () => {
    const flow = broken((f) => {
      f.aggregates[0]!.commands[0]!.guards[0]!.rejectWhen = "state.status ==";
      f.projections[0]!.handlers[0]!.fields = { amount: "command.amount" };
    });
    const found = messages(flow);
    expect(found.some((m) => m.startsWith("aggregates[0].commands[0].guards[0].rejectWhen: expression `state.status ==` does not compile"))).toBe(true);
    expect(found).toContain("projections[0].handlers[0].fields.amount: expression `command.amount` does not compile: Unknown variable: command (at column 1)");
  });

  it("Given unreachable elements, When validated, Then services never called and empty read models are reported", () => {
    const flow = broken((f) => {
      f.sagas = [];
      f.projections[0]!.handlers = [];
    });
    expect(messages(flow)).toEqual(
      expect.arrayContaining([
        "services[0]: service Payment is never called by a saga, a reaction or a consumer",
        "projections[0]: read model order_view handles no events, so it stays empty",
      ]),
    );
  });

  it("Given missing and unknown fields in a send, When validated, Then both are reported", () => {
    const flow = broken((f) => {
      const saga = f.sagas[0];
      if (saga?.kind === "orchestrated") saga.steps[0]!.data = { total: "saga.amount" };
    });
    expect(messages(flow)).toEqual(
      expect.arrayContaining([
        'sagas[0].steps[0].data.total: command "Charge" of service Payment has no field "total"',
        'sagas[0].steps[0].data: required field "amount" of command "Charge" on service Payment is not given',
      ]),
    );
  });

  it("Given an upcaster, When it skips versions or references the wrong event, Then it is reported", () => {
    const flow = broken((f) => {
      f.upcasters.push({ id: "up", from: "shop.order.placed.v1", to: "shop.order.placed.v3", defaults: { currency: "USD" }, map: {} });
    });
    expect(messages(flow)).toEqual(
      expect.arrayContaining([
        'upcasters[0]: an upcaster reads one version as the next of the same event, not "shop.order.placed.v1" as "shop.order.placed.v3"',
        'upcasters[0].from: "shop.order.placed.v1" is still defined by aggregate Order; an upcaster reads only retired versions',
        'upcasters[0].to: event "shop.order.placed.v3" is not defined by any aggregate or service',
      ]),
    );
  });

  it("Given settings that disagree, When validated, Then outbox, retry and layout problems are reported", () => {
    const flow = broken((f) => {
      f.consumers[0]!.retry.maxMs = 10;
      f.outboxes.push({ id: "ob2", aggregate: "Ghost", batchSize: 1, pollIntervalMs: 10 });
      f.layout["gone"] = { x: 1, y: 2 };
    });
    expect(messages(flow)).toEqual(
      expect.arrayContaining([
        "consumers[0].retry.maxMs: the longest backoff (10 ms) is shorter than the first (100 ms)",
        'outboxes[1].aggregate: aggregate "Ghost" is not defined',
        "outboxes[1]: every outbox must use the same batch size and poll interval: one relay publishes them all",
        'layout.gone: the layout places "gone", which is not an element of this flow',
      ]),
    );
  });

  it("Given a structurally broken document, When validated, Then zod issues come back in the same shape", () => {
    const input = structuredClone(shopInput) as Record<string, unknown>;
    input.schemaVersion = 2;
    input.extra = true;
    (input.aggregates as Array<Record<string, unknown>>)[0]!.name = "order";
    delete (input.consumers as Array<Record<string, unknown>>)[0]!.retry;
    expect(messages(input)).toEqual(
      expect.arrayContaining([
        "schemaVersion: schemaVersion must be 1",
        'aggregates[0].name: must be PascalCase, e.g. "AddItem"',
        "consumers[0].retry: is required",
        ': has an unknown field "extra"',
      ]),
    );
    expect(validateFlow("nope")).toEqual([{ path: "", message: "must be an object, not a string" }]);
  });
});
