import { describe, expect, it } from "vitest";
import { decide, evolveAll } from "../core/decider";
import { HandlerError, type Command, type DeliveredMessage, type JsonObject, type RecordedEvent, type SystemDefinition } from "../core/definitions";
import { createUpcasters } from "../core/upcasting";
import { compileFlow, FlowCompileError } from "./compile";
import { bankAccount } from "./demos/bankAccount";
import { orderCqrs } from "./demos/orderCqrs";
import { orderSagaOrchestrated } from "./demos/orderSagaOrchestrated";
import { orderSagaChoreography } from "./demos/orderSagaChoreography";
import { outboxRetriesDlq } from "./demos/outboxRetriesDlq";
import { aiAgentBackbone } from "./demos/aiAgentBackbone";
import { shopFlow } from "./testFlows";
import type { SnippetEvaluator } from "./snippets";
import { SnippetError } from "./snippets";

const metadata = { messageId: "m", correlationId: "c", causationId: "m" };

/** Runs commands against one compiled aggregate, purely, folding accepted events. */
async function play(system: SystemDefinition, aggregateName: string, commands: Array<Omit<Command, "aggregate" | "aggregateId">>, aggregateId = "a-1") {
  const aggregate = system.aggregates.find((candidate) => candidate.name === aggregateName)!;
  let state = aggregate.initialState;
  const outcomes: string[] = [];
  for (const command of commands) {
    const decision = await decide(aggregate, state, { aggregate: aggregateName, aggregateId, ...command }, { now: 0, aggregateId, metadata });
    if (decision.kind === "accepted") {
      state = decision.state;
      outcomes.push(decision.events.map((event) => event.type).join(","));
    } else outcomes.push(`rejected: ${decision.message}`);
  }
  return { state, outcomes };
}

function message(type: string, data: JsonObject, extra: Partial<DeliveredMessage> = {}): DeliveredMessage {
  return { messageId: "msg-1", topic: type, key: String(data.orderId ?? "k"), type, data, metadata, attempt: 1, ...extra };
}

