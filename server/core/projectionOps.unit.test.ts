import { describe, expect, it } from "vitest";
import { applyRowOperation } from "./projectionOps";

describe("row operations", () => {
  it("upserts, patches, increments and deletes", () => {
    let row = applyRowOperation(undefined, { op: "upsert", key: "k", row: { a: 1 } });
    row = applyRowOperation(row, { op: "patch", key: "k", set: { b: "x" } });
    row = applyRowOperation(row, { op: "increment", key: "k", field: "a", by: 2 });
    row = applyRowOperation(row, { op: "increment", key: "k", field: "c", by: -1 });
    expect(row).toEqual({ a: 3, b: "x", c: -1 });
    expect(applyRowOperation(row, { op: "delete", key: "k" })).toBeUndefined();
    expect(applyRowOperation(undefined, { op: "patch", key: "k", set: { z: true } })).toEqual({ z: true });
  });
});
