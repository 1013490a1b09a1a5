// The kinds of hop the runtime records in the trace (and the canvas animates).
// Constants and types only.

export const TRACE_KINDS = [
  "command-sent", // a handler, saga or reaction sent a command (through the outbox)
  "command-accepted", // a command was decided and its events appended
  "command-rejected", // a guard refused a command
  "command-duplicate", // a command id already handled arrived again
  "append", // one event appended to a stream
  "snapshot", // a snapshot was taken
  "outbox-publish", // the relay published an outbox row to its topic
  "delivery", // a message was handed to a consumer group
  "duplicate-absorbed", // an idempotent group skipped a message id it had processed
  "handler-success",
  "handler-failure",
  "retry-scheduled",
  "dead-lettered",
  "dropped", // failed for good with dead-lettering off
  "redriven",
  "discarded",
  "service-call", // a call to a service was sent
  "service-reply", // a service answered with its success or failure event
  "saga-started",
  "saga-step-started",
  "saga-step-succeeded",
  "saga-step-failed",
  "saga-completed",
  "saga-compensated",
  "compensation-started",
  "compensation-done",
  "compensation-failed",
  "projection-updated",
  "projection-rebuilt",
  "alert",
] as const;

export type TraceKind = (typeof TRACE_KINDS)[number];
