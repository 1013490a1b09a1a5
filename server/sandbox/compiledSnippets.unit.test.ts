import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decide } from "../core/decider";
import type { DeliveredMessage } from "../core/definitions";
import { compileFlow } from "../flow/compile";
import { shopFlow } from "../flow/testFlows";
import { createSandbox, type Sandbox } from "./sandbox";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(() => sandbox.dispose());

const metadata = { messageId: "m", correlationId: "c", causationId: "m" };

describe("compiled flows with snippets in the real sandbox", () => {
  it("Given a decide snippet, When commands arrive, Then QuickJS decides events or a rejection", async () => {
    const flow = shopFlow();
    flow.aggregates[0]!.commands[0]!.snippet = [
      "if (command.amount > 100) return { reject: 'Orders above 100 need approval' };",
      "return [{ type: 'shop.order.placed.v1', data: { amount: Math.round(command.amount * 1.2) } }];",
    ].join("\n");
    const order = compileFlow(flow, { snippets: sandbox }).aggregates[0]!;
    const run = (amount: number) =>
      decide(order, order.initialState, { aggregate: "Order", aggregateId: "o", type: "PlaceOrder", data: { amount } }, { now: 0, aggregateId: "o", metadata });
    expect(await run(500)).toEqual({ kind: "rejected", message: "Orders above 100 need approval" });
    expect(await run(10)).toMatchObject({ kind: "accepted", events: [{ type: "shop.order.placed.v1", data: { amount: 12 } }] });
  });

  it("Given a snippet that fails on its second line, When decided, Then the rejection names the snippet and the line", async () => {
    const flow = shopFlow();
    flow.aggregates[0]!.commands[0]!.snippet = "const limit = 100;\nreturn command.amount.toFixed(limit * 1000);";
    const order = compileFlow(flow, { snippets: sandbox }).aggregates[0]!;
    const decision = await decide(order, order.initialState, { aggregate: "Order", aggregateId: "o", type: "PlaceOrder", data: { amount: 1 } }, { now: 0, aggregateId: "o", metadata });
    expect(decision).toMatchObject({ kind: "rejected" });
    expect(decision.kind === "rejected" && decision.message).toMatch(/^Order could not decide PlaceOrder: snippet "Order.PlaceOrder" line 2: RangeError/);
  });

  it("Given a consumer snippet that throws a named error, When handled, Then the handler error carries that name for the retry policy", async () => {
    const flow = shopFlow();
    flow.consumers[0]!.handler = [
      {
        do: "snippet",
        code: "class PoisonMessage extends Error { constructor(m) { super(m); this.name = 'PoisonMessage'; } }\nif (event.sku === 'X') throw new PoisonMessage('unreadable');\nreturn [{ target: 'Order', command: 'Cancel', key: meta.key, data: {} }];",
      },
    ];
    const consumer = compileFlow(flow, { snippets: sandbox }).consumers[0]!;
    const message = (sku: string): DeliveredMessage => ({ messageId: "1", topic: "t", key: "o-1", type: "shop.stock.unavailable.v1", data: { sku }, metadata, attempt: 1 });
    await expect(consumer.handle(message("X"), { now: 0 })).rejects.toMatchObject({ name: "PoisonMessage" });
    expect(await consumer.handle(message("Y"), { now: 0 })).toEqual([{ kind: "command", command: { aggregate: "Order", aggregateId: "o-1", type: "Cancel", data: {} } }]);
  });
});
