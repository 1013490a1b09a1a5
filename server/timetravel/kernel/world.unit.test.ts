import { describe, expect, it } from "vitest";
import { recordId, type RowRecord } from "./records";
import { createWorld, recordsById } from "./world";

const row = (key: string, value: number): RowRecord => ({ kind: "row", projection: "p", key, row: { value } });

describe("the world being folded", () => {
  it("Given a step that adds, updates and removes records, When its diff is taken, Then it names each change with its before and after", () => {
    const world = createWorld(recordsById([row("a", 1), row("b", 2)]));
    world.set(recordId.row("p", "a"), row("a", 10));
    world.delete(recordId.row("p", "b"));
    world.set(recordId.row("p", "c"), row("c", 3));
    expect(world.takeDiff()).toEqual({
      added: { [recordId.row("p", "c")]: row("c", 3) },
      updated: { [recordId.row("p", "a")]: [row("a", 1), row("a", 10)] },
      removed: { [recordId.row("p", "b")]: row("b", 2) },
    });
    expect(world.takeDiff()).toEqual({ added: {}, updated: {}, removed: {} });
  });

  it("Given a record created and deleted in one step, or set to an equal value, When the diff is taken, Then it is empty", () => {
    const world = createWorld(recordsById([row("a", 1)]));
    world.set(recordId.row("p", "x"), row("x", 1));
    world.delete(recordId.row("p", "x"));
    world.set(recordId.row("p", "a"), row("a", 1));
    expect(world.takeDiff()).toEqual({ added: {}, updated: {}, removed: {} });
  });

  it("Given changes by set, delete and an applied diff, When asked what changed, Then every touched id is listed until cleared", () => {
    const world = createWorld(recordsById([row("a", 1), row("b", 2)]));
    world.set(recordId.row("p", "a"), row("a", 5));
    world.delete(recordId.row("p", "b"));
    world.apply({ added: { [recordId.row("p", "c")]: row("c", 3) }, updated: {}, removed: {} });
    expect([...world.changed].sort()).toEqual([recordId.row("p", "a"), recordId.row("p", "b"), recordId.row("p", "c")]);
    world.clearChanged();
    expect(world.changed.size).toBe(0);
  });
});
