// The declarative-logic interpreter: set, increment, push, remove, merge over a JSON state.
// Compiles every expression once; applying never mutates its input (copy on write along the path).
import { compileExpression, holds, type CompiledExpression } from "./expressions";
import type { Json, JsonObject } from "./json";
import type { Action } from "./schema";

/** An action that cannot apply to the state it met, e.g. incrementing a string. */
export class ActionError extends Error {
  override readonly name = "ActionError";
}

/** Applies the actions in order; each sees the state left by the previous one as `state`. */
export type StateUpdate = (state: JsonObject, variables: Readonly<Record<string, unknown>>) => JsonObject;

const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function segmentsOf(path: string): string[] {
  const segments = path.split(".");
  if (segments.some((segment) => FORBIDDEN.has(segment) || segment === "")) {
    throw new ActionError(`the path "${path}" is not allowed`);
  }
  return segments;
}

/** Returns a copy of `state` with `update` applied at the path; missing objects on the way are created. */
function updateIn(
  state: JsonObject,
  segments: readonly string[],
  path: string,
  update: (current: Json | undefined) => Json | undefined,
): JsonObject {
  const [head, ...rest] = segments;
  if (head === undefined) throw new ActionError("the path is empty");
  const copy: JsonObject = { ...state };
  if (rest.length === 0) {
    const next = update(Object.hasOwn(state, head) ? state[head] : undefined);
    if (next === undefined) delete copy[head];
    else copy[head] = next;
    return copy;
  }
  const child = Object.hasOwn(state, head) ? state[head] : undefined;
  if (child !== undefined && !isObject(child)) {
    throw new ActionError(`"${path}" goes through "${head}", which is not an object`);
  }
  copy[head] = updateIn(child ?? {}, rest, path, update);
  return copy;
}

function describe(value: Json | undefined): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  return Array.isArray(value) ? "a list" : `a ${typeof value === "object" ? "map" : typeof value}`;
}

type Step = (state: JsonObject, variables: Readonly<Record<string, unknown>>) => JsonObject;

function compileStep(action: Action): Step {
  const path = action.path;
  switch (action.op) {
    case "set": {
      const segments = segmentsOf(action.path);
      const value = compileExpression(action.value, "evolve");
      return (state, vars) => updateIn(state, segments, action.path, () => value.evaluate(vars));
    }
    case "increment": {
      const segments = segmentsOf(action.path);
      const by = compileExpression(action.by, "evolve");
      return (state, vars) => {
        const amount = by.evaluate(vars);
        if (typeof amount !== "number") throw new ActionError(`increment ${action.path}: the amount is ${describe(amount)}, not a number`);
        return updateIn(state, segments, action.path, (current) => {
          if (current !== undefined && typeof current !== "number") {
            throw new ActionError(`increment ${action.path}: it holds ${describe(current)}, not a number`);
          }
          return (current ?? 0) + amount;
        });
      };
    }
    case "push": {
      const segments = segmentsOf(action.path);
      const value = compileExpression(action.value, "evolve");
      return (state, vars) =>
        updateIn(state, segments, action.path, (current) => {
          if (current !== undefined && !Array.isArray(current)) {
            throw new ActionError(`push ${action.path}: it holds ${describe(current)}, not a list`);
          }
          return [...(current ?? []), value.evaluate(vars)];
        });
    }
    case "remove": {
      const segments = segmentsOf(action.path);
      if (action.where === undefined) return (state) => updateIn(state, segments, action.path, () => undefined);
      const where = compileExpression(action.where, "evolve");
      return (state, vars) =>
        updateIn(state, segments, action.path, (current) => {
          if (current === undefined) return undefined;
          if (!Array.isArray(current)) throw new ActionError(`remove ${action.path}: it holds ${describe(current)}, not a list`);
          return current.filter((item) => !holds(where, { ...vars, item }));
        });
    }
    case "merge": {
      const value = compileExpression(action.value, "evolve");
      const merge = (current: Json | undefined, vars: Readonly<Record<string, unknown>>): JsonObject => {
        const patch = value.evaluate(vars);
        if (!isObject(patch)) throw new ActionError(`merge ${path ?? "state"}: the value is ${describe(patch)}, not a map`);
        if (current !== undefined && !isObject(current)) {
          throw new ActionError(`merge ${path ?? "state"}: it holds ${describe(current)}, not a map`);
        }
        return { ...current, ...patch };
      };
      if (path === undefined) return (state, vars) => merge(state, vars);
      const segments = segmentsOf(path);
      return (state, vars) => updateIn(state, segments, path, (current) => merge(current, vars));
    }
    default: {
      const unknownAction: never = action;
      throw new ActionError(`unknown action ${JSON.stringify(unknownAction)}`);
    }
  }
}

/** Compiles a list of actions once into a state update. */
export function compileActions(actions: readonly Action[]): StateUpdate {
  const steps = actions.map((action) => {
    const step = compileStep(action);
    if (action.when === undefined) return step;
    const when: CompiledExpression = compileExpression(action.when, "evolve");
    return ((state, vars) => (holds(when, vars) ? step(state, vars) : state)) satisfies Step;
  });
  return (initial, variables) =>
    steps.reduce((state, step) => step(state, { ...variables, state }), initial);
}
