// CEL expressions: compiled once per (scope, source) and evaluated natively, with results as JSON.
// Owns the CEL environments and the numeric rules; knows nothing about Flow elements.
import { Environment } from "@marcbachmann/cel-js";
import type { Json } from "./json";

/** Which variables an expression may read, by the place it is written. */
export const EXPRESSION_SCOPES = {
  /** Guards and emitted-event data of a command. */
  decide: ["state", "command", "aggregateId", "now"],
  /** Evolve actions of an event; `item` inside a `remove … where`. */
  evolve: ["state", "event", "item"],
  /** Projection handlers. */
  projection: ["event", "meta", "row"],
  /** Consumers, reactions and saga triggers. */
  message: ["event", "meta"],
  /** Saga steps and compensations. */
  saga: ["saga"],
  /** Upcaster field mappings. */
  upcast: ["data"],
  /** Success data of a service operation. */
  reply: ["call"],
} as const satisfies Record<string, readonly string[]>;

export type ExpressionScope = keyof typeof EXPRESSION_SCOPES;

/** A CEL expression that could not be compiled or evaluated; the message is a plain sentence. */
export class ExpressionError extends Error {
  override readonly name = "ExpressionError";
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`expression \`${source}\`: ${reason}`);
  }
}

export interface CompiledExpression {
  readonly source: string;
  evaluate(variables: Readonly<Record<string, unknown>>): Json;
}

const ARITHMETIC: Record<"+" | "-" | "*" | "/", (a: number, b: number) => number> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
};

/** JSON numbers arrive as CEL doubles and literals are ints: let them mix, as users expect. */
function newEnvironment(variables: readonly string[]): Environment {
  const env = new Environment({ homogeneousAggregateLiterals: false });
  for (const [op, apply] of Object.entries(ARITHMETIC)) {
    env.registerOperator(`double ${op} int`, (a: number, b: bigint) => apply(a, Number(b)));
    env.registerOperator(`int ${op} double`, (a: bigint, b: number) => apply(Number(a), b));
  }
  env.registerFunction({
    name: "sum",
    receiverType: "list",
    returnType: "double",
    params: [],
    handler: (items: unknown[]) => items.reduce<number>((total, item) => total + Number(item), 0),
  });
  for (const name of variables) env.registerVariable(name, "dyn");
  return env;
}

const environments = new Map<ExpressionScope, Environment>();
const compiled = new Map<ExpressionScope, Map<string, CompiledExpression>>();

function environment(scope: ExpressionScope): Environment {
  let env = environments.get(scope);
  if (!env) {
    env = newEnvironment(EXPRESSION_SCOPES[scope]);
    environments.set(scope, env);
  }
  return env;
}

function reasonOf(error: unknown): string {
  if (error && typeof error === "object" && "summary" in error && typeof error.summary === "string") {
    const range = "range" in error ? (error.range as { start?: number } | undefined) : undefined;
    return range?.start === undefined ? error.summary : `${error.summary} (at column ${range.start + 1})`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Converts a CEL result to JSON: ints become numbers, timestamps ISO strings. */
export function toJson(value: unknown, source: string): Json {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new ExpressionError(source, `the result ${value} is not a finite number`);
      return value;
    case "bigint":
      if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
        throw new ExpressionError(source, `the integer ${value} is too large`);
      }
      return Number(value);
    case "object":
      if (value === null) return null;
      if (Array.isArray(value)) return value.map((item) => toJson(item, source));
      if (value instanceof Date) return value.toISOString();
      if (value instanceof Map) return objectToJson(value.entries(), source);
      if (Object.getPrototypeOf(value) === Object.prototype) return objectToJson(Object.entries(value), source);
      throw new ExpressionError(source, "the result is not JSON (bytes, types and the like cannot be stored)");
    default:
      throw new ExpressionError(source, `the result is not JSON (${typeof value})`);
  }
}

function objectToJson(entries: Iterable<[unknown, unknown]>, source: string): Json {
  const result: Record<string, Json> = {};
  for (const [key, item] of entries) {
    if (typeof key !== "string") throw new ExpressionError(source, "map keys must be strings to be stored as JSON");
    if (key === "__proto__") throw new ExpressionError(source, "the map key __proto__ is not allowed");
    result[key] = toJson(item, source);
  }
  return result;
}

/** Parses and type-checks once; later calls with the same scope and source return the cached expression. */
export function compileExpression(source: string, scope: ExpressionScope): CompiledExpression {
  let cache = compiled.get(scope);
  if (!cache) {
    cache = new Map();
    compiled.set(scope, cache);
  }
  const hit = cache.get(source);
  if (hit) return hit;
  let program: ReturnType<Environment["parse"]>;
  try {
    program = environment(scope).parse(source);
  } catch (error) {
    throw new ExpressionError(source, reasonOf(error));
  }
  const check = program.check();
  if (!check.valid) throw new ExpressionError(source, reasonOf(check.error));
  const expression: CompiledExpression = {
    source,
    evaluate(variables) {
      let result: unknown;
      try {
        result = program(variables);
      } catch (error) {
        throw new ExpressionError(source, reasonOf(error));
      }
      return toJson(result, source);
    },
  };
  cache.set(source, expression);
  return expression;
}

/** The reason an expression cannot be compiled in a scope, or undefined when it can. */
export function expressionProblem(source: string, scope: ExpressionScope): string | undefined {
  try {
    compileExpression(source, scope);
    return undefined;
  } catch (error) {
    return error instanceof ExpressionError ? error.reason : String(error);
  }
}

/** Evaluates a condition, which must answer true or false. */
export function holds(expression: CompiledExpression, variables: Readonly<Record<string, unknown>>): boolean {
  const result = expression.evaluate(variables);
  if (typeof result !== "boolean") {
    throw new ExpressionError(expression.source, `a condition must be true or false, not ${JSON.stringify(result)}`);
  }
  return result;
}
