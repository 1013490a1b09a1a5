// Test helper: a projection computed by hand as a fold of the whole log, to
// compare with what the engine's projection runner stored.

import type { JsonObject, ProjectionDefinition } from "../../core/definitions";
import { applyRowOperation } from "../../core/projectionOps";
import type { Upcasters } from "../../core/upcasting";
import type { RunStore } from "../../store";

export async function foldProjection(store: RunStore, projection: ProjectionDefinition, upcasters: Upcasters): Promise<Record<string, JsonObject>> {
  const rows = new Map<string, JsonObject>();
  const types = new Set(projection.eventTypes);
  for (let after = 0; ; ) {
    const batch = store.events.readAll({ after, limit: 5000 });
    if (batch.length === 0) break;
    for (const stored of batch) {
      const event = upcasters.upcast(stored);
      if (!types.has(event.type)) continue;
      for (const op of await projection.handle(event, { get: (key) => rows.get(key) })) {
        const row = applyRowOperation(rows.get(op.key), op);
        if (row === undefined) rows.delete(op.key);
        else rows.set(op.key, row);
      }
    }
    after = batch[batch.length - 1]!.position;
  }
  return Object.fromEntries([...rows].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The rows a projection has stored, keyed like foldProjection's result. */
export function storedRows(store: RunStore, projection: string): Record<string, JsonObject> {
  return Object.fromEntries(store.projections.list(projection, { limit: 1_000_000 }).map((row) => [row.key, row.data]));
}
