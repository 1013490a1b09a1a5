// Trace log: appendMany stores entries in order, the same as one append each.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRunStore, type RunStore } from "./runStore";
import { createTempDatabase, type TempDatabase } from "./testing/tempDatabase";
import type { TraceInput } from "./types";

describe("store: trace log", () => {
  let temp: TempDatabase;
  let store: RunStore;
  beforeEach(() => {
    temp = createTempDatabase();
    store = createRunStore(temp.db, "run-1");
  });
  afterEach(() => temp.cleanup());

  const entry = (n: number): TraceInput => ({
    at: n,
    kind: "projection-updated",
    fromNode: `from-${n}`,
    toNode: "balances",
    messageId: `m${n}`,
    correlationId: `c${n % 3}`,
    causationId: null,
    position: n,
    summary: `entry ${n}`,
    detail: n % 2 === 0 ? { n } : null,
  });

  it("given 123 entries (more than one multi-row chunk plus a remainder), when appended at once, then they read back in order as one append each would store them", () => {
    const entries = Array.from({ length: 123 }, (_, i) => entry(i + 1));
    store.trace.appendMany(entries);
    const read = store.trace.read(0, 1000);
    expect(read.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(read.map(({ seq: _seq, ...rest }) => rest)).toEqual(entries.map((e) => ({ ...e, detail: e.detail ?? null })));
  });

  it("given a transaction that fails after appendMany, then none of the entries is stored", () => {
    expect(() =>
      store.transaction(() => {
        store.trace.appendMany([entry(1), entry(2)]);
        throw new Error("crash before commit");
      }),
    ).toThrow();
    expect(store.trace.read(0)).toEqual([]);
  });

  it("given subscribers, when entries are appended at once, then they are told once committed", async () => {
    const seen: number[] = [];
    const subscription = store.trace.subscribe(0, (entries) => seen.push(...entries.map((e) => e.seq)));
    store.trace.appendMany([entry(1), entry(2), entry(3)]);
    await expect.poll(() => seen).toEqual([1, 2, 3]);
    subscription.close();
  });
});
