// A consumer group on the transport: takes the oldest due message among its
// topics (and their `_retry.` topics), skips messages addressed to other groups,
// absorbs duplicates when idempotent, runs the handler, and commits the
// handler's writes + processed id + trace + offset in one transaction. A failure is
// retried with backoff through `_retry.<topic>` or dead-lettered with provenance.
// Injected faults (faults.ts) make deliveries throw, take longer, or come again.

import { HandlerError, type DeliveredMessage, type RetryPolicyDefinition } from "../core/definitions";
import { ATTEMPT_HEADERS, deadLetterTopic, HEADER, retryTopic } from "../core/messageHeaders";
import { randomFor } from "../core/random";
import { decideRetry, type RetryDecision } from "../core/retryPolicy";
import type { DeadLetterError, Headers } from "../store";
import { decodeDelivery } from "./envelope";
import { INJECTED_ERROR, INJECTED_NON_RETRYABLE_ERROR } from "./faults";
import { raiseAlert } from "./outgoing";
import { traceIds, type RunContext } from "./runContext";
import type { Worker } from "./scheduler";
import type { Delivery, Transport } from "./transport";

/** What a group does with a message. */
export interface GroupHandler {
  /** Consumer group name (checkpoints, processed ids, dead letters). */
  group: string;
  /** Node name in the trace. */
  node: string;
  topics: string[];
  idempotent: boolean;
  retry: RetryPolicyDefinition;
  deadLetter: boolean;
  /**
   * The work that may wait (handlers may be async); resolves to the writes to
   * commit, which run synchronously inside the delivery's transaction. Throwing
   * (here or in the writes) is a failure of this attempt.
   */
  handle(message: DeliveredMessage): Promise<() => void>;
}

/** Errors of these names are never retried: the definition itself is wrong, or a fault says so. */
const NEVER_RETRIED = ["DefinitionError", INJECTED_NON_RETRYABLE_ERROR];

