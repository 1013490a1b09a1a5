import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HEADER } from "../core/messageHeaders";
import { DeadLetterNotFoundError, SagaVersionConflictError } from "./errors";
import { createRunStore, type RunStore } from "./runStore";
import { createTempDatabase, type TempDatabase } from "./testing/tempDatabase";
import type { DeadLetterInput } from "./types";

describe("store: outbox, bus, checkpoints, idempotency, dead letters, sagas", () => {
  let temp: TempDatabase;
  let store: RunStore;
  beforeEach(() => {
    temp = createTempDatabase();
    store = createRunStore(temp.db, "run-1");
  });
  afterEach(() => temp.cleanup());

  const message = (id: string) => ({ messageId: id, topic: "bank.account.opened.v1", key: "a1", headers: { [HEADER.type]: "x" }, payload: `{"n":"${id}"}` });

  describe("outbox", () => {
    it("given events and outbox rows in one transaction that fails, then neither is stored", () => {
      expect(() =>
        store.transaction(() => {
          store.events.appendToStream("s", [{ eventId: "e1", type: "t.v1", data: {}, metadata: { messageId: "e1", correlationId: "e1", causationId: "e1" } }], { now: 1 });
          store.outbox.enqueue([message("e1")], 1);
          throw new Error("crash before commit");
        }),
      ).toThrow();
      expect(store.events.headPosition()).toBe(0);
      expect(store.outbox.pendingCount()).toBe(0);
    });

    it("given pending rows, when a relay claims a batch, then it gets them in order and another relay gets the rest", () => {
      store.outbox.enqueue([message("m1"), message("m2"), message("m3")], 10);
      const first = store.outbox.claimBatch("relay-a", 2, 20);
      expect(first.map((r) => r.messageId)).toEqual(["m1", "m2"]);
      expect(first[0]).toMatchObject({ topic: "bank.account.opened.v1", key: "a1", headers: { type: "x" }, payload: '{"n":"m1"}', createdAt: 10 });
      expect(store.outbox.claimBatch("relay-b", 10, 21).map((r) => r.messageId)).toEqual(["m3"]);
    });

    it("given claimed rows not marked published, when the same owner restarts or the lease expires, then they are claimed again", () => {
      store.outbox.enqueue([message("m1")], 0);
      store.outbox.claimBatch("relay-a", 10, 0);
      expect(store.outbox.claimBatch("relay-b", 10, 1000, 30_000)).toEqual([]);
      expect(store.outbox.claimBatch("relay-a", 10, 1000).map((r) => r.messageId)).toEqual(["m1"]);
      expect(store.outbox.claimBatch("relay-b", 10, 40_000, 30_000).map((r) => r.messageId)).toEqual(["m1"]);
    });

    it("given published rows, then they are never claimed again", () => {
      store.outbox.enqueue([message("m1"), message("m2")], 0);
      const batch = store.outbox.claimBatch("relay", 10, 1);
      store.outbox.markPublished([batch[0]!.id], 2);
      expect(store.outbox.pendingCount()).toBe(1);
      expect(store.outbox.claimBatch("relay", 10, 3).map((r) => r.messageId)).toEqual(["m2"]);
    });
  });

  describe("topics (in-process bus log)", () => {
    it("given messages on two topics, when reading one topic after an offset, then it gets its own messages in order", () => {
      const offsets = store.topics.publish(
        [
          { ...message("m1"), topic: "a", dueAt: 5 },
          { ...message("m2"), topic: "b", dueAt: 6 },
          { ...message("m3"), topic: "a", dueAt: 7 },
        ],
        1,
      );
      expect(offsets).toEqual([1, 2, 3]);
      expect(store.topics.read("a", 0, 10).map((m) => [m.offset, m.messageId, m.dueAt])).toEqual([[1, "m1", 5], [3, "m3", 7]]);
      expect(store.topics.read("a", 1, 10).map((m) => m.messageId)).toEqual(["m3"]);
      expect(store.topics.headOffset()).toBe(3);
    });
  });

  describe("checkpoints and processed ids", () => {
    it("keeps one position per name, with counters", () => {
      expect(store.checkpoints.get("group:a")).toBe(0);
      store.checkpoints.set("group:a", 7, 1);
      store.checkpoints.set("group:a", 9, 2);
      expect(store.checkpoints.get("group:a")).toBe(9);
      expect(store.checkpoints.increment("calls:x", 1, 3)).toBe(1);
      expect(store.checkpoints.increment("calls:x", 2, 3)).toBe(3);
      expect(store.checkpoints.list("group:")).toEqual([{ name: "group:a", position: 9 }]);
    });

    it("records a message id once per group", () => {
      expect(store.processed.add("g1", "m1", 1)).toBe(true);
      expect(store.processed.add("g1", "m1", 2)).toBe(false);
      expect(store.processed.has("g1", "m1")).toBe(true);
      expect(store.processed.has("g2", "m1")).toBe(false);
    });
  });

  describe("dead letters", () => {
    const letter = (id: string): DeadLetterInput => ({
      messageId: id,
      originalTopic: "shop.order.placed.v1",
      group: "mailer",
      key: "o1",
      headers: { [HEADER.type]: "shop.order.placed.v1", [HEADER.retryCount]: "2", [HEADER.targetGroup]: "mailer" },
      payload: "{}",
      attempts: 3,
      errors: [
        { at: 10, name: "Error", message: "timeout", retryable: true },
        { at: 30, name: "Error", message: "timeout again", retryable: true },
      ],
      firstFailureAt: 10,
      lastFailureAt: 30,
    });

    it("keeps the provenance of a dead letter", () => {
      const id = store.deadLetters.add(letter("m1"));
      expect(store.deadLetters.get(id)).toEqual({ ...letter("m1"), id, status: "dead", resolvedAt: null });
      expect(store.deadLetters.countDead()).toBe(1);
      expect(store.deadLetters.findDead("mailer", "m1")?.id).toBe(id);
      expect(store.deadLetters.findDead("other", "m1")).toBeUndefined();
    });

    it("given a dead letter, when it is redriven, then it is republished to its original topic for its group only, once", () => {
      const id = store.deadLetters.add(letter("m1"));
      const redriven = store.deadLetters.redrive(id, 50);
      expect(redriven).toMatchObject({ status: "redriven", resolvedAt: 50 });
      const [row] = store.outbox.claimBatch("relay", 10, 51);
      expect(row).toMatchObject({ messageId: "m1", topic: "shop.order.placed.v1", key: "o1" });
      expect(row!.headers).toEqual({ [HEADER.type]: "shop.order.placed.v1", [HEADER.targetGroup]: "mailer" });
      expect(() => store.deadLetters.redrive(id, 60)).toThrow(DeadLetterNotFoundError);
    });

    it("redrives many with a limit, oldest first, and discards", () => {
      const ids = ["m1", "m2", "m3"].map((m) => store.deadLetters.add(letter(m)));
      expect(store.deadLetters.redriveMany(2, 5).map((l) => l.messageId)).toEqual(["m1", "m2"]);
      expect(store.deadLetters.discard(ids[2]!, 6)).toMatchObject({ status: "discarded", resolvedAt: 6 });
      expect(store.deadLetters.list()).toEqual([]);
      expect(store.deadLetters.list({ status: "all" }).map((l) => l.status)).toEqual(["redriven", "redriven", "discarded"]);
      expect(store.outbox.pendingCount()).toBe(2);
    });
  });

  describe("saga instances", () => {
    it("saves with an optimistic version and refuses a stale save", () => {
      const base = { sagaName: "Fulfilment", instanceId: "o1", status: "running" as const, state: { step: 0 }, correlationId: "c1" };
      expect(store.sagas.save({ ...base, version: 0 }, 1)).toBe(1);
      expect(store.sagas.save({ ...base, state: { step: 1 }, version: 1 }, 2)).toBe(2);
      expect(() => store.sagas.save({ ...base, version: 1 }, 3)).toThrow(SagaVersionConflictError);
      expect(() => store.sagas.save({ ...base, version: 0 }, 3)).toThrow(expect.objectContaining({ expected: 0, actual: 2 }));
      expect(store.sagas.load("Fulfilment", "o1")).toEqual({ ...base, state: { step: 1 }, version: 2, updatedAt: 2 });
      expect(store.sagas.list("Fulfilment")).toHaveLength(1);
    });
  });

  describe("projections", () => {
    it("upserts, patches, deletes, lists and clears rows of one projection", () => {
      store.projections.upsert("balances", "a1", { balance: 10 }, 1);
      store.projections.upsert("balances", "a2", { balance: 5 }, 1);
      expect(store.projections.patch("balances", "a1", { owner: "Ada" }, 2)).toEqual({ balance: 10, owner: "Ada" });
      store.projections.upsert("other", "a1", { x: 1 }, 1);
      store.projections.delete("balances", "a2");
      expect(store.projections.list("balances")).toEqual([{ key: "a1", data: { balance: 10, owner: "Ada" }, updatedAt: 2 }]);
      store.projections.clear("balances");
      expect(store.projections.count("balances")).toBe(0);
      expect(store.projections.get("other", "a1")).toEqual({ x: 1 });
    });
  });

  describe("trace, alerts and the causal chain", () => {
    it("stores trace entries, delivers them to subscribers after commit, and answers the causal chain of any message", async () => {
      const hop = (kind: string, messageId: string, causationId: string, at: number) =>
        store.trace.append({ at, kind, messageId, causationId, correlationId: "cmd1", summary: `${kind} ${messageId}` });
      const seen: string[] = [];
      store.trace.subscribe(0, (entries) => seen.push(...entries.map((e) => e.kind)));
      store.transaction(() => {
        hop("command-accepted", "cmd1", "cmd1", 1);
        hop("append", "ev1", "cmd1", 1);
        hop("append", "ev2", "cmd1", 1);
        hop("delivery", "ev1", "cmd1", 2);
        hop("service-call", "call1", "ev1", 3);
        hop("append", "ev3", "call1", 4);
      });
      await Promise.resolve();
      expect(seen).toEqual(["command-accepted", "append", "append", "delivery", "service-call", "append"]);

      const chain = store.causalChain("call1")!;
      expect(chain.message).toMatchObject({ messageId: "call1", causationId: "ev1", kind: "service-call", depth: 0 });
      expect(chain.ancestors.map((l) => [l.messageId, l.depth])).toEqual([["ev1", 1], ["cmd1", 2]]);
      expect(chain.descendants.map((l) => l.messageId)).toEqual(["ev3"]);
      expect(store.causalChain("cmd1")!.descendants.map((l) => [l.messageId, l.depth])).toEqual([["ev1", 1], ["ev2", 1], ["call1", 2], ["ev3", 3]]);
      expect(store.causalChain("nope")).toBeUndefined();
    });

    it("lists alerts in order", () => {
      store.alerts.add({ at: 1, severity: "critical", source: "saga Fulfilment", message: "Compensation failed." });
      expect(store.alerts.list()).toEqual([{ id: 1, at: 1, severity: "critical", source: "saga Fulfilment", message: "Compensation failed." }]);
    });
  });

  it("deletes every row of one run and only that run", () => {
    const other = createRunStore(temp.db, "run-2");
    for (const s of [store, other]) {
      s.events.appendToStream("s", [{ eventId: "e", type: "t.v1", data: {}, metadata: { messageId: "e", correlationId: "e", causationId: "e" } }], { now: 5 });
      s.trace.append({ at: 6, kind: "append", summary: "x" });
    }
    expect(store.lastKnownTime()).toBe(6);
    store.deleteRun();
    expect(store.events.headPosition()).toBe(0);
    expect(store.lastKnownTime()).toBeUndefined();
    expect(other.events.readAll()).toHaveLength(1);
  });
});
