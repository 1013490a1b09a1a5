// Compiles a consumer: its handler steps (send, fail, alert, snippet) into one handle function,
// and its retry policy (max retries N = N + 1 attempts) into the contract's.
import { HandlerError, type ConsumerDefinition, type DeliveredMessage, type Effect } from "../core/definitions";
import { accepted, type Catalog } from "./catalog";
import { compileSend } from "./compileSend";
import { keyOf, messageMeta, type Variables } from "./compileValues";
import { compileExpression, holds } from "./expressions";
import type { Json, JsonObject } from "./json";
import type { Consumer, ConsumerStep } from "./schema";
import { SnippetError, type SnippetEvaluator } from "./snippets";

type Step = (message: DeliveredMessage, variables: Variables) => Effect[] | Promise<Effect[]>;

/** Effects a consumer snippet returned: `[{ target, command, key, data }]`. */
function snippetEffects(name: string, result: Json | undefined, catalog: Catalog): Effect[] {
  if (result === undefined || result === null) return [];
  if (!Array.isArray(result)) throw new HandlerError("SnippetError", `snippet "${name}" must return nothing or a list of { target, command, key, data }`);
  return result.map((item) => {
    const { target, command, key, data } = (item ?? {}) as { target?: Json; command?: Json; key?: Json; data?: Json };
    const found = typeof target === "string" ? catalog.targets.get(target) : undefined;
    if (!found || typeof command !== "string" || !accepted(found, command)) {
      throw new HandlerError("SnippetError", `snippet "${name}" sent ${JSON.stringify(command)} to ${JSON.stringify(target)}, which does not accept it`);
    }
    const payload: JsonObject = data !== null && typeof data === "object" && !Array.isArray(data) ? data : {};
    const id = keyOf(key ?? null, "key");
    return found.kind === "aggregate"
      ? { kind: "command", command: { aggregate: found.name, aggregateId: id, type: command, data: payload } }
      : { kind: "call", service: found.name, operation: command, key: id, data: payload };
  });
}

function compileStep(consumer: Consumer, step: ConsumerStep, index: number, catalog: Catalog, snippets: SnippetEvaluator | undefined): Step {
  if (step.do === "snippet") {
    const name = `${consumer.group}.handler[${index}]`;
    return async (message) => {
      if (!snippets) throw new HandlerError("SnippetError", `snippet "${name}" cannot run: no sandbox was given`);
      try {
        const result = await snippets.evaluate({ name, code: step.code, input: { event: message.data, meta: messageMeta(message) } });
        return snippetEffects(name, result, catalog);
      } catch (error) {
        if (error instanceof SnippetError) throw new HandlerError(error.thrownName ?? "SnippetError", error.message);
        throw error;
      }
    };
  }
  const when = step.when === undefined ? undefined : compileExpression(step.when, "message");
  const applies = (variables: Variables) => !when || holds(when, variables);
  switch (step.do) {
    case "send": {
      const send = compileSend(step, "message", catalog);
      return (_message, variables) => (applies(variables) ? [send.build(variables)] : []);
    }
    case "fail":
      return (_message, variables) => {
        if (applies(variables)) throw new HandlerError(step.error, step.message);
        return [];
      };
    case "alert":
      return (_message, variables) => (applies(variables) ? [{ kind: "alert", severity: step.severity, message: step.message }] : []);
    default: {
      const unknownStep: never = step;
      throw new Error(`unknown consumer step ${JSON.stringify(unknownStep)}`);
    }
  }
}

export function compileConsumer(consumer: Consumer, catalog: Catalog, snippets: SnippetEvaluator | undefined): ConsumerDefinition {
  const steps = consumer.handler.map((step, index) => compileStep(consumer, step, index, catalog, snippets));
  const { maxRetries, ...backoff } = consumer.retry;
  return {
    group: consumer.group,
    topics: consumer.topics,
    async handle(message) {
      const variables: Variables = { event: message.data, meta: messageMeta(message) };
      const effects: Effect[] = [];
      for (const step of steps) effects.push(...(await step(message, variables)));
      return effects;
    },
    retry: { maxAttempts: maxRetries + 1, ...backoff },
    deadLetter: consumer.deadLetter,
    idempotent: consumer.idempotent,
  };
}
