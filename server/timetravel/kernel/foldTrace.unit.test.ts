import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../core/definitions";
import { TRACE_KINDS } from "../../core/traceKinds";
import { foldTrace, STATEFUL_TRACE_KINDS, type TraceHop } from "./foldTrace";
import { recordId } from "./records";
import { createWorld } from "./world";

let seq = 0;
function hop(kind: string, fields: Partial<Omit<TraceHop, "seq" | "kind">> = {}): TraceHop {
  seq++;
  return { seq, at: seq * 10, kind, fromNode: null, toNode: null, messageId: null, position: null, summary: `${kind} ${seq}`, detail: null, ...fields };
}

describe("folding trace hops into the queues and sagas", () => {
  it("Given a message enqueued twice, When the relay publishes once, Then one row is still pending, the later one", () => {
    const world = createWorld();
    foldTrace(world, hop("append", { messageId: "m1", fromNode: "Account", toNode: "bank.account.deposited.v1", position: 1 }));
    const second = hop("retry-scheduled", { messageId: "m1", fromNode: "auditor", toNode: "_retry.x", detail: { attempt: 1, delayMs: 100 } });
    foldTrace(world, second);
    foldTrace(world, hop("outbox-publish", { messageId: "m1" }));
    expect(world.get(recordId.outbox("m1"))).toMatchObject({ pending: [{ seq: second.seq, via: "retry-scheduled" }] });
    foldTrace(world, hop("outbox-publish", { messageId: "m1" }));
    expect(world.get(recordId.outbox("m1"))).toBeUndefined();
  });

  it("Given a retry scheduled, When the message is redelivered to that node (a first delivery or another node does not count), Then the retry is no longer in flight", () => {
    const world = createWorld();
    const scheduled = hop("retry-scheduled", { messageId: "m2", fromNode: "auditor", toNode: "_retry.t", detail: { attempt: 2, delayMs: 250 } });
    foldTrace(world, scheduled);
    expect(world.get(recordId.retry("auditor", "m2"))).toEqual({
      kind: "retry",
      node: "auditor",
      messageId: "m2",
      attempt: 2,
      delayMs: 250,
      dueAt: scheduled.at + 250,
      retryTopic: "_retry.t",
      at: scheduled.at,
      summary: scheduled.summary,
    });
    foldTrace(world, hop("delivery", { messageId: "m2", toNode: "mailer", detail: { attempt: 3 } }));
    foldTrace(world, hop("delivery", { messageId: "m2", toNode: "auditor" }));
    expect(world.get(recordId.retry("auditor", "m2"))).toBeDefined();
    foldTrace(world, hop("delivery", { messageId: "m2", toNode: "auditor", detail: { attempt: 3 } }));
    expect(world.get(recordId.retry("auditor", "m2"))).toBeUndefined();
  });

  it("Given a dead letter, When it is redriven, Then its status changes and the redrive waits in the outbox", () => {
    const world = createWorld();
    foldTrace(world, hop("dead-lettered", { messageId: "m3", fromNode: "auditor", toNode: "_dlq.t", detail: { deadLetterId: 4, reason: "non-retryable" } }));
    expect(world.get(recordId.deadLetter(4))).toMatchObject({ status: "dead", node: "auditor", topic: "_dlq.t", reason: "non-retryable", resolvedAt: null });
    const redrive = hop("redriven", { messageId: "m3", fromNode: "_dlq.t", toNode: "auditor", detail: { deadLetterId: 4 } });
    foldTrace(world, redrive);
    expect(world.get(recordId.deadLetter(4))).toMatchObject({ status: "redriven", resolvedAt: redrive.at });
    expect(world.get(recordId.outbox("m3"))).toMatchObject({ pending: [{ via: "dead-lettered" }, { via: "redriven" }] });
  });

  it("Given a saga transition's notes, When folded, Then the instance is the one the last note carries", () => {
    const world = createWorld();
    const instance: JsonObject = { sagaName: "Fulfilment", instanceId: "o1", correlationId: "c1", status: "running", step: 0, completed: [], compensating: null, data: { orderId: "o1" }, history: [] };
    foldTrace(world, hop("saga-started", { detail: { instanceId: "o1", step: null, sent: [] } }));
    foldTrace(world, hop("saga-step-started", { detail: { instanceId: "o1", step: 0, sent: ["call1"], instance } }));
    expect(world.get(recordId.saga("Fulfilment", "o1"))).toEqual({ kind: "saga", ...instance });
  });

  it("Given a command rejected back to a saga, When folded, Then its rejection message waits in the outbox", () => {
    const world = createWorld();
    foldTrace(world, hop("command-rejected", { messageId: "cmd1", toNode: "Order", detail: { command: {}, replyMessageId: "rej1" } }));
    foldTrace(world, hop("command-rejected", { messageId: "cmd2", toNode: "Order", detail: { command: {} } }));
    expect([...world.records.keys()]).toEqual([recordId.outbox("rej1")]);
  });

  it("Given every trace kind outside the stateful ones, When folded, Then nothing changes", () => {
    const world = createWorld();
    for (const kind of TRACE_KINDS.filter((k) => !STATEFUL_TRACE_KINDS.includes(k))) {
      foldTrace(world, hop(kind, { messageId: "m9", fromNode: "n", toNode: "n", position: 1, detail: { deadLetterId: 1, instanceId: "x" } }));
    }
    foldTrace(world, hop("some-future-kind", { messageId: "m9" }));
    expect(world.records.size).toBe(0);
  });
});
