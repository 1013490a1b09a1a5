import { describe, expect, it } from "vitest";
import { derivedId, ids, randomFor, seededRandom } from "./random";

describe("seeded random and ids", () => {
  it("given the same seed, then the same sequence; another seed, another sequence", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
    for (const n of first) expect(n >= 0 && n < 1).toBe(true);
  });

  it("draws roughly uniformly", () => {
    const random = seededRandom(7);
    const buckets = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) buckets[random.int(4)]!++;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it("makes fresh ids from the random and derived ids from their parts only", () => {
    const generator = ids(seededRandom(1));
    const id1 = generator.next("cmd");
    expect(id1).toMatch(/^cmd_[0-9a-f]{16}$/);
    expect(generator.next("cmd")).not.toBe(id1);
    expect(ids(seededRandom(1)).next("cmd")).toBe(id1);
    expect(generator.derive("evt", "cmd_1", "0")).toBe(derivedId("evt", ["cmd_1", "0"]));
    expect(derivedId("evt", ["cmd_1", "0"])).not.toBe(derivedId("evt", ["cmd_1", "1"]));
    expect(derivedId("evt", ["a", "bc"])).not.toBe(derivedId("evt", ["ab", "c"]));
  });

  it("gives per-key draws that depend only on seed and key", () => {
    expect(randomFor(5, "call-1")).toBe(randomFor(5, "call-1"));
    expect(randomFor(5, "call-1")).not.toBe(randomFor(6, "call-1"));
    expect(randomFor(5, "call-1")).not.toBe(randomFor(5, "call-2"));
  });
});
