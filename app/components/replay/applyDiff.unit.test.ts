// applyWorldDiff moves the grouped world the panels show by one event's diff, forwards or (reversed)
// backwards: every record kind lands in its part as the server groups it, lists stay in the server's
// order, parts the world does not hold are left out, and nothing of the world it started from changes.
import { describe, expect, it } from "vitest";
import { applyWorldDiff, reverseDiff } from "./applyDiff";
import type { World, WorldDiff, WorldRecord } from "./types";

type Of<K extends WorldRecord["kind"]> = Extract<WorldRecord, { kind: K }>;

const account = (id: string, balance: number, version: number): Of<"aggregate"> => ({
  kind: "aggregate", aggregate: "Account", streamId: `account-${id}`, aggregateId: id, version, state: { balance }, error: null,
});
const row = (key: string, balance: number): Of<"row"> => ({ kind: "row", projection: "balances", key, row: { balance } });
const stall: Of<"projection-stall"> = { kind: "projection-stall", projection: "balances", position: 9, eventType: "x.v1", message: "boom" };
const saga = (instanceId: string, status: Of<"saga">["status"]): Of<"saga"> => ({
  kind: "saga", sagaName: "Fulfilment", instanceId, correlationId: instanceId, status, step: 1, completed: [0], compensating: null, data: {}, history: [],
});
const send = (seq: number) => ({ seq, at: seq, via: "append", from: "account", to: null, summary: `send ${seq}` });
const outbox = (messageId: string, ...seqs: number[]): Of<"outbox"> => ({ kind: "outbox", messageId, pending: seqs.map(send) });
const retry = (messageId: string, dueAt: number): Of<"retry"> => ({
  kind: "retry", node: "billing", messageId, attempt: 1, delayMs: 100, dueAt, retryTopic: null, at: 0, summary: "failed",
});
const letter = (id: number, status: Of<"dead-letter">["status"]): Of<"dead-letter"> => ({
  kind: "dead-letter", id, messageId: `m${id}`, node: "billing", topic: null, reason: "poison", status, at: id, resolvedAt: null, summary: "dead",
});

const diffOf = (parts: Partial<WorldDiff>): WorldDiff => ({ added: {}, updated: {}, removed: {}, ...parts });

const before = (): World => ({
  aggregates: { "account-a": account("a", 10, 1), "account-b": account("b", 5, 1) },
  readModels: { balances: { rows: { a: { balance: 10 }, b: { balance: 5 } }, stalled: null } },
  sagas: { Fulfilment: { o1: saga("o1", "running") } },
  queues: { outbox: [{ messageId: "m1", ...send(3) }], retries: [retry("r2", 50)], deadLetters: [letter(2, "dead")] },
});

/** One event's worth of change touching every kind of record. */
const everything = diffOf({
  added: { c: account("c", 1, 1), rc: row("c", 1), stall, o2: saga("o2", "running"), m0: outbox("m0", 1, 7), r1: retry("r1", 20), d1: letter(1, "dead") },
  updated: { a: [account("a", 10, 1), account("a", 4, 2)], ra: [row("a", 10), row("a", 4)], o1: [saga("o1", "running"), saga("o1", "completed")], d2: [letter(2, "dead"), letter(2, "redriven")] },
  removed: { b: account("b", 5, 1), rb: row("b", 5), m1: outbox("m1", 3), r2: retry("r2", 50) },
});

describe("applyWorldDiff", () => {
  it("given a diff touching every kind of record, when applied, then each lands in its part and the queues come out in the server's order", () => {
    const after = applyWorldDiff(before(), everything);
    expect(after.aggregates).toEqual({ "account-a": account("a", 4, 2), "account-c": account("c", 1, 1) });
    expect(after.readModels).toEqual({ balances: { rows: { a: { balance: 4 }, c: { balance: 1 } }, stalled: stall } });
    expect(after.sagas).toEqual({ Fulfilment: { o1: saga("o1", "completed"), o2: saga("o2", "running") } });
    expect(after.queues).toEqual({
      outbox: [{ messageId: "m0", ...send(1) }, { messageId: "m0", ...send(7) }],
      retries: [retry("r1", 20)],
      deadLetters: [letter(1, "dead"), letter(2, "redriven")],
    });
  });

  it("given the diff applied, when its reverse is applied, then the world is the one it started from, which was never changed", () => {
    const start = before();
    const snapshot = structuredClone(start);
    const back = applyWorldDiff(applyWorldDiff(start, everything), reverseDiff(everything));
    expect(start).toEqual(snapshot);
    expect(back).toEqual(snapshot);
  });

  it("given a saga's last instance removed, when applied, then the saga disappears from the part", () => {
    const after = applyWorldDiff(before(), diffOf({ removed: { o1: saga("o1", "running") } }));
    expect(after.sagas).toEqual({});
  });

  it("given a world holding only some parts, when a diff touches others, then those stay absent and untouched parts keep their identity", () => {
    const world: World = { aggregates: before().aggregates };
    const after = applyWorldDiff(world, everything);
    expect(Object.keys(after)).toEqual(["aggregates"]);
    const untouched = before();
    expect(applyWorldDiff(untouched, diffOf({ updated: { a: [account("a", 10, 1), account("a", 11, 2)] } })).readModels).toBe(untouched.readModels);
  });
});
