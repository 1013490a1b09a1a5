// Test helper: what a run ended with, independent of timing and transport — rows of
// every projection, saga statuses, dead letters, events by type and per stream — to
// compare a Kafka run with the same commands in-process.

import type { JsonObject } from "../../../core/definitions";
import type { Engine } from "../../engine";

export interface RunOutcome {
  rows: Record<string, Array<{ key: string; data: JsonObject }>>;
  sagas: Array<{ saga: string; id: string; status: string }>;
  deadLetters: Array<{ group: string; messageId: string; topic: string; attempts: number }>;
  eventsByType: Record<string, number>;
  /** Event types per stream, sorted: groups running side by side may interleave a stream differently. */
  streams: Record<string, string[]>;
}

const ALL = 1_000_000;

export function runOutcome(engine: Engine): RunOutcome {
  const { store } = engine;
  const rows: RunOutcome["rows"] = {};
  for (const projection of engine.system.definition.projections) {
    rows[projection.name] = store.projections.list(projection.name, { limit: ALL }).map(({ key, data }) => ({ key, data }));
  }
  const eventsByType: Record<string, number> = {};
  const streams: Record<string, string[]> = {};
  for (const event of engine.readAll({ limit: ALL })) {
    eventsByType[event.type] = (eventsByType[event.type] ?? 0) + 1;
    (streams[event.streamId] ??= []).push(event.type);
  }
  for (const types of Object.values(streams)) types.sort();
  return {
    rows,
    sagas: store.sagas
      .list()
      .map((s) => ({ saga: s.sagaName, id: s.instanceId, status: s.status }))
      .sort((a, b) => `${a.saga}/${a.id}`.localeCompare(`${b.saga}/${b.id}`)),
    deadLetters: store.deadLetters
      .list({ status: "dead", limit: ALL })
      .map((l) => ({ group: l.group, messageId: l.messageId, topic: l.originalTopic, attempts: l.attempts }))
      .sort((a, b) => `${a.group}/${a.messageId}`.localeCompare(`${b.group}/${b.messageId}`)),
    eventsByType,
    streams,
  };
}

/** Trace entries of one kind whose from-node is `node`. */
export function traced(engine: Engine, kind: string, node: string): number {
  return engine.store.trace.read(0, ALL).filter((entry) => entry.kind === kind && entry.fromNode === node).length;
}
