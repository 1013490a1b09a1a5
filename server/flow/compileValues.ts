// Small shared pieces of the compiler: evaluating field mappings, payload checks, message metadata.
import { compileExpression, type ExpressionScope } from "./expressions";
import type { DeliveredMessage, Json, JsonObject } from "../core/definitions";
import type { Field } from "./schema";

export type Variables = Readonly<Record<string, unknown>>;
export type MappingFn = (variables: Variables) => JsonObject;

/** Compiles `field → CEL` once; the result evaluates every field. */
export function compileMapping(mapping: Readonly<Record<string, string>>, scope: ExpressionScope): MappingFn {
  const fields = Object.entries(mapping).map(([name, source]) => [name, compileExpression(source, scope)] as const);
  return (variables) => {
    const result: JsonObject = {};
    for (const [name, expression] of fields) result[name] = expression.evaluate(variables);
    return result;
  };
}

function kindOf(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  return typeof value === "object" ? "map" : typeof value;
}

/** Why `data` does not fit the declared fields, as a sentence; undefined when it does. */
export function payloadProblem(what: string, fields: readonly Field[], data: JsonObject): string | undefined {
  for (const field of fields) {
    const value = data[field.name];
    if (value === undefined) {
      if (field.required) return `${what} needs "${field.name}"${field.type === "any" ? "" : ` (a ${field.type})`}`;
      continue;
    }
    if (field.type !== "any" && kindOf(value) !== field.type) return `${what}: "${field.name}" must be a ${field.type}, not a ${kindOf(value)}`;
  }
  return undefined;
}

/** The `meta` variable consumers, reactions and saga triggers see. */
export function messageMeta(message: DeliveredMessage): JsonObject {
  return {
    type: message.type,
    topic: message.topic,
    key: message.key,
    messageId: message.messageId,
    correlationId: message.metadata.correlationId,
    causationId: message.metadata.causationId,
    attempt: message.attempt,
  };
}

/** A key (aggregate id or call key) from an expression result. */
export function keyOf(value: Json, source: string): string {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number") return String(value);
  throw new TypeError(`the key \`${source}\` gave ${JSON.stringify(value)}, not a non-empty string`);
}
