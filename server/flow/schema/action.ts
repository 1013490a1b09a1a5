// Declarative state changes (set, increment, push, remove, merge) as data.
// Interpreted by ../actions.ts; values and conditions are CEL expressions.
import { z } from "zod";
import { Expr } from "./common";

const FORBIDDEN_SEGMENTS = new Set(["__proto__", "prototype", "constructor"]);

/** A dotted path into the state, e.g. "items" or "totals.gross". */
export const StatePath = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, "must be a dotted path of identifiers, e.g. \"totals.gross\"")
  .refine((path) => path.split(".").every((segment) => !FORBIDDEN_SEGMENTS.has(segment)), {
    message: "must not use __proto__, prototype or constructor",
  });

const when = { when: Expr.optional() };

export const Action = z.discriminatedUnion("op", [
  z.strictObject({ op: z.literal("set"), path: StatePath, value: Expr, ...when }),
  z.strictObject({ op: z.literal("increment"), path: StatePath, by: Expr, ...when }),
  z.strictObject({ op: z.literal("push"), path: StatePath, value: Expr, ...when }),
  /** Without `where`: delete the key. With `where`: drop the list items for which it holds (`item` is bound). */
  z.strictObject({ op: z.literal("remove"), path: StatePath, where: Expr.optional(), ...when }),
  /** Shallow-merge a map into the object at `path` (the whole state when absent). */
  z.strictObject({ op: z.literal("merge"), path: StatePath.optional(), value: Expr, ...when }),
]);

export type Action = z.output<typeof Action>;
