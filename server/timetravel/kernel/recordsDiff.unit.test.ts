import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyDiff, diffRecords, isEmptyDiff, jsonEqual, reverseDiff, squashDiffs, type RecordsDiff } from "./recordsDiff";

type Rec = { v: number; tag?: string };
const ids = fc.constantFrom("a", "b", "c", "d", "e");
const records = fc.dictionary(ids, fc.record({ v: fc.integer({ min: 0, max: 3 }) }), { maxKeys: 5 }).map((o) => new Map(Object.entries(o)) as Map<string, Rec>);

const snapshot = (map: Map<string, Rec>) => Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)));

describe("reversible record diffs", () => {
  it("Given two states, When the diff between them is applied and then reversed, Then each state comes back", () => {
    fc.assert(
      fc.property(records, records, (before, after) => {
        const diff = diffRecords(before, after);
        const world = new Map(before);
        applyDiff(world, diff);
        expect(snapshot(world)).toEqual(snapshot(after));
        applyDiff(world, reverseDiff(diff));
        expect(snapshot(world)).toEqual(snapshot(before));
      }),
    );
  });

  it("Given a sequence of states, When their step diffs are squashed, Then the squash equals the direct diff's effect", () => {
    fc.assert(
      fc.property(fc.array(records, { minLength: 1, maxLength: 6 }), (states) => {
        const steps: RecordsDiff<Rec>[] = [];
        for (let i = 1; i < states.length; i++) steps.push(diffRecords(states[i - 1]!, states[i]!));
        const world = new Map(states[0]!);
        applyDiff(world, squashDiffs(steps));
        expect(snapshot(world)).toEqual(snapshot(states.at(-1)!));
        const back = new Map(world);
        applyDiff(back, reverseDiff(squashDiffs(steps)));
        expect(snapshot(back)).toEqual(snapshot(states[0]!));
      }),
    );
  });

  it("Given a record added and removed again, When squashed, Then nothing is left", () => {
    const add: RecordsDiff<Rec> = { added: { a: { v: 1 } }, updated: {}, removed: {} };
    const remove: RecordsDiff<Rec> = { added: {}, updated: {}, removed: { a: { v: 1 } } };
    expect(isEmptyDiff(squashDiffs([add, remove]))).toBe(true);
  });

  it("Given JSON values, When compared, Then key order does not matter but every value does", () => {
    expect(jsonEqual({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(jsonEqual({ a: "1" }, { a: 1 })).toBe(false);
  });
});
