// Row shapes and option types shared by the store's parts. Types only.

import type { AlertSeverity, JsonObject, MessageMetadata } from "../core/definitions";
import type { SagaStatus } from "../core/sagaMachine";

export type { SagaStatus };

/** any | no-stream (version 0) | stream-exists (version > 0) | an exact stream version. */
export type ExpectedVersion = "any" | "no-stream" | "stream-exists" | number;

/** An event ready to be stored: the caller chooses its id (appends are idempotent by it). */
export interface EventToAppend {
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: MessageMetadata;
}

/** Transport headers: strings only, as Kafka carries them. */
export type Headers = Record<string, string>;

/** A message waiting in the outbox (written in the same transaction as the events). */
export interface OutboxMessage {
  messageId: string;
  topic: string;
  key: string;
  headers: Headers;
  /** JSON text of the message envelope. */
  payload: string;
}

export interface OutboxRow extends OutboxMessage {
  id: number;
  createdAt: number;
}

/** A message on the in-process bus (one append-only log per topic). */
export interface TopicMessageInput extends OutboxMessage {
  /** Not deliverable before this clock time (retries, service latency). */
  dueAt: number;
}

export interface TopicMessage extends TopicMessageInput {
  /** Offset in the run's bus log (increasing across all topics of the run). */
  offset: number;
  createdAt: number;
}

export interface DeadLetterError {
  at: number;
  message: string;
  /** Error name (Error.name). */
  name: string;
  retryable: boolean;
}

export type DeadLetterStatus = "dead" | "redriven" | "discarded";

export interface DeadLetterInput {
  messageId: string;
  originalTopic: string;
  group: string;
  key: string;
  headers: Headers;
  payload: string;
  attempts: number;
  errors: DeadLetterError[];
  firstFailureAt: number;
  lastFailureAt: number;
}

export interface DeadLetter extends DeadLetterInput {
  id: number;
  status: DeadLetterStatus;
  resolvedAt: number | null;
}

export interface SagaRecord {
  sagaName: string;
  instanceId: string;
  status: SagaStatus;
  state: JsonObject;
  correlationId: string;
  /** 0 before the first save. */
  version: number;
  updatedAt: number;
}

export interface ProjectionRow {
  key: string;
  data: JsonObject;
  updatedAt: number;
}

export interface TraceInput {
  at: number;
  /** One of core/traceKinds.ts TraceKind. */
  kind: string;
  fromNode?: string | null;
  toNode?: string | null;
  messageId?: string | null;
  correlationId?: string | null;
  causationId?: string | null;
  /** Global event position when the hop concerns a stored event. */
  position?: number | null;
  summary: string;
  detail?: JsonObject | null;
}

export interface TraceEntry {
  seq: number;
  at: number;
  kind: string;
  fromNode: string | null;
  toNode: string | null;
  messageId: string | null;
  correlationId: string | null;
  causationId: string | null;
  position: number | null;
  summary: string;
  detail: JsonObject | null;
}

export interface AlertInput {
  at: number;
  severity: AlertSeverity;
  source: string;
  message: string;
}

export interface Alert extends AlertInput {
  id: number;
}
