// Folding one trace entry into the world: saga instances (the last note of a
// saga transition carries the instance as saved), the outbox (every enqueue
// the runtime traces, until the relay's publish), retries in flight (until the
// redelivery to the same node) and dead letters (until redriven or
// discarded). PURE KERNEL: reads no store, database, clock or random.

import type { JsonObject } from "../../core/definitions";
import type { TraceKind } from "../../core/traceKinds";
import { recordId, type DeadLetterRecord, type OutboxRecord, type PendingSend, type SagaRecord } from "./records";
import type { World } from "./world";

/** The fields of a trace entry that folding reads (the store's TraceEntry has them all). */
export interface TraceHop {
  seq: number;
  at: number;
  kind: string;
  fromNode: string | null;
  toNode: string | null;
  messageId: string | null;
  /** Global event position, for hops about a stored event. */
  position: number | null;
  summary: string;
  detail: JsonObject | null;
}

/** The kinds that change the world; the others only narrate. Readers may skip the rest, and first deliveries (no detail). */
export const STATEFUL_TRACE_KINDS: readonly TraceKind[] = [
  "append",
  "command-sent",
  "service-call",
  "command-rejected",
  "retry-scheduled",
  "dead-lettered",
  "redriven",
  "discarded",
  "outbox-publish",
  "delivery",
  "saga-started",
  "saga-step-started",
  "saga-step-succeeded",
  "saga-step-failed",
  "saga-completed",
  "saga-compensated",
  "compensation-started",
  "compensation-done",
  "compensation-failed",
];

export function foldTrace(world: World, hop: TraceHop): void {
  const kind = hop.kind as TraceKind;
  switch (kind) {
    case "append":
    case "command-sent":
    case "service-call":
      enqueue(world, hop, hop.messageId);
      return;
    case "command-rejected":
      enqueue(world, hop, stringField(hop.detail, "replyMessageId"));
      return;
    case "retry-scheduled":
      enqueue(world, hop, hop.messageId);
      scheduleRetry(world, hop);
      return;
    case "dead-lettered":
      enqueue(world, hop, hop.messageId);
      deadLetter(world, hop);
      return;
    case "redriven":
      enqueue(world, hop, hop.messageId);
      resolveDeadLetter(world, hop, "redriven");
      return;
    case "discarded":
      resolveDeadLetter(world, hop, "discarded");
      return;
    case "outbox-publish":
      publish(world, hop);
      return;
    case "delivery":
      // Only a redelivery (attempt > 1, named in its detail) ends a retry's wait.
      if (hop.toNode !== null && hop.messageId !== null && (numberField(hop.detail, "attempt") ?? 1) > 1) world.delete(recordId.retry(hop.toNode, hop.messageId));
      return;
    case "saga-started":
    case "saga-step-started":
    case "saga-step-succeeded":
    case "saga-step-failed":
    case "saga-completed":
    case "saga-compensated":
    case "compensation-started":
    case "compensation-done":
    case "compensation-failed":
      saveSaga(world, hop);
      return;
    case "command-accepted":
    case "command-duplicate":
    case "snapshot":
    case "duplicate-absorbed":
    case "handler-success":
    case "handler-failure":
    case "dropped":
    case "service-reply":
    case "projection-updated":
    case "projection-rebuilt":
    case "alert":
      return;
    default: {
      // A kind this build does not know (a newer runtime's): it narrates, it changes nothing here.
      const _unknown: never = kind;
      return;
    }
  }
}

function enqueue(world: World, hop: TraceHop, messageId: string | null): void {
  if (messageId === null) return;
  const id = recordId.outbox(messageId);
  const send: PendingSend = { seq: hop.seq, at: hop.at, via: hop.kind, from: hop.fromNode, to: hop.toNode, summary: hop.summary };
  const current = world.get(id) as OutboxRecord | undefined;
  world.set(id, { kind: "outbox", messageId, pending: current ? [...current.pending, send] : [send] });
}

function publish(world: World, hop: TraceHop): void {
  if (hop.messageId === null) return;
  const id = recordId.outbox(hop.messageId);
  const current = world.get(id) as OutboxRecord | undefined;
  if (!current) return;
  if (current.pending.length <= 1) world.delete(id);
  else world.set(id, { ...current, pending: current.pending.slice(1) });
}

function scheduleRetry(world: World, hop: TraceHop): void {
  if (hop.fromNode === null || hop.messageId === null) return;
  const delayMs = numberField(hop.detail, "delayMs") ?? 0;
  world.set(recordId.retry(hop.fromNode, hop.messageId), {
    kind: "retry",
    node: hop.fromNode,
    messageId: hop.messageId,
    attempt: numberField(hop.detail, "attempt") ?? 0,
    delayMs,
    dueAt: hop.at + delayMs,
    retryTopic: hop.toNode,
    at: hop.at,
    summary: hop.summary,
  });
}

function deadLetter(world: World, hop: TraceHop): void {
  const letterId = numberField(hop.detail, "deadLetterId");
  if (letterId === undefined || hop.messageId === null) return;
  world.set(recordId.deadLetter(letterId), {
    kind: "dead-letter",
    id: letterId,
    messageId: hop.messageId,
    node: hop.fromNode ?? "",
    topic: hop.toNode,
    reason: stringField(hop.detail, "reason") ?? "",
    status: "dead",
    at: hop.at,
    resolvedAt: null,
    summary: hop.summary,
  });
}

function resolveDeadLetter(world: World, hop: TraceHop, status: "redriven" | "discarded"): void {
  const letterId = numberField(hop.detail, "deadLetterId");
  if (letterId === undefined) return;
  const id = recordId.deadLetter(letterId);
  const current = world.get(id) as DeadLetterRecord | undefined;
  if (current) world.set(id, { ...current, status, resolvedAt: hop.at });
}

function saveSaga(world: World, hop: TraceHop): void {
  const instance = hop.detail?.instance;
  if (instance === null || typeof instance !== "object" || Array.isArray(instance)) return;
  const saga = { kind: "saga", ...instance } as unknown as SagaRecord;
  world.set(recordId.saga(saga.sagaName, saga.instanceId), saga);
}

function stringField(detail: JsonObject | null, name: string): string | null {
  const value = detail?.[name];
  return typeof value === "string" ? value : null;
}

function numberField(detail: JsonObject | null, name: string): number | undefined {
  const value = detail?.[name];
  return typeof value === "number" ? value : undefined;
}
