// What folding needs from a SystemDefinition: the upcasters, which aggregate
// owns a stream (by its `${streamPrefix}-` prefix, the longest that matches),
// and the projections with their event types. PURE KERNEL: no store, database,
// clock or random.

import type { AggregateDefinition, ProjectionDefinition, SystemDefinition } from "../../core/definitions";
import { createUpcasters, type Upcasters } from "../../core/upcasting";
import { recordId } from "./records";

export interface StreamOwner {
  aggregate: AggregateDefinition;
  aggregateId: string;
}

export interface FoldProjection {
  definition: ProjectionDefinition;
  types: ReadonlySet<string>;
  /** Id of the record that marks it stalled. */
  stallId: string;
}

export interface FoldDefinition {
  upcasters: Upcasters;
  /** The aggregate a stream belongs to, or undefined (e.g. a service's reply stream). */
  ownerOf(streamId: string): StreamOwner | undefined;
  projections: readonly FoldProjection[];
  /** Stored event types read as one of `types` (themselves included). */
  storedTypesFor(types: readonly string[]): string[];
}

export function foldDefinitionOf(definition: SystemDefinition): FoldDefinition {
  const upcasters = createUpcasters(definition.upcasters);
  const byPrefix = [...definition.aggregates].sort((a, b) => b.streamPrefix.length - a.streamPrefix.length);
  /** Owners of the streams met so far (as many as the world has aggregates). */
  const owners = new Map<string, StreamOwner | undefined>();
  const findOwner = (streamId: string): StreamOwner | undefined => {
    for (const aggregate of byPrefix) {
      const prefix = `${aggregate.streamPrefix}-`;
      if (streamId.startsWith(prefix)) return { aggregate, aggregateId: streamId.slice(prefix.length) };
    }
    return undefined;
  };
  return {
    upcasters,
    ownerOf(streamId) {
      if (owners.has(streamId)) return owners.get(streamId);
      const owner = findOwner(streamId);
      owners.set(streamId, owner);
      return owner;
    },
    projections: definition.projections.map((projection) => ({ definition: projection, types: new Set(projection.eventTypes), stallId: recordId.stall(projection.name) })),
    storedTypesFor(types) {
      const wanted = new Set(types);
      const stored = new Set(types);
      for (const upcaster of definition.upcasters) if (wanted.has(upcasters.latestType(upcaster.from))) stored.add(upcaster.from);
      return [...stored];
    },
  };
}
