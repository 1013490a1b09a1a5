import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MessageMetadata } from "../core/definitions";
import { EventIdConflictError, WrongExpectedVersionError } from "./errors";
import { createRunStore, type RunStore } from "./runStore";
import { createTempDatabase, type TempDatabase } from "./testing/tempDatabase";
import type { EventToAppend } from "./types";

const meta = (id: string): MessageMetadata => ({ messageId: id, correlationId: "c1", causationId: "c1" });
const deposited = (id: string, amount: number): EventToAppend => ({
  eventId: id,
  type: "bank.account.deposited.v1",
  data: { amount },
  metadata: meta(id),
});

describe("event store", () => {
  let temp: TempDatabase;
  let store: RunStore;
  beforeEach(() => {
    temp = createTempDatabase();
    store = createRunStore(temp.db, "run-1");
  });
  afterEach(() => temp.cleanup());

  describe("appendToStream with expectedVersion", () => {
    it("given no stream, when appending with no-stream, then versions start at 1 and positions are global", () => {
      const result = store.events.appendToStream("account-1", [deposited("e1", 10), deposited("e2", 5)], { expectedVersion: "no-stream", now: 100 });
      expect(result.nextExpectedVersion).toBe(2);
      expect(result.duplicate).toBe(false);
      expect(result.events.map((e) => [e.streamVersion, e.position, e.recordedAt])).toEqual([[1, 1, 100], [2, 2, 100]]);
      expect(store.events.streamVersion("account-1")).toBe(2);
    });

    it("given an existing stream, when appending with no-stream, then a typed conflict carries expected and actual", () => {
      store.events.appendToStream("account-1", [deposited("e1", 10)], { now: 1 });
      const attempt = () => store.events.appendToStream("account-1", [deposited("e2", 1)], { expectedVersion: "no-stream", now: 2 });
      expect(attempt).toThrow(WrongExpectedVersionError);
      try {
        attempt();
      } catch (error) {
        expect(error).toMatchObject({ streamId: "account-1", expected: "no-stream", actual: 1 });
        expect((error as Error).message).toBe("Stream account-1 is at version 1, but the append expected no stream.");
      }
    });

    it("given no stream, when appending with stream-exists, then it conflicts with actual 0", () => {
      expect(() => store.events.appendToStream("account-9", [deposited("e1", 1)], { expectedVersion: "stream-exists", now: 1 })).toThrow(
        expect.objectContaining({ expected: "stream-exists", actual: 0 }),
      );
    });

    it("given a stream at version 2, when appending with exact versions, then only 2 succeeds", () => {
      store.events.appendToStream("account-1", [deposited("e1", 1), deposited("e2", 2)], { now: 1 });
      expect(() => store.events.appendToStream("account-1", [deposited("e3", 3)], { expectedVersion: 1, now: 2 })).toThrow(
        expect.objectContaining({ expected: 1, actual: 2 }),
      );
      expect(store.events.appendToStream("account-1", [deposited("e3", 3)], { expectedVersion: 2, now: 2 }).nextExpectedVersion).toBe(3);
      expect(store.events.appendToStream("account-1", [deposited("e4", 4)], { expectedVersion: "stream-exists", now: 3 }).nextExpectedVersion).toBe(4);
      expect(store.events.appendToStream("account-1", [deposited("e5", 5)], { expectedVersion: "any", now: 4 }).nextExpectedVersion).toBe(5);
    });

    it("given a failed append, when it conflicts, then nothing of it was stored", () => {
      store.events.appendToStream("account-1", [deposited("e1", 1)], { now: 1 });
      expect(() => store.events.appendToStream("account-1", [deposited("e2", 2), deposited("e3", 3)], { expectedVersion: 0, now: 2 })).toThrow();
      expect(store.events.readAll().map((e) => e.eventId)).toEqual(["e1"]);
    });
  });

  describe("idempotency by event id", () => {
    it("given a committed append, when the same append is retried with its original expectedVersion, then nothing is duplicated", () => {
      const first = store.events.appendToStream("account-1", [deposited("e1", 1), deposited("e2", 2)], { expectedVersion: "no-stream", now: 1 });
      const retry = store.events.appendToStream("account-1", [deposited("e1", 1), deposited("e2", 2)], { expectedVersion: "no-stream", now: 9 });
      expect(retry.duplicate).toBe(true);
      expect(retry.events.map((e) => [e.position, e.recordedAt])).toEqual(first.events.map((e) => [e.position, e.recordedAt]));
      expect(store.events.readAll()).toHaveLength(2);
    });

    it("given a committed append, when it is retried with expectedVersion any after other appends, then it is still absorbed", () => {
      store.events.appendToStream("account-1", [deposited("e1", 1)], { now: 1 });
      store.events.appendToStream("account-1", [deposited("e2", 2)], { now: 2 });
      const retry = store.events.appendToStream("account-1", [deposited("e1", 1)], { now: 3 });
      expect(retry).toMatchObject({ duplicate: true, nextExpectedVersion: 1 });
      expect(store.events.readAll()).toHaveLength(2);
    });

    it("given an event id used in another stream, when it is appended here, then a typed id conflict is raised", () => {
      store.events.appendToStream("account-1", [deposited("e1", 1)], { now: 1 });
      expect(() => store.events.appendToStream("account-2", [deposited("e1", 1)], { now: 2 })).toThrow(EventIdConflictError);
    });

    it("given two runs in one file, when they use the same event ids, then each run is its own log", () => {
      const other = createRunStore(temp.db, "run-2");
      store.events.appendToStream("account-1", [deposited("e1", 1)], { now: 1 });
      other.events.appendToStream("account-1", [deposited("e1", 1)], { now: 1 });
      expect(store.events.readAll()).toHaveLength(1);
      expect(other.events.readAll()).toHaveLength(1);
      expect(other.events.readAll()[0]!.position).toBe(2);
    });
  });

  describe("reading", () => {
    beforeEach(() => {
      store.events.appendToStream("account-1", [1, 2, 3, 4, 5].map((n) => deposited(`a${n}`, n)), { now: 1 });
      store.events.appendToStream("account-2", [deposited("b1", 100)], { now: 2 });
      store.events.appendToStream("account-1", [deposited("a6", 6)], { now: 3 });
    });

    it("reads a stream forwards within from..to", () => {
      expect(store.events.readStream("account-1").map((e) => e.data.amount)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(store.events.readStream("account-1", { from: 2, to: 4 }).map((e) => e.streamVersion)).toEqual([2, 3, 4]);
      expect(store.events.readStream("account-1", { from: 5, limit: 1 }).map((e) => e.eventId)).toEqual(["a5"]);
    });

    it("reads a stream backwards", () => {
      expect(store.events.readStream("account-1", { direction: "backwards" }).map((e) => e.streamVersion)).toEqual([6, 5, 4, 3, 2, 1]);
      expect(store.events.readStream("account-1", { direction: "backwards", from: 4, to: 3 }).map((e) => e.streamVersion)).toEqual([4, 3]);
      expect(store.events.readStream("account-1", { direction: "backwards", limit: 2 }).map((e) => e.streamVersion)).toEqual([6, 5]);
    });

    it("reads all after a global position in commit order, with metadata", () => {
      const all = store.events.readAll({ after: 4, limit: 10 });
      expect(all.map((e) => [e.position, e.eventId])).toEqual([[5, "a5"], [6, "b1"], [7, "a6"]]);
      expect(all[1]!.metadata).toEqual(meta("b1"));
      expect(store.events.headPosition()).toBe(7);
      expect(store.events.lastRecordedAt()).toBe(3);
    });

    it("folds a stream after a version without reading metadata", () => {
      const sum = store.events.foldStream("account-1", 2, 0, (total, _type, data) => total + (data.amount as number));
      expect(sum).toEqual({ state: 3 + 4 + 5 + 6, version: 6 });
      expect(store.events.foldStream("account-404", 0, "none", (s) => s)).toEqual({ state: "none", version: 0 });
    });
  });

  describe("subscription", () => {
    it("given a subscriber, when events are appended, then it catches up and then wakes on each commit", async () => {
      store.events.appendToStream("account-1", [deposited("e1", 1)], { now: 1 });
      const seen: string[] = [];
      const subscription = store.events.subscribe(0, (events) => seen.push(...events.map((e) => e.eventId)));
      await Promise.resolve();
      expect(seen).toEqual(["e1"]);
      store.events.appendToStream("account-1", [deposited("e2", 2)], { now: 2 });
      store.events.appendToStream("account-2", [deposited("e3", 3)], { now: 3 });
      await Promise.resolve();
      expect(seen).toEqual(["e1", "e2", "e3"]);
      subscription.close();
      store.events.appendToStream("account-1", [deposited("e4", 4)], { now: 4 });
      await Promise.resolve();
      expect(seen).toEqual(["e1", "e2", "e3"]);
    });

    it("given an append inside a transaction that rolls back, then subscribers never hear of it", async () => {
      const seen: string[] = [];
      store.events.subscribe(0, (events) => seen.push(...events.map((e) => e.eventId)));
      expect(() =>
        store.transaction(() => {
          store.events.appendToStream("account-1", [deposited("e1", 1)], { now: 1 });
          throw new Error("boom");
        }),
      ).toThrow("boom");
      await Promise.resolve();
      expect(seen).toEqual([]);
      expect(store.events.headPosition()).toBe(0);
    });
  });

  describe("no gap that is filled later", () => {
    it("given a writer holding an open transaction, when another connection reads, then it sees none of the uncommitted positions", () => {
      const reader = createRunStore(temp.reopen(), "run-1");
      store.events.appendToStream("account-1", [deposited("e1", 1)], { now: 1 });
      store.transaction(() => {
        store.events.appendToStream("account-1", [deposited("e2", 2), deposited("e3", 3)], { now: 2 });
        expect(reader.events.readAll().map((e) => e.position)).toEqual([1]);
      });
      expect(reader.events.readAll().map((e) => e.position)).toEqual([1, 2, 3]);
    });

    it("given a concurrent writer process, when a reader polls readAll, then positions it sees are never preceded later by new smaller ones", async () => {
      const reader = createRunStore(temp.reopen(), "run-1");
      const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "testing", "appendWriter.ts"), temp.file, "run-1", "300"], {
        stdio: ["ignore", "ignore", "inherit"],
      });
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      let done = false;
      void exited.then(() => (done = true));
      const seen: number[] = [];
      let max = 0;
      while (!done || reader.events.headPosition() > max) {
        for (const event of reader.events.readAll({ after: 0, limit: 100_000 })) {
          if (event.position <= max && !seen.includes(event.position)) throw new Error(`position ${event.position} appeared after ${max}`);
          if (event.position > max) {
            seen.push(event.position);
            max = event.position;
          }
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(await exited).toBe(0);
      expect(seen).toHaveLength(600);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    });
  });
});
