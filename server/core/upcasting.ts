// Upcasting on read: a registry of upcasters by stored type, applied in a chain
// (v1 → v2 → v3) to produce the latest version. Pure; stored data is never
// rewritten.

import type { JsonObject, NewEvent, UpcasterDefinition } from "./definitions";

export interface Upcasters {
  /** True when events of this stored type are read as another type. */
  has(type: string): boolean;
  /** The event as the latest version of its type (the same object when nothing applies). */
  upcast<E extends NewEvent>(event: E): E;
  /** The type an event of `type` is read as. */
  latestType(type: string): string;
}

/** The upcaster list cannot be used: a type has two upcasters, or a chain loops. */
export class UpcasterDefinitionError extends Error {
  override readonly name = "UpcasterDefinitionError";
}

export function createUpcasters(definitions: UpcasterDefinition[]): Upcasters {
  const byType = new Map<string, UpcasterDefinition>();
  for (const definition of definitions) {
    if (byType.has(definition.from)) throw new UpcasterDefinitionError(`Event type ${definition.from} has more than one upcaster.`);
    byType.set(definition.from, definition);
  }
  for (const start of byType.keys()) {
    const seen = new Set<string>();
    for (let type: string | undefined = start; type !== undefined; type = byType.get(type)?.to) {
      if (seen.has(type)) throw new UpcasterDefinitionError(`The upcasters of ${start} loop back to ${type}.`);
      seen.add(type);
    }
  }

  function latestType(type: string): string {
    let current = type;
    for (let next = byType.get(current); next; next = byType.get(current)) current = next.to;
    return current;
  }

  return {
    has: (type) => byType.has(type),
    latestType,
    upcast<E extends NewEvent>(event: E): E {
      let upcaster = byType.get(event.type);
      if (!upcaster) return event;
      let type = event.type;
      let data: JsonObject = event.data;
      while (upcaster) {
        data = upcaster.upcast(data);
        type = upcaster.to;
        upcaster = byType.get(type);
      }
      return { ...event, type, data };
    },
  };
}