describe("compileFlow", () => {
  it("Given the bank account, When opened, credited 200 and debited 50, Then the balance is 150", async () => {
    const system = compileFlow(bankAccount.flow);
    const { state, outcomes } = await play(system, "Account", [
      { type: "OpenAccount", data: { owner: "Ada" } },
      { type: "Deposit", data: { amount: 200 } },
      { type: "Withdraw", data: { amount: 50 } },
      { type: "Withdraw", data: { amount: 500 } },
    ]);
    expect(state).toMatchObject({ open: true, owner: "Ada", balance: 150, transactions: 2 });
    expect(outcomes).toEqual(["bank.account.opened.v1", "bank.account.deposited.v1", "bank.account.withdrawn.v1", "rejected: Insufficient funds"]);
    expect(system.aggregates[0]?.snapshotEvery).toBe(3);
  });

  it("Given a command missing a field or with the wrong type, When decided, Then it is rejected with a sentence", async () => {
    const system = compileFlow(bankAccount.flow);
    const { outcomes } = await play(system, "Account", [
      { type: "OpenAccount", data: {} },
      { type: "OpenAccount", data: { owner: 7 } },
      { type: "Close", data: {} },
    ]);
    expect(outcomes).toEqual([
      'rejected: OpenAccount needs "owner" (a string)',
      'rejected: OpenAccount: "owner" must be a string, not a number',
      'rejected: Account has no command "Close"',
    ]);
  });

  it("Given the order, When items are added and it is submitted, Then the guards hold and the total is Σ price × quantity", async () => {
    const system = compileFlow(orderCqrs.flow);
    const { state, outcomes } = await play(system, "Order", [
      { type: "SubmitOrder", data: {} },
      { type: "CreateOrder", data: { customer: "Grace", currency: "EUR" } },
      { type: "SubmitOrder", data: {} },
      { type: "AddItem", data: { sku: "BOOK", price: 10, quantity: 2 } },
      { type: "AddItem", data: { sku: "PEN", price: 5, quantity: 3 } },
      { type: "SubmitOrder", data: {} },
      { type: "AddItem", data: { sku: "INK", price: 3, quantity: 1 } },
    ]);
    expect(outcomes).toEqual([
      "rejected: Only draft orders can be submitted",
      "orders.order.created.v2",
      "rejected: Cannot submit empty order",
      "orders.item.added.v2",
      "orders.item.added.v2",
      "orders.order.submitted.v1",
      "rejected: Can only add items to draft orders",
    ]);
    expect(state).toMatchObject({ status: "submitted", total: 35, currency: "EUR" });
  });

  it("Given stored v1 events, When read through the compiled upcasters, Then they are v2 with currency USD and discount 0", () => {
    const system = compileFlow(orderCqrs.flow);
    const upcasters = createUpcasters(system.upcasters);
    const created = upcasters.upcast({ type: "orders.order.created.v1", data: { orderId: "o", customer: "Linus" } });
    const added = upcasters.upcast({ type: "orders.item.added.v1", data: { orderId: "o", sku: "DISK", price: 7, quantity: 2 } });
    expect(created).toEqual({ type: "orders.order.created.v2", data: { orderId: "o", customer: "Linus", currency: "USD" } });
    expect(added.data).toMatchObject({ discount: 0 });
    const order = system.aggregates[0]!;
    expect(evolveAll(order, upcasters, order.initialState, [created, added])).toMatchObject({ currency: "USD", total: 14 });
  });

  it("Given the order view projection, When events arrive, Then it answers row operations with the row it sees", async () => {
    const projection = compileFlow(orderCqrs.flow).projections[0]!;
    const event = (type: string, data: JsonObject): RecordedEvent => ({
      position: 1, streamId: "order-o-1", streamVersion: 1, eventId: "e", type, data, metadata, recordedAt: 0,
    });
    expect(projection.eventTypes).toEqual(["orders.order.created.v2", "orders.item.added.v2", "orders.order.submitted.v1"]);
    expect(await projection.handle(event("orders.order.created.v2", { orderId: "o-1", customer: "G", currency: "EUR" }), { get: () => undefined })).toEqual([
      { op: "upsert", key: "o-1", row: { customer: "G", currency: "EUR", status: "draft", items: 0, total: 0 } },
    ]);
    const row = { items: 2, total: 20 };
    expect(await projection.handle(event("orders.item.added.v2", { orderId: "o-1", sku: "P", price: 5, quantity: 3, discount: 0 }), { get: () => row })).toEqual([
      { op: "patch", key: "o-1", set: { items: 5, total: 35 } },
    ]);
  });

  it("Given the bank projection keyed by meta.key, When handled, Then the key is the account id inside the stream id", async () => {
    const projection = compileFlow(bankAccount.flow).projections[0]!;
    const ops = await projection.handle(
      { position: 2, streamId: "account-acc-1", streamVersion: 2, eventId: "e", type: "bank.account.withdrawn.v1", data: { amount: 50 }, metadata, recordedAt: 0 },
      { get: () => undefined },
    );
    expect(ops).toEqual([{ op: "increment", key: "acc-1", field: "balance", by: -50 }]);
  });

  it("Given the orchestrated saga, When compiled, Then steps call services with compensations and their reply events", () => {
    const saga = compileFlow(orderSagaOrchestrated.flow).sagas[0]!;
    const data = { orderId: "o-9", sku: "LAMP", quantity: 1, amount: 40 };
    expect(saga.triggerEvent).toBe("orders.order.placed.v1");
    expect(saga.instanceId(message("orders.order.placed.v1", data))).toBe("o-9");
    expect(saga.steps.map((step) => [step.name, step.successEvent, step.failureEvent, step.compensation?.successEvent ?? null])).toEqual([
      ["charge payment", "payments.payment.charged.v1", "payments.payment.declined.v1", "payments.payment.refunded.v1"],
      ["reserve stock", "inventory.stock.reserved.v1", "inventory.stock.unavailable.v1", "inventory.stock.released.v1"],
      ["schedule shipment", "shipping.shipment.scheduled.v1", "shipping.shipment.failed.v1", null],
    ]);
    expect(saga.steps[1]!.compensation!.action(data)).toEqual({
      kind: "call", service: "Inventory", operation: "ReleaseStock", key: "o-9", data: { orderId: "o-9", sku: "LAMP", quantity: 1 },
    });
  });

  it("Given the choreography, When compiled, Then commands to aggregates are reactions and calls to services are consumers", async () => {
    const system = compileFlow(orderSagaChoreography.flow);
    expect(system.reactions.map((reaction) => reaction.name)).toEqual(["confirm-on-charged", "cancel-on-unavailable", "cancel-on-payment-failed"]);
    expect(system.consumers.map((consumer) => consumer.group)).toEqual(["reserve-on-placed", "charge-on-reserved", "release-on-payment-failed"]);
    const cancel = system.reactions.find((reaction) => reaction.name === "cancel-on-payment-failed")!;
    expect(await cancel.command(message("payments.payment.failed.v1", { orderId: "o-201", reason: "declined" }))).toEqual({
      aggregate: "Order", aggregateId: "o-201", type: "CancelOrder", data: { reason: "payment failed" },
    });
    const release = system.consumers.find((consumer) => consumer.group === "release-on-payment-failed")!;
    expect(await release.handle(message("payments.payment.failed.v1", { orderId: "o-201", sku: "SOFA", quantity: 1 }), { now: 0 })).toEqual([
      { kind: "call", service: "Inventory", operation: "ReleaseStock", key: "o-201", data: { orderId: "o-201", sku: "SOFA", quantity: 1 } },
    ]);
  });

  it("Given the warehouse consumer with max retries 3, When compiled, Then it allows 4 attempts and fails poison with a named error", async () => {
    const consumer = compileFlow(outboxRetriesDlq.flow).consumers[0]!;
    expect(consumer.retry).toEqual({ maxAttempts: 4, initialMs: 200, multiplier: 2, maxMs: 2000, jitter: 0.2, nonRetryable: ["QuantityTooLarge"] });
    const poison = consumer.handle(message("orders.order.placed.v1", { orderId: "o", sku: "POISON", quantity: 1 }), { now: 0 });
    await expect(poison).rejects.toBeInstanceOf(HandlerError);
    await expect(poison).rejects.toMatchObject({ name: "UnreadablePayload", message: "The payload cannot be parsed" });
    expect(await consumer.handle(message("orders.order.placed.v1", { orderId: "o", sku: "BOOK", quantity: 1 }), { now: 0 })).toEqual([
      { kind: "call", service: "Warehouse", operation: "PickItems", key: "o", data: { orderId: "o", sku: "BOOK", quantity: 1 } },
    ]);
  });

  it("Given the agent supervisor, When a task fails a second time, Then it escalates and raises an alert", async () => {
    const system = compileFlow(aiAgentBackbone.flow);
    const supervisor = system.consumers.find((consumer) => consumer.group === "supervisor")!;
    expect(await supervisor.handle(message("agents.task.failed.v1", { taskId: "t-2", attempt: 2, reason: "x" }), { now: 0 })).toEqual([
      { kind: "command", command: { aggregate: "Task", aggregateId: "t-2", type: "EscalateTask", data: {} } },
      { kind: "alert", severity: "warning", message: "An agent task failed twice and was escalated to a person" },
    ]);
    const writer = system.services.find((service) => service.name === "WriterAgent")!.operations[0]!;
    expect(writer).toMatchObject({ failCalls: [1, 2], successEvent: "agents.writer.finished.v1", latencyMs: 200 });
    expect(writer.reply?.({ taskId: "t", prompt: "sagas" })).toEqual({ taskId: "t", prompt: "sagas", result: "a draft about sagas" });
  });

  it("Given an invalid flow, When compiled, Then a FlowCompileError lists its problems", () => {
    const flow = shopFlow();
    flow.consumers[0]!.topics = ["shop.nothing.here.v1"];
    expect(() => compileFlow(flow)).toThrow(FlowCompileError);
    expect(() => compileFlow(flow)).toThrow(/consumers\[0\]\.topics\[0\]: event "shop.nothing.here.v1" is not defined/);
  });

  describe("snippets", () => {
    const withSnippets = () => {
      const flow = shopFlow();
      flow.aggregates[0]!.commands[0]!.snippet = "return command.amount > 100 ? { reject: 'Too much' } : [{ type: 'shop.order.placed.v1', data: { amount: command.amount * 2 } }];";
      flow.consumers[0]!.handler = [{ do: "snippet", code: "throw new PoisonMessage()" }];
      return flow;
    };
    /** A stand-in evaluator: answers what the sandbox would for these two snippets. */
    const evaluator: SnippetEvaluator = {
      evaluate: async ({ name, input }) => {
        if (name === "canceller.handler[0]") throw new SnippetError(name, "thrown", "PoisonMessage: bad", 1, "PoisonMessage");
        const amount = (input.command as { amount: number }).amount;
        return amount > 100 ? { reject: "Too much" } : [{ type: "shop.order.placed.v1", data: { amount: amount * 2 } }];
      },
    };

    it("Given snippets but no sandbox, When compiled, Then each snippet is named as a problem", () => {
      expect(() => compileFlow(withSnippets())).toThrow(/aggregates\[0\]\.commands\[0\]\.snippet: this flow uses a snippet, but no sandbox was given/);
    });

    it("Given a decide snippet, When it answers events or a rejection, Then the aggregate follows it", async () => {
      const system = compileFlow(withSnippets(), { snippets: evaluator });
      const { outcomes, state } = await play(system, "Order", [{ type: "PlaceOrder", data: { amount: 500 } }, { type: "PlaceOrder", data: { amount: 5 } }]);
      expect(outcomes).toEqual(["rejected: Too much", "shop.order.placed.v1"]);
      expect(state).toMatchObject({ status: "placed", amount: 10 });
    });

    it("Given a consumer snippet that throws a named error, When handled, Then the handler fails with that name", async () => {
      const consumer = compileFlow(withSnippets(), { snippets: evaluator }).consumers[0]!;
      await expect(consumer.handle(message("shop.stock.unavailable.v1", {}), { now: 0 })).rejects.toMatchObject({ name: "PoisonMessage" });
    });
  });
});
