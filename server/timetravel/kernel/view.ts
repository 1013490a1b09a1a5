// The world's records grouped the way the replay view shows them: aggregates
// by stream, read models by projection and key, saga instances by saga and
// instance id, and the queues as lists. Keys and lists come out sorted, so the
// same world always gives the same JSON. PURE KERNEL: no store, database,
// clock or random.

import type { JsonObject } from "../../core/definitions";
import type { AggregateRecord, DeadLetterRecord, PendingSend, ProjectionStallRecord, RetryRecord, SagaRecord, WorldRecord } from "./records";

export interface ReadModelView {
  rows: Record<string, JsonObject>;
  /** Set when the projection's handler failed at or before this moment (it stops there). */
  stalled: ProjectionStallRecord | null;
}

export interface OutboxPendingView extends PendingSend {
  messageId: string;
}

export interface WorldView {
  /** Stream id → the aggregate instance. */
  aggregates: Record<string, AggregateRecord>;
  /** Projection name → its rows by key; every projection of the definition is present. */
  readModels: Record<string, ReadModelView>;
  /** Saga name → instance id → the instance. */
  sagas: Record<string, Record<string, SagaRecord>>;
  queues: {
    /** Outbox rows not yet published, oldest first. */
    outbox: OutboxPendingView[];
    /** Failed deliveries waiting for their next attempt, soonest first. */
    retries: RetryRecord[];
    /** Every dead letter so far, with its status at this moment, by id. */
    deadLetters: DeadLetterRecord[];
  };
}

export function viewOf(records: Iterable<WorldRecord>, projections: readonly string[]): WorldView {
  const aggregates: AggregateRecord[] = [];
  const rows = new Map<string, [string, JsonObject][]>(projections.map((name) => [name, []]));
  const stalls = new Map<string, ProjectionStallRecord>();
  const sagas: SagaRecord[] = [];
  const outbox: OutboxPendingView[] = [];
  const retries: RetryRecord[] = [];
  const deadLetters: DeadLetterRecord[] = [];
  for (const record of records) {
    switch (record.kind) {
      case "aggregate":
        aggregates.push(record);
        break;
      case "row": {
        const list = rows.get(record.projection);
        if (list) list.push([record.key, record.row]);
        else rows.set(record.projection, [[record.key, record.row]]);
        break;
      }
      case "projection-stall":
        stalls.set(record.projection, record);
        break;
      case "saga":
        sagas.push(record);
        break;
      case "outbox":
        for (const send of record.pending) outbox.push({ messageId: record.messageId, ...send });
        break;
      case "retry":
        retries.push(record);
        break;
      case "dead-letter":
        deadLetters.push(record);
        break;
      default: {
        const unknown: never = record;
        throw new Error(`Unknown world record ${JSON.stringify(unknown)}.`);
      }
    }
  }

  // Built with Object.fromEntries, so a user's name such as "__proto__" stays an ordinary key.
  const readModels: Record<string, ReadModelView> = Object.fromEntries(
    [...new Set([...rows.keys(), ...stalls.keys()])].sort(compare).map((name) => {
      const byKey = (rows.get(name) ?? []).sort(([a], [b]) => compare(a, b));
      return [name, { rows: Object.fromEntries(byKey), stalled: stalls.get(name) ?? null }];
    }),
  );
  const bySaga = new Map<string, [string, SagaRecord][]>();
  for (const saga of sagas.sort((a, b) => compare(a.sagaName, b.sagaName) || compare(a.instanceId, b.instanceId))) {
    const list = bySaga.get(saga.sagaName);
    if (list) list.push([saga.instanceId, saga]);
    else bySaga.set(saga.sagaName, [[saga.instanceId, saga]]);
  }
  return {
    aggregates: Object.fromEntries(aggregates.sort((a, b) => compare(a.streamId, b.streamId)).map((a) => [a.streamId, a])),
    readModels,
    sagas: Object.fromEntries([...bySaga].map(([name, instances]) => [name, Object.fromEntries(instances)])),
    queues: {
      outbox: outbox.sort((a, b) => a.seq - b.seq),
      retries: retries.sort((a, b) => a.dueAt - b.dueAt || compare(a.node, b.node) || compare(a.messageId, b.messageId)),
      deadLetters: deadLetters.sort((a, b) => a.id - b.id),
    },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
