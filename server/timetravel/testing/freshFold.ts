// Test reference: the world at chosen event indexes by a fresh fold from the
// first event, sharing nothing with the timeline's machinery (no keyframes,
// no diffs, no cursor). Aggregates and read models are folded here with the
// core's evolve, upcasters and row operations; the trace's moments are cut by
// a binary search over the append hops; trace hops go through the kernel's
// foldTrace (its meaning is checked against the store's own tables elsewhere).

import type { JsonObject, RecordedEvent, SystemDefinition } from "../../core/definitions";
import { applyRowOperation } from "../../core/projectionOps";
import { createUpcasters } from "../../core/upcasting";
import type { RunStore } from "../../store";
import { foldTrace } from "../kernel/foldTrace";
import type { AggregateRecord, ProjectionStallRecord, RowRecord, WorldRecord } from "../kernel/records";
import { viewOf, type WorldView } from "../kernel/view";
import { createWorld } from "../kernel/world";

const PAGE = 5_000;

/** Calls `visit` with the view after each of `indexes` (ascending), folding the run's log once from the start. */
export async function freshFold(store: RunStore, definition: SystemDefinition, indexes: readonly number[], visit: (index: number, view: WorldView) => void): Promise<void> {
  const upcasters = createUpcasters(definition.upcasters);
  const aggregates = new Map<string, AggregateRecord>();
  const rows = new Map<string, Map<string, JsonObject>>(definition.projections.map((p) => [p.name, new Map()]));
  const stalls = new Map<string, ProjectionStallRecord>();
  const queues = createWorld();
  const appends = appendHops(store);
  const wanted = [...indexes];

  let traceAfter = 0;
  let traceBuffer = store.trace.read(0, PAGE);
  let next = 0;
  /** Folds every trace entry with seq below `cut` (all of them when undefined). */
  const foldTraceUpTo = (cut: number | undefined) => {
    for (;;) {
      if (next === traceBuffer.length) {
        traceBuffer = store.trace.read(traceAfter, PAGE);
        next = 0;
        if (traceBuffer.length === 0) return;
      }
      const entry = traceBuffer[next]!;
      if (cut !== undefined && entry.seq >= cut) return;
      foldTrace(queues, entry);
      traceAfter = entry.seq;
      next++;
    }
  };
  const emit = (index: number) => {
    while (wanted[0] === index) {
      wanted.shift();
      visit(index, viewOf(snapshot(), definition.projections.map((p) => p.name)));
    }
  };
  const snapshot = (): WorldRecord[] => [
    ...aggregates.values(),
    ...[...rows].flatMap(([projection, byKey]) => [...byKey].map(([key, row]): RowRecord => ({ kind: "row", projection, key, row }))),
    ...stalls.values(),
    ...queues.records.values(),
  ];

  foldTraceUpTo(appends.firstAfter(0));
  emit(0);
  let index = 0;
  for (let after = 0; wanted.length > 0; ) {
    const page = store.events.readAll({ after, limit: PAGE });
    if (page.length === 0) break;
    for (const stored of page) {
      index++;
      await foldEventByHand(stored);
      foldTraceUpTo(appends.firstAfter(stored.position));
      emit(index);
    }
    after = page[page.length - 1]!.position;
  }
  if (wanted.length > 0) throw new Error(`The log has ${index} events; indexes ${wanted.join(", ")} are past its end.`);

  async function foldEventByHand(stored: RecordedEvent): Promise<void> {
    const event = upcasters.upcast(stored);
    const owner = [...definition.aggregates]
      .filter((a) => stored.streamId.startsWith(`${a.streamPrefix}-`))
      .sort((a, b) => b.streamPrefix.length - a.streamPrefix.length)[0];
    if (owner) {
      const current = aggregates.get(stored.streamId);
      const state = current?.state ?? structuredClone(owner.initialState);
      const base = { kind: "aggregate", aggregate: owner.name, streamId: stored.streamId, aggregateId: stored.streamId.slice(owner.streamPrefix.length + 1), version: stored.streamVersion } as const;
      try {
        aggregates.set(stored.streamId, { ...base, state: owner.evolve(state, { type: event.type, data: event.data }), error: null });
      } catch (error) {
        aggregates.set(stored.streamId, { ...base, state, error: (error as Error).message });
      }
    }
    for (const projection of definition.projections) {
      if (!projection.eventTypes.includes(event.type) || stalls.has(projection.name)) continue;
      const table = rows.get(projection.name)!;
      try {
        for (const op of await projection.handle(event, { get: (key) => table.get(key) })) {
          const row = applyRowOperation(table.get(op.key), op);
          if (row === undefined) table.delete(op.key);
          else table.set(op.key, row);
        }
      } catch (error) {
        stalls.set(projection.name, { kind: "projection-stall", projection: projection.name, position: event.position, eventType: event.type, message: (error as Error).message });
      }
    }
  }
}

/** The append hops' seqs and positions (both increase together), to find where an event's moment ends. */
function appendHops(store: RunStore): { firstAfter(position: number): number | undefined } {
  const hops = store.db
    .prepare<[string], { seq: number; position: number }>("SELECT seq, position FROM trace WHERE run_id = ? AND kind = 'append' ORDER BY seq")
    .all(store.runId);
  return {
    firstAfter(position) {
      let low = 0;
      let high = hops.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (hops[middle]!.position > position) high = middle;
        else low = middle + 1;
      }
      return hops[low]?.seq;
    },
  };
}
