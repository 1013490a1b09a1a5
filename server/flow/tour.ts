// The guided-tour schema: ordered steps, each with narration, one action (a command or a fault),
// the element to highlight and machine-checkable expectations of the outcome.
import { z } from "zod";
import { ElementId, EventRef, EventTypeName, FieldName, JsonObject, LowerName, PascalName } from "./schema";

export const Fault = z.discriminatedUnion("kind", [
  /** The next `count` calls of a service operation fail, whatever its failure rate. */
  z.strictObject({ kind: z.literal("fail-next-call"), service: PascalName, operation: PascalName, count: z.int().min(1).max(100).default(1) }),
  /** Deliver the latest message of `topic` to `group` once more, as a broker may after a crash. */
  z.strictObject({ kind: z.literal("duplicate-delivery"), group: LowerName, topic: EventRef }),
  /** Append an event in an old version straight into a stream, as an earlier release wrote it. */
  z.strictObject({
    kind: z.literal("legacy-event"),
    aggregate: PascalName,
    aggregateId: z.string().min(1),
    type: EventTypeName,
    data: JsonObject,
  }),
]);

export const TourAction = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("command"),
    aggregate: PascalName,
    aggregateId: z.string().min(1),
    command: PascalName,
    data: JsonObject.default({}),
    /** Shared by every message this command causes; expectations refer to it. */
    correlationId: z.string().min(1).optional(),
  }),
  z.strictObject({ kind: z.literal("fault"), fault: Fault }),
  /** Redrive the dead letters of a group (all of them, oldest first). */
  z.strictObject({ kind: z.literal("redrive"), group: LowerName }),
  /** Nothing to do: the step explains what is already on screen. */
  z.strictObject({ kind: z.literal("observe") }),
]);

const equals = { equals: z.json() };
const count = z.int().min(0);

export const Expectation = z.discriminatedUnion("kind", [
  /** A path (dots, list indexes as numbers) of an aggregate's current state. */
  z.strictObject({ kind: z.literal("state"), aggregate: PascalName, aggregateId: z.string(), path: z.string().min(1), ...equals }),
  z.strictObject({ kind: z.literal("row"), table: LowerName, key: z.string(), field: FieldName, ...equals }),
  z.strictObject({ kind: z.literal("saga"), saga: PascalName, instanceId: z.string(), status: z.enum(["running", "compensating", "completed", "compensated", "needs-attention"]) }),
  z.strictObject({ kind: z.literal("alerts"), atLeast: count }),
  /** The step's command was rejected with exactly this sentence. */
  z.strictObject({ kind: z.literal("rejected"), message: z.string().min(1) }),
  /** The event types of a correlation, in log order, exactly. */
  z.strictObject({ kind: z.literal("event-sequence"), correlationId: z.string(), types: z.array(EventRef).min(1) }),
  /** These event types occur in the correlation (any order, others allowed). */
  z.strictObject({ kind: z.literal("events-include"), correlationId: z.string(), types: z.array(EventRef).min(1) }),
  /** The event at `index` of a stream as read (after upcasting): its type and a field. */
  z.strictObject({
    kind: z.literal("stream-event"),
    aggregate: PascalName,
    aggregateId: z.string(),
    index: count,
    type: EventRef,
    field: FieldName.optional(),
    equals: z.json().optional(),
  }),
  z.strictObject({ kind: z.literal("snapshot"), aggregate: PascalName, aggregateId: z.string(), version: z.int().min(1) }),
  z.strictObject({ kind: z.literal("dead-letters"), group: LowerName, count }),
  /** Provenance of the oldest dead letter of a group. */
  z.strictObject({ kind: z.literal("dead-letter"), group: LowerName, topic: EventRef, attempts: z.int().min(1), retryCount: count }),
  /** Messages published on a topic, including `_retry.<topic>` and `_dlq.<topic>`. */
  z.strictObject({ kind: z.literal("topic-messages"), topic: z.string().min(1), count }),
  /** Deliveries of a topic to a group, retries included. */
  z.strictObject({ kind: z.literal("deliveries"), group: LowerName, topic: EventRef, count }),
  /** Messages a group handled successfully. */
  z.strictObject({ kind: z.literal("handled"), group: LowerName, count }),
]);

export const TourStep = z.strictObject({
  id: ElementId,
  title: z.string().min(1).max(120),
  narration: z.string().min(1).max(2000),
  /** Element ids to highlight on the canvas. */
  highlight: z.array(ElementId).min(1),
  action: TourAction,
  expect: z.array(Expectation).default([]),
});

export const TourSchema = z.strictObject({
  title: z.string().min(1).max(120),
  summary: z.string().min(1).max(2000),
  steps: z.array(TourStep).min(1),
});

export type Fault = z.output<typeof Fault>;
export type TourAction = z.output<typeof TourAction>;
export type Expectation = z.output<typeof Expectation>;
export type TourStep = z.output<typeof TourStep>;
export type Tour = z.output<typeof TourSchema>;
export type TourInput = z.input<typeof TourSchema>;
