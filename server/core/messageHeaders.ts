// Names of the transport headers the runtime and the store agree on (the same
// names travel over Kafka). Constants only.

export const HEADER = {
  /** Message type: an event type, "command", "service.call" or "command.rejected". */
  type: "type",
  correlationId: "correlation-id",
  causationId: "causation-id",
  /** Number of retries already made (0 or absent on the first delivery). */
  retryCount: "retry-count",
  /** Only this consumer group may handle the message (retries and redrives). */
  targetGroup: "target-group",
  /** Clock time (ms) before which the message must not be delivered. */
  dueAt: "due-at",
  /** Topic of the first delivery, on `_retry.<topic>` messages. */
  originalTopic: "original-topic",
  /** JSON array of the errors of earlier attempts. */
  errors: "errors",
  /** Clock time (ms) of the first failure. */
  firstFailureAt: "first-failure-at",
} as const;

/** Retries of `topic` travel through this topic. */
export function retryTopic(topic: string): string {
  return `_retry.${topic}`;
}

/** Dead letters of `topic` are published to this topic. */
export function deadLetterTopic(topic: string): string {
  return `_dlq.${topic}`;
}

/** Headers that belong to one delivery attempt and are dropped when a message is redriven. */
export const ATTEMPT_HEADERS: readonly string[] = [
  HEADER.retryCount,
  HEADER.targetGroup,
  HEADER.dueAt,
  HEADER.originalTopic,
  HEADER.errors,
  HEADER.firstFailureAt,
];
