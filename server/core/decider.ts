// Interpreting an aggregate definition: stream ids, folding (with upcasting),
// deciding (guards → events or a rejection) and the snapshot rule. Pure; the
// runtime loads and stores.

import type { AggregateDefinition, Command, DecideContext, JsonObject, NewEvent } from "./definitions";
import { isRejection } from "./definitions";
import type { Upcasters } from "./upcasting";

/** Events one command may append: a decision beyond it is a runaway snippet, refused with a sentence. */
export const MAX_EVENTS_PER_COMMAND = 100;

export type Decision = { kind: "accepted"; events: NewEvent[]; state: JsonObject } | { kind: "rejected"; message: string };

export function streamIdOf(aggregate: AggregateDefinition, aggregateId: string): string {
  return `${aggregate.streamPrefix}-${aggregateId}`;
}

/** Folds stored events (any version) into the state, upcasting each first. */
export function evolveAll(aggregate: AggregateDefinition, upcasters: Upcasters, state: JsonObject, events: readonly NewEvent[]): JsonObject {
  let current = state;
  for (const event of events) current = aggregate.evolve(current, upcasters.upcast(event));
  return current;
}

/**
 * Runs the guards and the decision. A decide function that throws is reported
 * as a rejection with its message, so a bug in a user's logic reads as a
 * refused command, never as a crash.
 */
export async function decide(aggregate: AggregateDefinition, state: JsonObject, command: Command, ctx: DecideContext): Promise<Decision> {
  let outcome: Awaited<ReturnType<AggregateDefinition["decide"]>>;
  try {
    outcome = await aggregate.decide(state, command, ctx);
  } catch (error) {
    return { kind: "rejected", message: `${aggregate.name} could not decide ${command.type}: ${messageOf(error)}` };
  }
  if (isRejection(outcome)) return { kind: "rejected", message: outcome.message };
  if (outcome.length > MAX_EVENTS_PER_COMMAND) {
    return { kind: "rejected", message: `${aggregate.name} decided ${outcome.length} events for ${command.type}; a command may append at most ${MAX_EVENTS_PER_COMMAND}.` };
  }
  let next = state;
  for (const event of outcome) next = aggregate.evolve(next, event);
  return { kind: "accepted", events: outcome, state: next };
}

/** True when a snapshot is due: the stream crossed a multiple of `snapshotEvery` between the two versions. */
export function snapshotDue(aggregate: AggregateDefinition, versionBefore: number, versionAfter: number): boolean {
  const every = aggregate.snapshotEvery ?? 0;
  return every > 0 && Math.floor(versionAfter / every) > Math.floor(versionBefore / every);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
