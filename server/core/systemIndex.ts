// Checks a SystemDefinition once (unique names, no clash with the runtime's own
// groups) and gives the lookups the runtime needs. Pure.

import type {
  AggregateDefinition,
  ConsumerDefinition,
  ServiceDefinition,
  ServiceOperationDefinition,
  SystemDefinition,
} from "./definitions";
import { createUpcasters, type Upcasters } from "./upcasting";

/** The definition cannot run as written; the message says what to change. */
export class DefinitionError extends Error {
  override readonly name = "DefinitionError";
}

/** Prefixes of the consumer groups the runtime creates for itself. */
export const RESERVED_GROUP_PREFIXES = ["_", "saga:", "reaction:", "service:", "projection:"] as const;

export interface SystemIndex {
  readonly definition: SystemDefinition;
  readonly upcasters: Upcasters;
  aggregate(name: string): AggregateDefinition | undefined;
  service(name: string): ServiceDefinition | undefined;
  operation(service: string, operation: string): ServiceOperationDefinition | undefined;
  consumer(group: string): ConsumerDefinition | undefined;
}

export function indexSystem(definition: SystemDefinition): SystemIndex {
  const aggregates = byName(definition.aggregates, (a) => a.name, "aggregate");
  const services = byName(definition.services, (s) => s.name, "service");
  const consumers = byName(definition.consumers, (c) => c.group, "consumer group");
  byName(definition.projections, (p) => p.name, "projection");
  byName(definition.sagas, (s) => s.name, "saga");
  byName(definition.reactions, (r) => r.name, "reaction");
  byName(definition.aggregates, (a) => a.streamPrefix, "stream prefix");

  for (const group of consumers.keys()) {
    const reserved = RESERVED_GROUP_PREFIXES.find((prefix) => group.startsWith(prefix));
    if (reserved) throw new DefinitionError(`Consumer group "${group}" may not start with "${reserved}": the runtime uses that prefix for its own groups.`);
  }
  const operations = new Map<string, ServiceOperationDefinition>();
  for (const service of definition.services) {
    for (const operation of byName(service.operations, (o) => o.name, `operation of service ${service.name}`).values()) {
      if (operation.failureRate < 0 || operation.failureRate > 1) {
        throw new DefinitionError(`Service ${service.name} operation ${operation.name} has failure rate ${operation.failureRate}; it must be between 0 and 1.`);
      }
      operations.set(`${service.name}\u0000${operation.name}`, operation);
    }
  }
  if (definition.outbox.batchSize < 1) throw new DefinitionError("The outbox batch size must be at least 1.");

  return {
    definition,
    upcasters: createUpcastersOrExplain(definition),
    aggregate: (name) => aggregates.get(name),
    service: (name) => services.get(name),
    operation: (service, operation) => operations.get(`${service}\u0000${operation}`),
    consumer: (group) => consumers.get(group),
  };
}

function byName<T>(items: readonly T[], nameOf: (item: T) => string, what: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const name = nameOf(item);
    if (name === "") throw new DefinitionError(`Every ${what} needs a name.`);
    if (map.has(name)) throw new DefinitionError(`Two ${what}s are named "${name}"; names must be unique.`);
    map.set(name, item);
  }
  return map;
}

function createUpcastersOrExplain(definition: SystemDefinition): Upcasters {
  try {
    return createUpcasters(definition.upcasters);
  } catch (error) {
    throw new DefinitionError((error as Error).message);
  }
}
