// The world of a run at one moment, as flat records keyed by id (as tldraw's
// store keeps them): aggregates, read-model rows, stalled projections, saga
// instances and the queues (outbox rows waiting, retries in flight, dead
// letters). Types and id helpers only. PURE KERNEL: reads no store, database,
// clock or random; imports only server/core types.

import type { JsonObject } from "../../core/definitions";
import type { SagaHistoryEntry, SagaStatus } from "../../core/sagaMachine";

/** An aggregate instance: its stream folded up to the moment (events upcast on read). */
export interface AggregateRecord {
  kind: "aggregate";
  aggregate: string;
  streamId: string;
  aggregateId: string;
  /** Stream version the state includes. */
  version: number;
  state: JsonObject;
  /** Set when the definition could not fold an event of the stream; the state is the last one it could. */
  error: string | null;
}

/** One row of a read model. */
export interface RowRecord {
  kind: "row";
  projection: string;
  key: string;
  row: JsonObject;
}

/** A projection whose handler failed: like the runtime, it stops at that event. */
export interface ProjectionStallRecord {
  kind: "projection-stall";
  projection: string;
  position: number;
  eventType: string;
  message: string;
}

/** A saga instance as its runtime last saved it. */
export interface SagaRecord {
  kind: "saga";
  sagaName: string;
  instanceId: string;
  correlationId: string;
  status: SagaStatus;
  step: number;
  completed: number[];
  compensating: number | null;
  data: JsonObject;
  history: SagaHistoryEntry[];
}

/** One enqueue of a message into the outbox, not yet published by the relay. */
export interface PendingSend {
  /** Trace entry that recorded the enqueue. */
  seq: number;
  at: number;
  /** Trace kind of the enqueue: append, command-sent, service-call, retry-scheduled, dead-lettered, redriven, command-rejected. */
  via: string;
  from: string | null;
  to: string | null;
  summary: string;
}

/** The outbox rows of one message id still waiting for the relay (usually one). */
export interface OutboxRecord {
  kind: "outbox";
  messageId: string;
  /** Oldest first; the relay publishes in this order. */
  pending: PendingSend[];
}

/** A failed delivery waiting for its next attempt. */
export interface RetryRecord {
  kind: "retry";
  /** Node (consumer group, saga, reaction or service name) that failed. */
  node: string;
  messageId: string;
  /** The attempt that failed; the next delivery is attempt + 1. */
  attempt: number;
  delayMs: number;
  /** Clock time of the next attempt. */
  dueAt: number;
  retryTopic: string | null;
  at: number;
  summary: string;
}

/** A dead letter and what became of it by that moment. */
export interface DeadLetterRecord {
  kind: "dead-letter";
  /** Id in the run's dead-letter table. */
  id: number;
  messageId: string;
  node: string;
  /** The `_dlq.<topic>` it was published to. */
  topic: string | null;
  reason: string;
  status: "dead" | "redriven" | "discarded";
  at: number;
  resolvedAt: number | null;
  summary: string;
}

export type WorldRecord =
  | AggregateRecord
  | RowRecord
  | ProjectionStallRecord
  | SagaRecord
  | OutboxRecord
  | RetryRecord
  | DeadLetterRecord;

export type WorldRecordKind = WorldRecord["kind"];

const part = (text: string) => encodeURIComponent(text);

/** Record ids: the kind, then the identifying parts, URI-encoded and joined by ":". */
export const recordId = {
  aggregate: (streamId: string) => `aggregate:${part(streamId)}`,
  row: (projection: string, key: string) => `row:${part(projection)}:${part(key)}`,
  stall: (projection: string) => `projection-stall:${part(projection)}`,
  saga: (sagaName: string, instanceId: string) => `saga:${part(sagaName)}:${part(instanceId)}`,
  outbox: (messageId: string) => `outbox:${part(messageId)}`,
  retry: (node: string, messageId: string) => `retry:${part(node)}:${part(messageId)}`,
  deadLetter: (id: number) => `dead-letter:${id}`,
} as const;

/** The id of a record, from its own fields. */
export function idOf(record: WorldRecord): string {
  switch (record.kind) {
    case "aggregate":
      return recordId.aggregate(record.streamId);
    case "row":
      return recordId.row(record.projection, record.key);
    case "projection-stall":
      return recordId.stall(record.projection);
    case "saga":
      return recordId.saga(record.sagaName, record.instanceId);
    case "outbox":
      return recordId.outbox(record.messageId);
    case "retry":
      return recordId.retry(record.node, record.messageId);
    case "dead-letter":
      return recordId.deadLetter(record.id);
    default: {
      const unknown: never = record;
      throw new Error(`Unknown world record ${JSON.stringify(unknown)}.`);
    }
  }
}
