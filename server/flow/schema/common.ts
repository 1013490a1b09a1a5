// Shared building blocks of the Flow schema: ids, names, fields, expressions, snippets.
// Pure zod; no semantic checks across elements (those live in ../validate*.ts).
import { z } from "zod";

export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.v[1-9][0-9]*$/;
export const SNIPPET_MAX_BYTES = 8 * 1024;

/** Stable element id: the canvas node id, and what validation problems point at. */
export const ElementId = z.string().regex(/^[A-Za-z0-9_.:-]{1,80}$/, "must be 1–80 letters, digits, '_', '.', ':' or '-'");

/** PascalCase name of an aggregate, service, saga, command or operation, e.g. "AddItem". */
export const PascalName = z.string().regex(/^[A-Z][A-Za-z0-9]{0,63}$/, "must be PascalCase, e.g. \"AddItem\"");

/** Lower-case name of a consumer group, stream prefix or read-model table, e.g. "order_view". */
export const LowerName = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, "must be lower case letters, digits, '_' or '-', e.g. \"order_view\"");

/** Payload field or state key, e.g. "orderId". */
export const FieldName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "must be a plain identifier, e.g. \"orderId\"");

/** Event type named `domain.entity.event.vN`. Checked where an event is defined; references are checked by validation. */
export const EventTypeName = z.string().regex(EVENT_TYPE_PATTERN, {
  error: (issue) => `"${String(issue.input)}" is not named domain.entity.event.vN, e.g. "orders.order.created.v1"`,
});

/** An event type reference (validated against the defined ones, not against the pattern). */
export const EventRef = z.string().min(1);

/** A CEL expression (side-effect free), compiled once and evaluated natively. */
export const Expr = z.string().trim().min(1, "expression is empty").max(2000, "expression is longer than 2000 characters");

/** Field name → CEL expression computing that field. */
export const Mapping = z.record(FieldName, Expr);

/** A small JavaScript function body run in the QuickJS sandbox. */
export const Snippet = z
  .string()
  .min(1, "snippet is empty")
  .refine((code) => new TextEncoder().encode(code).length <= SNIPPET_MAX_BYTES, {
    message: `snippet is larger than ${SNIPPET_MAX_BYTES / 1024} KiB`,
  });

export const FieldType = z.enum(["string", "number", "boolean", "list", "map", "any"]);

export const Field = z.strictObject({
  name: FieldName,
  type: FieldType.default("any"),
  required: z.boolean().default(true),
});

export const JsonObject = z.record(z.string(), z.json());

export type Field = z.output<typeof Field>;
