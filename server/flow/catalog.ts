// An index over a Flow: who defines each event type, and what each aggregate or service accepts.
// Shared by validation and the compiler; read-only views of the flow.
import type { Aggregate, CommandDef, Field, Flow, Service, ServiceOperation } from "./schema";

export type Target =
  | { kind: "aggregate"; name: string; index: number; aggregate: Aggregate }
  | { kind: "service"; name: string; index: number; service: Service };

/** What a target accepts under a command name: an aggregate's command or a service's operation. */
export type Accepted =
  | { kind: "aggregate"; command: CommandDef; index: number }
  | { kind: "service"; operation: ServiceOperation; index: number };

export interface EventDefinition {
  type: string;
  fields: Field[];
  /** "aggregate Order" or "service Payment". */
  owner: string;
  path: (string | number)[];
}

export interface Catalog {
  targets: Map<string, Target>;
  events: Map<string, EventDefinition>;
  /** Upcaster `from` → `to`: old versions still stored but never written again. */
  legacy: Map<string, string>;
}

export function buildCatalog(flow: Flow): Catalog {
  const targets = new Map<string, Target>();
  const events = new Map<string, EventDefinition>();
  const define = (definition: EventDefinition) => {
    if (!events.has(definition.type)) events.set(definition.type, definition);
  };
  flow.aggregates.forEach((aggregate, index) => {
    if (!targets.has(aggregate.name)) targets.set(aggregate.name, { kind: "aggregate", name: aggregate.name, index, aggregate });
    aggregate.events.forEach((event, e) =>
      define({ type: event.type, fields: event.payload, owner: `aggregate ${aggregate.name}`, path: ["aggregates", index, "events", e, "type"] }),
    );
  });
  flow.services.forEach((service, index) => {
    if (!targets.has(service.name)) targets.set(service.name, { kind: "service", name: service.name, index, service });
    service.operations.forEach((operation, o) => {
      const path = ["services", index, "operations", o];
      define({ type: operation.success.event, fields: operation.payload, owner: `service ${service.name}`, path: [...path, "success", "event"] });
      define({
        type: operation.failure.event,
        fields: [...operation.payload, { name: "reason", type: "string", required: true }],
        owner: `service ${service.name}`,
        path: [...path, "failure", "event"],
      });
    });
  });
  const legacy = new Map(flow.upcasters.map((upcaster) => [upcaster.from, upcaster.to]));
  return { targets, events, legacy };
}

export function describeTarget(target: Target): string {
  return `${target.kind} ${target.name}`;
}

export function accepted(target: Target, command: string): Accepted | undefined {
  if (target.kind === "aggregate") {
    const index = target.aggregate.commands.findIndex((candidate) => candidate.name === command);
    const found = target.aggregate.commands[index];
    return found ? { kind: "aggregate", command: found, index } : undefined;
  }
  const index = target.service.operations.findIndex((candidate) => candidate.name === command);
  const found = target.service.operations[index];
  return found ? { kind: "service", operation: found, index } : undefined;
}

export function payloadOf(accepted: Accepted): Field[] {
  return accepted.kind === "aggregate" ? accepted.command.payload : accepted.operation.payload;
}

/** Event types a command or operation can lead to. */
export function outcomesOf(accepted: Accepted): string[] {
  return accepted.kind === "aggregate"
    ? accepted.command.emits.map((emit) => emit.event)
    : [accepted.operation.success.event, accepted.operation.failure.event];
}
