// Consumers: a group subscribed to topics (event types), a handler made of steps, a retry policy,
// dead-lettering and idempotency switches. Structure only.
import { z } from "zod";
import { ElementId, EventRef, Expr, LowerName, PascalName, Snippet } from "./common";
import { sendFields } from "./send";

/** CEL in every step sees `event` (the message data) and `meta` (type, topic, key, messageId, correlationId, attempt). */
export const ConsumerStep = z.discriminatedUnion("do", [
  z.strictObject({ do: z.literal("send"), ...sendFields, when: Expr.optional() }),
  /** Fail the delivery with a named error (retried, unless the name is non-retryable). */
  z.strictObject({ do: z.literal("fail"), when: Expr.optional(), error: PascalName, message: z.string().min(1).max(300) }),
  z.strictObject({
    do: z.literal("alert"),
    when: Expr.optional(),
    severity: z.enum(["info", "warning", "critical"]),
    message: z.string().min(1).max(300),
  }),
  /**
   * Custom logic in the sandbox: sees `event` and `meta`; may throw (the error's name decides retry or
   * dead letter); returns nothing or a list of `{ target, command, key, data }` to send.
   */
  z.strictObject({ do: z.literal("snippet"), code: Snippet }),
]);

/** Exponential backoff with jitter. Max retries 3 = up to 4 deliveries. */
export const RetryPolicy = z.strictObject({
  maxRetries: z.int().min(0).max(100),
  initialMs: z.int().min(0).max(3_600_000),
  multiplier: z.number().min(1).max(100),
  maxMs: z.int().min(0).max(86_400_000),
  jitter: z.number().min(0).max(1),
  /** Error names that go straight to the dead-letter queue. */
  nonRetryable: z.array(PascalName).default([]),
});

export const Consumer = z.strictObject({
  id: ElementId,
  group: LowerName,
  topics: z.array(EventRef).min(1, "a consumer needs at least one topic"),
  handler: z.array(ConsumerStep).min(1, "a consumer needs at least one handler step"),
  retry: RetryPolicy,
  /** true: exhausted or non-retryable messages go to `_dlq.<topic>`; false: they are dropped with an alert. */
  deadLetter: z.boolean().default(true),
  /** true: a message already processed by this group is skipped. */
  idempotent: z.boolean().default(true),
});

export const Outbox = z.strictObject({
  id: ElementId,
  aggregate: PascalName,
  batchSize: z.int().min(1).max(10_000),
  pollIntervalMs: z.int().min(0).max(3_600_000),
});

export type ConsumerStep = z.output<typeof ConsumerStep>;
export type RetryPolicy = z.output<typeof RetryPolicy>;
export type Consumer = z.output<typeof Consumer>;
export type Outbox = z.output<typeof Outbox>;