export function createGroupRunner(ctx: RunContext, transport: Transport, handler: GroupHandler): Worker {
  const { store } = ctx;
  const subscription = transport.subscribe(handler.group, [...handler.topics, ...handler.topics.map(retryTopic)]);
  /** Clock time of the last delivery handled; a slowed group handles the next one `slowMs` after it. */
  let busyUntil = Number.NEGATIVE_INFINITY;

  /** When a head may be handled: its due time, later while the group is slowed by a fault. */
  const dueOf = (head: Delivery, now: number) => {
    if (addressedElsewhere(head)) return now;
    const slow = ctx.faults.slowMs(handler.group);
    return slow > 0 ? Math.max(head.dueAt, busyUntil) + slow : head.dueAt;
  };

  const addressedElsewhere = (delivery: Delivery) => {
    const target = delivery.headers[HEADER.targetGroup];
    return target !== undefined && target !== handler.group;
  };

  async function pick(): Promise<Delivery | undefined> {
    const now = ctx.clock.now();
    let best: Delivery | undefined;
    for (const head of await subscription.heads()) {
      if (dueOf(head, now) > now) continue;
      if (!best || head.offset < best.offset) best = head;
    }
    return best;
  }

  /** Handles one delivery; `commitOffset` runs inside the transaction that records the outcome. */
  async function deliver(delivery: Delivery, commitOffset: () => void): Promise<void> {
    const originalTopic = delivery.headers[HEADER.originalTopic] ?? delivery.topic;
    const attempt = Number(delivery.headers[HEADER.retryCount] ?? 0) + 1;
    const message = decodeDelivery(delivery, ctx.system.upcasters, originalTopic, attempt);
    const traceDelivery = () =>
      ctx.trace("delivery", {
        ...traceIds(message.metadata),
        fromNode: originalTopic,
        toNode: handler.node,
        summary: `${message.type} delivered to ${handler.node}${attempt > 1 ? ` (attempt ${attempt})` : ""}`,
        // A redelivery after a retry names its attempt, so time travel can tell when the retry stopped waiting.
        ...(attempt > 1 ? { detail: { attempt } } : {}),
      });

    if (handler.idempotent && store.processed.has(handler.group, message.messageId)) {
      store.transaction(() => {
        traceDelivery();
        ctx.trace("duplicate-absorbed", { ...traceIds(message.metadata), fromNode: handler.node, summary: `${handler.node} already processed ${message.messageId}` });
        commitOffset();
      });
      return;
    }
    try {
      const injected = ctx.faults.takeHandlerError(handler.group, ctx.clock.now());
      if (injected) {
        throw new HandlerError(injected.retryable ? INJECTED_ERROR : INJECTED_NON_RETRYABLE_ERROR, `injected ${injected.retryable ? "retryable" : "non-retryable"} failure`);
      }
      const writes = await handler.handle(message);
      store.transaction(() => {
        traceDelivery();
        writes();
        if (handler.idempotent) store.processed.add(handler.group, message.messageId, ctx.clock.now());
        ctx.trace("handler-success", { ...traceIds(message.metadata), fromNode: handler.node, summary: `${handler.node} handled ${message.type}` });
        // An injected duplicate: the offset stays where it was, so the message comes again.
        if (!ctx.faults.takeDuplicate(handler.group, ctx.clock.now())) commitOffset();
      });
    } catch (error) {
      store.transaction(() => {
        traceDelivery();
        fail(delivery, message, originalTopic, error);
        commitOffset();
      });
    }
  }

  function fail(delivery: Delivery, message: DeliveredMessage, originalTopic: string, error: unknown): void {
    const now = ctx.clock.now();
    const name = error instanceof Error ? error.name : "Error";
    const text = error instanceof Error ? error.message : String(error);
    const draw = randomFor(ctx.seed, `${handler.group}|${message.messageId}|${message.attempt}`);
    const decision: RetryDecision =
      NEVER_RETRIED.includes(name) ? { action: "dead-letter", reason: "non-retryable" } : decideRetry(handler.retry, message.attempt, name, draw);
    const errors: DeadLetterError[] = [
      ...(JSON.parse(delivery.headers[HEADER.errors] ?? "[]") as DeadLetterError[]),
      { at: now, name, message: text, retryable: !(decision.action === "dead-letter" && decision.reason === "non-retryable") },
    ];
    const firstFailureAt = Number(delivery.headers[HEADER.firstFailureAt] ?? now);
    const headers: Headers = {};
    for (const [key, value] of Object.entries(delivery.headers)) if (!ATTEMPT_HEADERS.includes(key)) headers[key] = value;
    const ids = traceIds(message.metadata);
    ctx.trace("handler-failure", { ...ids, fromNode: handler.node, summary: `${handler.node} failed on ${message.type}: ${text}`, detail: { error: name, attempt: message.attempt } });

    if (decision.action === "retry") {
      const retryHeaders: Headers = {
        ...headers,
        [HEADER.retryCount]: String(message.attempt),
        [HEADER.targetGroup]: handler.group,
        [HEADER.dueAt]: String(now + decision.delayMs),
        [HEADER.originalTopic]: originalTopic,
        [HEADER.errors]: JSON.stringify(errors),
        [HEADER.firstFailureAt]: String(firstFailureAt),
      };
      store.outbox.enqueue([{ messageId: message.messageId, topic: retryTopic(originalTopic), key: delivery.key, headers: retryHeaders, payload: delivery.payload }], now);
      ctx.trace("retry-scheduled", {
        ...ids,
        fromNode: handler.node,
        toNode: retryTopic(originalTopic),
        summary: `Retry ${message.attempt} of ${message.type} for ${handler.node} in ${decision.delayMs} ms`,
        detail: { delayMs: decision.delayMs, attempt: message.attempt },
      });
      return;
    }
    if (!handler.deadLetter) {
      ctx.trace("dropped", { ...ids, fromNode: handler.node, summary: `${handler.node} dropped ${message.type} after ${message.attempt} attempt(s)` });
      raiseAlert(ctx, "warning", handler.node, `${handler.node} dropped message ${message.messageId} (${message.type}) after ${message.attempt} attempt(s): ${text}`, message.metadata);
      return;
    }
    const existing = store.deadLetters.findDead(handler.group, message.messageId);
    if (existing) {
      ctx.trace("duplicate-absorbed", { ...ids, fromNode: handler.node, summary: `${message.messageId} is already dead letter ${existing.id} of ${handler.node}` });
      return;
    }
    const letterId = store.deadLetters.add({
      messageId: message.messageId,
      originalTopic,
      group: handler.group,
      key: delivery.key,
      headers,
      payload: delivery.payload,
      attempts: message.attempt,
      errors,
      firstFailureAt,
      lastFailureAt: now,
    });
    const provenance: Headers = {
      ...headers,
      [HEADER.targetGroup]: handler.group,
      [HEADER.retryCount]: String(message.attempt - 1),
      [HEADER.originalTopic]: originalTopic,
      [HEADER.errors]: JSON.stringify(errors),
      [HEADER.firstFailureAt]: String(firstFailureAt),
    };
    store.outbox.enqueue([{ messageId: message.messageId, topic: deadLetterTopic(originalTopic), key: delivery.key, headers: provenance, payload: delivery.payload }], now);
    ctx.trace("dead-lettered", {
      ...ids,
      fromNode: handler.node,
      toNode: deadLetterTopic(originalTopic),
      summary: `${message.type} dead-lettered by ${handler.node} (${decision.reason}) after ${message.attempt} attempt(s)`,
      detail: { deadLetterId: letterId, reason: decision.reason },
    });
  }

  return {
    name: `group:${handler.group}`,
    async nextDue() {
      let due: number | undefined;
      const now = ctx.clock.now();
      for (const head of await subscription.heads()) {
        const at = dueOf(head, now);
        if (due === undefined || at < due) due = at;
      }
      return due;
    },
    async runOnce() {
      const delivery = await pick();
      if (!delivery) return false;
      let committed: Promise<void> = Promise.resolve();
      const commitOffset = () => {
        committed = subscription.commit(delivery);
      };
      if (addressedElsewhere(delivery)) commitOffset();
      else {
        await deliver(delivery, commitOffset);
        busyUntil = ctx.clock.now();
      }
      await committed;
      return true;
    },
    close: () => subscription.close(),
  };
}
