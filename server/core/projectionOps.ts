// Applying a projection's row operations to rows held in memory. Pure; the
// runtime writes the resulting rows, tests use it to fold the log by hand.

import type { JsonObject, RowOperation } from "./definitions";

/** The row after `op`; undefined means the row is deleted. */
export function applyRowOperation(row: JsonObject | undefined, op: RowOperation): JsonObject | undefined {
  switch (op.op) {
    case "upsert":
      return op.row;
    case "patch":
      return { ...row, ...op.set };
    case "increment": {
      const current = row?.[op.field];
      return { ...row, [op.field]: (typeof current === "number" ? current : 0) + op.by };
    }
    case "delete":
      return undefined;
    default: {
      const unknown: never = op;
      throw new Error(`Unknown row operation ${JSON.stringify(unknown)}.`);
    }
  }
}
