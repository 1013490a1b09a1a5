// Runs a projection over the run's event log (not the bus): reads events after
// its checkpoint, applies the handler's row operations in memory, then writes
// rows + checkpoint + trace in one transaction, so each event counts exactly
// once. Rebuild clears the rows and starts again from position 0; while it
// catches up with the log as it stood then, each batch is traced as one
// summarising hop instead of one hop per event.

import type { JsonObject, ProjectionDefinition, RecordedEvent, RowOperation } from "../core/definitions";
import { applyRowOperation } from "../core/projectionOps";
import type { TraceKind } from "../core/traceKinds";
import type { TraceInput } from "../store";
import { raiseAlert } from "./outgoing";
import { traceIds, type RunContext } from "./runContext";
import type { Worker } from "./scheduler";

const BATCH = 1000;

export interface ProjectionRunner extends Worker {
  readonly projection: string;
  /** Deletes the rows and the checkpoint; the next runs rebuild from the first event. */
  rebuild(): void;
  /** Position of the last event this projection has counted. */
  position(): number;
}

export const projectionCheckpoint = (name: string): string => `projection:${name}`;

export function createProjectionRunner(ctx: RunContext, projection: ProjectionDefinition): ProjectionRunner {
  const { store } = ctx;
  const checkpoint = projectionCheckpoint(projection.name);
  const types = new Set(projection.eventTypes);
  let position = store.checkpoints.get(checkpoint);
  let failedAt: number | undefined;
  /** Head of the log when a rebuild began: events up to it are traced per batch. */
  let rebuildThrough = 0;

  async function runOnce(): Promise<boolean> {
    const batch = store.events.readAll({ after: position, limit: BATCH });
    if (batch.length === 0) return false;
    const rows = new Map<string, JsonObject | undefined>();
    const get = (key: string) => (rows.has(key) ? rows.get(key) : store.projections.get(projection.name, key));
    const handled: { event: RecordedEvent; ops: RowOperation[] }[] = [];
    let last = position;
    for (const stored of batch) {
      const event = ctx.system.upcasters.upcast(stored);
      if (types.has(event.type)) {
        let ops: RowOperation[];
        try {
          ops = await projection.handle(event, { get });
        } catch (error) {
          stopAt(event, error, rows, handled, last);
          return true;
        }
        for (const op of ops) rows.set(op.key, applyRowOperation(get(op.key), op));
        handled.push({ event, ops });
      }
      last = event.position;
    }
    write(rows, handled, last);
    return true;
  }

  function write(rows: Map<string, JsonObject | undefined>, handled: { event: RecordedEvent; ops: RowOperation[] }[], last: number): void {
    const now = ctx.clock.now();
    store.transaction(() => {
      for (const [key, row] of rows) {
        if (row === undefined) store.projections.delete(projection.name, key);
        else store.projections.upsert(projection.name, key, row, now);
      }
      store.checkpoints.set(checkpoint, last, now);
      store.trace.appendMany(traceOf(handled, last, now));
    });
    position = last;
    if (last >= rebuildThrough) rebuildThrough = 0;
  }

  /** One hop per handled event, except the part of a rebuild (one summarising hop for it). */
  function traceOf(handled: readonly { event: RecordedEvent; ops: RowOperation[] }[], last: number, now: number): TraceInput[] {
    const rebuilt = handled.filter(({ event }) => event.position <= rebuildThrough);
    const live = rebuilt.length === 0 ? handled : handled.filter(({ event }) => event.position > rebuildThrough);
    const hops: TraceInput[] = live.map(({ event, ops }) => ({
      at: now,
      kind: "projection-updated" satisfies TraceKind,
      ...traceIds(event.metadata),
      fromNode: event.type,
      toNode: projection.name,
      position: event.position,
      summary: `${projection.name} updated by ${event.type} (${ops.length} change${ops.length === 1 ? "" : "s"})`,
    }));
    if (rebuilt.length > 0) {
      const through = Math.min(last, rebuildThrough);
      const changes = rebuilt.reduce((sum, { ops }) => sum + ops.length, 0);
      hops.unshift({
        at: now,
        kind: "projection-updated" satisfies TraceKind,
        toNode: projection.name,
        position: through,
        summary: `${projection.name} rebuilt through position ${through}: ${rebuilt.length} event${rebuilt.length === 1 ? "" : "s"}, ${changes} change${changes === 1 ? "" : "s"}`,
        detail: { rebuild: true, events: rebuilt.length, changes },
      });
    }
    return hops;
  }

  /** Commits what came before the failing event, then stops until a rebuild or restart. */
  function stopAt(event: RecordedEvent, error: unknown, rows: Map<string, JsonObject | undefined>, handled: { event: RecordedEvent; ops: RowOperation[] }[], last: number): void {
    write(rows, handled, last);
    failedAt = event.position;
    const text = error instanceof Error ? error.message : String(error);
    store.transaction(() =>
      raiseAlert(ctx, "critical", projection.name, `Projection ${projection.name} stopped at position ${event.position} (${event.type}): ${text}`, event.metadata),
    );
  }

  return {
    name: `projection:${projection.name}`,
    projection: projection.name,
    async nextDue() {
      if (failedAt !== undefined) return undefined;
      return store.events.headPosition() > position ? ctx.clock.now() : undefined;
    },
    runOnce,
    rebuild() {
      store.transaction(() => {
        store.projections.clear(projection.name);
        store.checkpoints.set(checkpoint, 0, ctx.clock.now());
        ctx.trace("projection-rebuilt", { toNode: projection.name, summary: `${projection.name} cleared for a rebuild from the first event` });
      });
      position = 0;
      rebuildThrough = store.events.headPosition();
      failedAt = undefined;
    },
    position: () => position,
    async close() {},
  };
}
