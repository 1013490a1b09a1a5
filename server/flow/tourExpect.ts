// Checks a tour expectation against what a run shows, through an observer the runtime side
// implements. Pure: it only compares; it never runs anything.
import type { Json, JsonObject } from "./json";
import type { Expectation } from "./tour";

type MaybePromise<T> = T | Promise<T>;

/** Read-only views of a run that tour expectations need. */
export interface TourObserver {
  aggregateState(aggregate: string, aggregateId: string): MaybePromise<JsonObject>;
  row(table: string, key: string): MaybePromise<JsonObject | undefined>;
  sagaStatus(saga: string, instanceId: string): MaybePromise<string | undefined>;
  alertCount(): MaybePromise<number>;
  /** Event types of a correlation, in log order. */
  eventTypes(correlationId: string): MaybePromise<string[]>;
  /** A stream's events as read (after upcasting). */
  streamEvents(aggregate: string, aggregateId: string): MaybePromise<Array<{ type: string; data: JsonObject }>>;
  latestSnapshotVersion(aggregate: string, aggregateId: string): MaybePromise<number | undefined>;
  /** Dead letters of a group still in the queue, oldest first. */
  deadLetters(group: string): MaybePromise<Array<{ topic: string; attempts: number; retryCount: number }>>;
  topicMessages(topic: string): MaybePromise<number>;
  /** Deliveries of `topic` (its retries included) to `group`. */
  deliveries(group: string, topic: string): MaybePromise<number>;
  /** Messages `group` handled successfully. */
  handled(group: string): MaybePromise<number>;
}

/** What the step's action did, as far as expectations care. */
export interface ActionOutcome {
  rejection?: string;
}

export interface ExpectationResult {
  ok: boolean;
  /** What was expected, as a sentence. */
  expected: string;
  /** What was found. */
  actual: string;
}

export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  }
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
}

/** Reads "items.1.sku" from a JSON value (numbers index lists). */
export function readPath(value: Json | undefined, path: string): Json | undefined {
  let current = value;
  for (const segment of path.split(".")) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (current !== null && typeof current === "object" && !Array.isArray(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

const show = (value: Json | undefined) => (value === undefined ? "nothing" : JSON.stringify(value));

function compare(expected: string, want: Json, got: Json | undefined): ExpectationResult {
  return { ok: jsonEqual(want, got), expected: `${expected} equals ${show(want)}`, actual: show(got) };
}

function atLeast(expected: string, want: number, got: number): ExpectationResult {
  return { ok: got >= want, expected: `${expected} is at least ${want}`, actual: String(got) };
}

function count(expected: string, want: number, got: number): ExpectationResult {
  return { ok: got === want, expected: `${expected} is ${want}`, actual: String(got) };
}

export async function checkExpectation(expectation: Expectation, observer: TourObserver, outcome: ActionOutcome): Promise<ExpectationResult> {
  switch (expectation.kind) {
    case "state": {
      const state = await observer.aggregateState(expectation.aggregate, expectation.aggregateId);
      return compare(`${expectation.aggregate} ${expectation.aggregateId} state.${expectation.path}`, expectation.equals, readPath(state, expectation.path));
    }
    case "row": {
      const row = await observer.row(expectation.table, expectation.key);
      return compare(`${expectation.table}[${expectation.key}].${expectation.field}`, expectation.equals, row?.[expectation.field]);
    }
    case "saga": {
      const status = await observer.sagaStatus(expectation.saga, expectation.instanceId);
      return compare(`saga ${expectation.saga} ${expectation.instanceId} status`, expectation.status, status);
    }
    case "alerts":
      return atLeast("the number of alerts", expectation.atLeast, await observer.alertCount());
    case "rejected":
      return compare("the rejection", expectation.message, outcome.rejection);
    case "event-sequence":
      return compare(`the events of ${expectation.correlationId}`, expectation.types, await observer.eventTypes(expectation.correlationId));
    case "events-include": {
      const types = await observer.eventTypes(expectation.correlationId);
      const missing = expectation.types.filter((type) => !types.includes(type));
      return { ok: missing.length === 0, expected: `the events of ${expectation.correlationId} include ${expectation.types.join(", ")}`, actual: JSON.stringify(types) };
    }
    case "stream-event": {
      const events = await observer.streamEvents(expectation.aggregate, expectation.aggregateId);
      const event = events[expectation.index];
      const label = `event ${expectation.index} of ${expectation.aggregate} ${expectation.aggregateId}`;
      if (event?.type !== expectation.type) return compare(`${label} type`, expectation.type, event?.type);
      if (expectation.field === undefined) return compare(`${label} type`, expectation.type, event.type);
      return compare(`${label} ${expectation.field}`, expectation.equals ?? null, event.data[expectation.field]);
    }
    case "snapshot":
      return compare(
        `the latest snapshot version of ${expectation.aggregate} ${expectation.aggregateId}`,
        expectation.version,
        await observer.latestSnapshotVersion(expectation.aggregate, expectation.aggregateId),
      );
    case "dead-letters":
      return count(`dead letters of ${expectation.group}`, expectation.count, (await observer.deadLetters(expectation.group)).length);
    case "dead-letter": {
      const letter = (await observer.deadLetters(expectation.group)).find((candidate) => candidate.topic === expectation.topic);
      const want = { topic: expectation.topic, attempts: expectation.attempts, retryCount: expectation.retryCount };
      return compare(`the oldest dead letter of ${expectation.group}`, want, letter);
    }
    case "topic-messages":
      return count(`messages on ${expectation.topic}`, expectation.count, await observer.topicMessages(expectation.topic));
    case "deliveries":
      return count(`deliveries of ${expectation.topic} to ${expectation.group}`, expectation.count, await observer.deliveries(expectation.group, expectation.topic));
    case "handled":
      return count(`messages handled by ${expectation.group}`, expectation.count, await observer.handled(expectation.group));
    default: {
      const unknownExpectation: never = expectation;
      throw new Error(`unknown expectation ${JSON.stringify(unknownExpectation)}`);
    }
  }
}
