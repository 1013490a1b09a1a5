import { describe, expect, it } from "vitest";
import type { WorldRecord } from "./records";
import { viewOf } from "./view";

describe("the world grouped for the replay view", () => {
  it("Given records of every kind in any order, When grouped, Then sections come out sorted and every projection is listed", () => {
    const records: WorldRecord[] = [
      { kind: "row", projection: "balances", key: "b", row: { n: 2 } },
      { kind: "aggregate", aggregate: "Account", streamId: "account-2", aggregateId: "2", version: 1, state: {}, error: null },
      { kind: "row", projection: "balances", key: "a", row: { n: 1 } },
      { kind: "aggregate", aggregate: "Account", streamId: "account-1", aggregateId: "1", version: 3, state: {}, error: null },
      { kind: "outbox", messageId: "m2", pending: [{ seq: 9, at: 1, via: "append", from: null, to: null, summary: "" }] },
      { kind: "outbox", messageId: "m1", pending: [{ seq: 4, at: 1, via: "command-sent", from: null, to: null, summary: "" }] },
      { kind: "dead-letter", id: 2, messageId: "x", node: "n", topic: null, reason: "", status: "dead", at: 1, resolvedAt: null, summary: "" },
      { kind: "dead-letter", id: 1, messageId: "y", node: "n", topic: null, reason: "", status: "discarded", at: 1, resolvedAt: 2, summary: "" },
    ];
    const view = viewOf(records, ["balances", "empty"]);
    expect(Object.keys(view.aggregates)).toEqual(["account-1", "account-2"]);
    expect(view.readModels).toEqual({ balances: { rows: { a: { n: 1 }, b: { n: 2 } }, stalled: null }, empty: { rows: {}, stalled: null } });
    expect(Object.keys(view.readModels.balances!.rows)).toEqual(["a", "b"]);
    expect(view.queues.outbox.map((send) => send.messageId)).toEqual(["m1", "m2"]);
    expect(view.queues.deadLetters.map((letter) => letter.id)).toEqual([1, 2]);
  });

  it("Given a saga and a projection named __proto__, When grouped, Then they are ordinary keys", () => {
    const view = viewOf(
      [
        { kind: "saga", sagaName: "__proto__", instanceId: "i", correlationId: "c", status: "running", step: 0, completed: [], compensating: null, data: {}, history: [] },
        { kind: "row", projection: "__proto__", key: "k", row: {} },
      ],
      [],
    );
    expect(Object.keys(view.sagas)).toEqual(["__proto__"]);
    expect(Object.hasOwn(view.readModels, "__proto__")).toBe(true);
    expect(JSON.parse(JSON.stringify(view)).sagas.__proto__.i.status).toBe("running");
  });
});
