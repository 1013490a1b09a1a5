// Compiles an aggregate into the runtime contract: decide (payload check, guards, emits or a
// snippet) and evolve (declarative actions), plus upcasters. Expressions are compiled here, once.
import { reject, type AggregateDefinition, type Command, type DecideContext, type JsonObject, type NewEvent, type Rejection, type UpcasterDefinition } from "../core/definitions";
import { compileActions, type StateUpdate } from "./actions";
import { compileMapping, payloadProblem, type MappingFn, type Variables } from "./compileValues";
import { compileExpression, holds, type CompiledExpression } from "./expressions";
import type { JsonObject as Data } from "./json";
import type { Aggregate, CommandDef, Upcaster } from "./schema";
import type { SnippetEvaluator } from "./snippets";

/** The aggregate logic of a flow went wrong: a snippet answered nonsense, or an event cannot be folded. */
export class AggregateLogicError extends Error {
  override readonly name = "AggregateLogicError";
}

interface CompiledEmit {
  type: string;
  when: CompiledExpression | undefined;
  mapped: MappingFn;
  /** Event fields copied from the command's field of the same name. */
  copied: string[];
}

type Decide = (state: JsonObject, command: Command, ctx: DecideContext) => Promise<NewEvent[] | Rejection> | NewEvent[] | Rejection;

function compileEmits(aggregate: Aggregate, command: CommandDef): CompiledEmit[] {
  return command.emits.map((emit) => {
    const event = aggregate.events.find((candidate) => candidate.type === emit.event);
    const copied = (event?.payload ?? []).map((field) => field.name).filter((name) => !(name in emit.data));
    return {
      type: emit.event,
      when: emit.when === undefined ? undefined : compileExpression(emit.when, "decide"),
      mapped: compileMapping(emit.data, "decide"),
      copied,
    };
  });
}

function snippetDecision(name: string, allowed: ReadonlySet<string>, result: unknown): NewEvent[] | Rejection {
  if (result !== null && typeof result === "object" && !Array.isArray(result) && typeof (result as { reject?: unknown }).reject === "string") {
    return reject((result as { reject: string }).reject);
  }
  if (!Array.isArray(result)) throw new AggregateLogicError(`snippet "${name}" must return a list of events or { reject: "sentence" }`);
  return result.map((event: unknown) => {
    const { type, data } = (event ?? {}) as { type?: unknown; data?: unknown };
    if (typeof type !== "string" || !allowed.has(type)) throw new AggregateLogicError(`snippet "${name}" returned an event of type ${JSON.stringify(type)}, which the command does not emit`);
    if (data === null || typeof data !== "object" || Array.isArray(data)) throw new AggregateLogicError(`snippet "${name}" returned ${type} without a data object`);
    return { type, data: data as Data };
  });
}

function compileCommand(aggregate: Aggregate, command: CommandDef, snippets: SnippetEvaluator | undefined): Decide {
  const guards = command.guards.map((guard) => ({ when: compileExpression(guard.rejectWhen, "decide"), message: guard.message }));
  const emits = compileEmits(aggregate, command);
  const name = `${aggregate.name}.${command.name}`;
  const allowed = new Set(command.emits.map((emit) => emit.event));
  const snippet = command.snippet;
  return (state, message, ctx) => {
    const problem = payloadProblem(command.name, command.payload, message.data);
    if (problem) return reject(problem);
    const variables: Variables = { state, command: message.data, aggregateId: ctx.aggregateId, now: ctx.now };
    for (const guard of guards) if (holds(guard.when, variables)) return reject(guard.message);
    if (snippet !== undefined) {
      if (!snippets) throw new AggregateLogicError(`snippet "${name}" cannot run: no sandbox was given`);
      const input = { state, command: message.data, aggregateId: ctx.aggregateId, now: ctx.now };
      return snippets.evaluate({ name, code: snippet, input }).then((result) => snippetDecision(name, allowed, result));
    }
    const events: NewEvent[] = [];
    for (const emit of emits) {
      if (emit.when && !holds(emit.when, variables)) continue;
      const data: JsonObject = {};
      for (const field of emit.copied) {
        const value = message.data[field];
        if (value !== undefined) data[field] = value;
      }
      events.push({ type: emit.type, data: { ...data, ...emit.mapped(variables) } });
    }
    return events;
  };
}

export function compileAggregate(aggregate: Aggregate, snippets: SnippetEvaluator | undefined): AggregateDefinition {
  const deciders = new Map(aggregate.commands.map((command) => [command.name, compileCommand(aggregate, command, snippets)] as const));
  const evolvers = new Map<string, StateUpdate>(aggregate.events.map((event) => [event.type, compileActions(event.evolve)] as const));
  const evolve = (state: JsonObject, event: NewEvent): JsonObject => {
    const update = evolvers.get(event.type);
    if (!update) return state;
    try {
      return update(state, { event: event.data });
    } catch (error) {
      throw new AggregateLogicError(`${aggregate.name} cannot apply ${event.type}: ${(error as Error).message}`);
    }
  };
  /** Applies the decided events once, so events the flow cannot fold are refused instead of stored. */
  const checked = (state: JsonObject, decision: NewEvent[] | Rejection): NewEvent[] | Rejection => {
    if (Array.isArray(decision)) decision.reduce(evolve, state);
    return decision;
  };
  return {
    name: aggregate.name,
    streamPrefix: aggregate.streamPrefix,
    initialState: aggregate.initialState,
    snapshotEvery: aggregate.snapshotEvery,
    decide(state, command, ctx) {
      const decide = deciders.get(command.type);
      if (!decide) return reject(`${aggregate.name} has no command "${command.type}"`);
      const decision = decide(state, command, ctx);
      return decision instanceof Promise ? decision.then((resolved) => checked(state, resolved)) : checked(state, decision);
    },
    evolve,
  };
}

export function compileUpcaster(upcaster: Upcaster): UpcasterDefinition {
  const mapped = compileMapping(upcaster.map, "upcast");
  return {
    from: upcaster.from,
    to: upcaster.to,
    upcast: (data) => ({ ...upcaster.defaults, ...data, ...mapped({ data }) }),
  };
}
