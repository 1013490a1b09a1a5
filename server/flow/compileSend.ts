// Compiles a send (saga step, compensation, reaction, consumer step) into a function building
// the command or service call it stands for.
import type { CallEffect, CommandEffect } from "../core/definitions";
import { accepted, outcomesOf, type Catalog } from "./catalog";
import { compileMapping, keyOf, type Variables } from "./compileValues";
import { compileExpression, type ExpressionScope } from "./expressions";

export interface SendSpec {
  target: string;
  command: string;
  key: string;
  data: Readonly<Record<string, string>>;
}

export interface CompiledSend {
  build(variables: Variables): CommandEffect | CallEffect;
  /** Default success event: the operation's success event, or the command's first emitted event. */
  successEvent: string | undefined;
  /** Default failure event: the operation's failure event (a rejected command fails on its own). */
  failureEvent: string | undefined;
}

/** Thrown when a send names something the flow does not have (validation catches this first). */
export class UnknownTargetError extends Error {
  override readonly name = "UnknownTargetError";
}

export function compileSend(spec: SendSpec, scope: ExpressionScope, catalog: Catalog): CompiledSend {
  const target = catalog.targets.get(spec.target);
  const found = target && accepted(target, spec.command);
  if (!target || !found) throw new UnknownTargetError(`"${spec.target}" has no command "${spec.command}"`);
  const key = compileExpression(spec.key, scope);
  const data = compileMapping(spec.data, scope);
  if (found.kind === "aggregate") {
    return {
      build: (variables) => ({
        kind: "command",
        command: { aggregate: spec.target, aggregateId: keyOf(key.evaluate(variables), spec.key), type: spec.command, data: data(variables) },
      }),
      successEvent: outcomesOf(found)[0],
      failureEvent: undefined,
    };
  }
  return {
    build: (variables) => ({ kind: "call", service: spec.target, operation: spec.command, key: keyOf(key.evaluate(variables), spec.key), data: data(variables) }),
    successEvent: found.operation.success.event,
    failureEvent: found.operation.failure.event,
  };
}
