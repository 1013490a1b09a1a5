// Folding one stored event into the world: the owning aggregate's evolve (the
// event upcast first) and every projection that handles its type, applying
// the row operations as the runtime does. A projection that throws stalls
// there, as the runtime's does. PURE KERNEL: reads no store, database, clock
// or random; the only asynchrony is a projection handler that returns a promise.

import type { JsonObject, RecordedEvent, RowOperation } from "../../core/definitions";
import { applyRowOperation } from "../../core/projectionOps";
import type { FoldDefinition, FoldProjection } from "./foldDefinition";
import { recordId, type AggregateRecord, type RowRecord } from "./records";
import type { World } from "./world";

/** Folds `stored` (as read from the log, before upcasting). Returns a promise only when a projection handler does. */
export function foldEvent(world: World, fold: FoldDefinition, stored: RecordedEvent): void | Promise<void> {
  const event = fold.upcasters.upcast(stored);
  evolveAggregate(world, fold, event);
  return project(world, fold, event, 0);
}

/** Runs the projections from index `from` on; goes asynchronous only when a handler does. */
function project(world: World, fold: FoldDefinition, event: RecordedEvent, from: number): void | Promise<void> {
  for (let i = from; i < fold.projections.length; i++) {
    const projection = fold.projections[i]!;
    if (!projection.types.has(event.type) || world.get(projection.stallId)) continue;
    const outcome = handle(world, projection, event);
    if (outcome instanceof Promise) return outcome.then(() => project(world, fold, event, i + 1));
  }
}

function evolveAggregate(world: World, fold: FoldDefinition, event: RecordedEvent): void {
  const owner = fold.ownerOf(event.streamId);
  if (!owner) return;
  const id = recordId.aggregate(event.streamId);
  const current = world.get(id) as AggregateRecord | undefined;
  const state = current ? current.state : structuredClone(owner.aggregate.initialState);
  const base = { kind: "aggregate", aggregate: owner.aggregate.name, streamId: event.streamId, aggregateId: owner.aggregateId, version: event.streamVersion } as const;
  let next: JsonObject;
  try {
    next = owner.aggregate.evolve(state, { type: event.type, data: event.data });
  } catch (error) {
    world.set(id, { ...base, state, error: messageOf(error) });
    return;
  }
  world.set(id, { ...base, state: next, error: null });
}

function handle(world: World, projection: FoldProjection, event: RecordedEvent): void | Promise<void> {
  const name = projection.definition.name;
  const get = (key: string) => (world.get(recordId.row(name, key)) as RowRecord | undefined)?.row;
  let ops: RowOperation[] | Promise<RowOperation[]>;
  try {
    ops = projection.definition.handle(event, { get });
  } catch (error) {
    stall(world, name, event, error);
    return;
  }
  if (ops instanceof Promise) {
    return ops.then(
      (resolved) => applyOps(world, name, resolved),
      (error: unknown) => stall(world, name, event, error),
    );
  }
  applyOps(world, name, ops);
}

function applyOps(world: World, projection: string, ops: readonly RowOperation[]): void {
  for (const op of ops) {
    const id = recordId.row(projection, op.key);
    const row = applyRowOperation((world.get(id) as RowRecord | undefined)?.row, op);
    if (row === undefined) world.delete(id);
    else world.set(id, { kind: "row", projection, key: op.key, row });
  }
}

function stall(world: World, projection: string, event: RecordedEvent, error: unknown): void {
  world.set(recordId.stall(projection), { kind: "projection-stall", projection, position: event.position, eventType: event.type, message: messageOf(error) });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
