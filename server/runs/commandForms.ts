// What the command console offers for a run's flow: every command of every aggregate with its
// payload fields (for a generated form), its guards' rejection messages and the events it emits.
import type { Field } from "../flow/schema";
import type { Flow } from "../flow/schema";

export interface CommandForm {
  aggregate: string;
  /** Canvas node of the aggregate and of the command. */
  aggregateNode: string;
  node: string;
  command: string;
  /** The aggregate id becomes the stream `${streamPrefix}-${aggregateId}`. */
  streamPrefix: string;
  payload: Field[];
  guards: string[];
  emits: string[];
}

export function commandForms(flow: Flow): CommandForm[] {
  return flow.aggregates.flatMap((aggregate) =>
    aggregate.commands.map((command) => ({
      aggregate: aggregate.name,
      aggregateNode: aggregate.id,
      node: command.id,
      command: command.name,
      streamPrefix: aggregate.streamPrefix,
      payload: command.payload,
      guards: command.guards.map((guard) => guard.message),
      emits: command.emits.map((emit) => emit.event),
    })),
  );
}
