import { describe, expect, it } from "vitest";
import type { DeliveredMessage, JsonObject, ReplyTo } from "./definitions";
import { COMMAND_REJECTED, sagaInstanceIdOf, transition, type SagaInstance, type SagaTransition } from "./sagaMachine";
import { fulfilmentSaga, ORDER_CONFIRMED, ORDER_SUBMITTED } from "./testing/order";

const message = (type: string, data: JsonObject, replyTo?: ReplyTo): DeliveredMessage => ({
  messageId: `m-${type}`,
  topic: type,
  key: "o1",
  type,
  data,
  metadata: { messageId: `m-${type}`, correlationId: "c1", causationId: "x", ...(replyTo ? { replyTo } : {}) },
  attempt: 1,
});
const forward = (step: number): ReplyTo => ({ saga: "Fulfilment", instanceId: "o1", step, phase: "forward" });
const compensate = (step: number): ReplyTo => ({ saga: "Fulfilment", instanceId: "o1", step, phase: "compensate" });

function run(...messages: DeliveredMessage[]): { instance: SagaInstance; steps: SagaTransition[] } {
  let instance: SagaInstance | undefined;
  const steps: SagaTransition[] = [];
  messages.forEach((m, i) => {
    const next = transition(fulfilmentSaga, instance, m, i * 10);
    steps.push(next);
    instance = next.instance;
  });
  return { instance: instance!, steps };
}

const submitted = message(ORDER_SUBMITTED, { orderId: "o1", total: 30 });
const outgoing = (t: SagaTransition) => t.outgoing.map((o) => [o.action.kind === "call" ? `${o.action.service}.${o.action.operation}` : o.action.command.type, o.replyTo.step, o.replyTo.phase]);

describe("orchestrated saga machine", () => {
  it("given the trigger, then an instance starts and the first step's action is sent with its replyTo", () => {
    const { instance, steps } = run(submitted);
    expect(instance).toMatchObject({ instanceId: "o1", correlationId: "c1", status: "running", step: 0, completed: [], data: { orderId: "o1", total: 30 } });
    expect(outgoing(steps[0]!)).toEqual([["Payment.charge", 0, "forward"]]);
    expect(steps[0]!.outgoing[0]!.action).toMatchObject({ key: "o1", data: { orderId: "o1", amount: 30 } });
    expect(steps[0]!.notes.map((n) => n.kind)).toEqual(["saga-started", "saga-step-started"]);
  });

  it("given every step succeeds, then steps run in order and the saga completes", () => {
    const { instance, steps } = run(
      submitted,
      message("payment.charged.v1", { paymentId: "p1" }, forward(0)),
      message("inventory.reserved.v1", {}, forward(1)),
      message("shipping.shipped.v1", {}, forward(2)),
      message(ORDER_CONFIRMED, {}, forward(3)),
    );
    expect(steps.slice(1, 4).map(outgoing)).toEqual([[["Inventory.reserve", 1, "forward"]], [["Shipping.ship", 2, "forward"]], [["Confirm", 3, "forward"]]]);
    expect(instance).toMatchObject({ status: "completed", completed: [0, 1, 2, 3], data: { paymentId: "p1" } });
    expect(steps[4]!.notes.map((n) => n.kind)).toEqual(["saga-step-succeeded", "saga-completed"]);
  });

  it("given shipping fails, then the completed steps are compensated in reverse order and the saga ends compensated", () => {
    const { instance, steps } = run(
      submitted,
      message("payment.charged.v1", {}, forward(0)),
      message("inventory.reserved.v1", {}, forward(1)),
      message("shipping.failed.v1", {}, forward(2)),
      message("inventory.released.v1", {}, compensate(1)),
      message("payment.refunded.v1", {}, compensate(0)),
    );
    expect(outgoing(steps[3]!)).toEqual([["Inventory.release", 1, "compensate"]]);
    expect(steps[3]!.notes.map((n) => n.kind)).toEqual(["saga-step-failed", "compensation-started"]);
    expect(outgoing(steps[4]!)).toEqual([["Payment.refund", 0, "compensate"]]);
    expect(steps[5]!.notes.map((n) => n.kind)).toEqual(["compensation-done", "saga-compensated"]);
    expect(instance.status).toBe("compensated");
  });

  it("given a command step is rejected, then it counts as a failure", () => {
    const { steps } = run(
      submitted,
      message("payment.charged.v1", {}, forward(0)),
      message("inventory.reserved.v1", {}, forward(1)),
      message("shipping.shipped.v1", {}, forward(2)),
      message(COMMAND_REJECTED, { message: "Only a submitted order can be confirmed." }, forward(3)),
    );
    expect(outgoing(steps[4]!)).toEqual([["Inventory.release", 1, "compensate"]]);
  });

  it("given the first step fails, then nothing needs compensating", () => {
    const { instance, steps } = run(submitted, message("payment.declined.v1", {}, forward(0)));
    expect(instance.status).toBe("compensated");
    expect(steps[1]!.outgoing).toEqual([]);
  });

  it("given a compensation fails, then the instance needs attention and an alert is raised", () => {
    const { instance, steps } = run(
      submitted,
      message("payment.charged.v1", {}, forward(0)),
      message("inventory.unavailable.v1", {}, forward(1)),
      message("payment.refund-failed.v1", {}, compensate(0)),
    );
    expect(instance.status).toBe("needs-attention");
    expect(steps[3]!.alerts).toEqual(['Saga Fulfilment o1 needs attention: the compensation of "charge payment" failed (payment.refund-failed.v1).']);
    expect(steps[3]!.notes.map((n) => n.kind)).toEqual(["compensation-failed"]);
  });

  it("ignores duplicates, stale replies, other sagas' replies and a second trigger", () => {
    const { instance } = run(submitted, message("payment.charged.v1", {}, forward(0)));
    expect(transition(fulfilmentSaga, instance, message("payment.charged.v1", {}, forward(0)), 99).changed).toBe(false);
    expect(transition(fulfilmentSaga, instance, submitted, 99).changed).toBe(false);
    expect(transition(fulfilmentSaga, instance, message("inventory.reserved.v1", {}, { ...forward(1), saga: "Other" }), 99).changed).toBe(false);
    expect(transition(fulfilmentSaga, undefined, message("payment.charged.v1", {}, forward(0)), 99).instance).toBeUndefined();
  });

  it("finds the instance id of a message from its replyTo or the trigger", () => {
    expect(sagaInstanceIdOf(fulfilmentSaga, submitted)).toBe("o1");
    expect(sagaInstanceIdOf(fulfilmentSaga, message("x.v1", {}, forward(0)))).toBe("o1");
    expect(sagaInstanceIdOf(fulfilmentSaga, message("x.v1", {}, { ...forward(0), saga: "Other" }))).toBeUndefined();
    expect(sagaInstanceIdOf(fulfilmentSaga, message("x.v1", {}))).toBeUndefined();
  });
});
