// The event log of one run: append with optimistic concurrency and idempotency by
// event id, read a stream (either direction), read all in commit order, fold a
// stream on the hot path, and subscribe to new appends. Prepared statements are
// created once; one indexed query reads a stream's version.

import type { JsonObject, RecordedEvent } from "../core/definitions";
import type { SqliteDatabase } from "./database";
import { EVENT_COLUMNS, eventOfRawRow, eventOfRow, type EventRow, type RawEventRow } from "./eventRow";
import { EventIdConflictError, WrongExpectedVersionError } from "./errors";
import { createNotifier, type Subscription } from "./notifier";
import type { Transactions } from "./transactions";
import type { EventToAppend, ExpectedVersion } from "./types";

export interface AppendOptions {
  /** Default "any". */
  expectedVersion?: ExpectedVersion;
  /** Clock time (ms) stored as recordedAt. */
  now: number;
}

export interface AppendResult {
  streamId: string;
  /** The stream's version after the append (pass it as expectedVersion next time). */
  nextExpectedVersion: number;
  /** The stored events, in order; for a retried append, the ones stored the first time. */
  events: RecordedEvent[];
  /** true when every event id was already stored by an earlier identical append: nothing was written. */
  duplicate: boolean;
}

export interface ReadStreamOptions {
  /** First stream version to read (forwards: default 1; backwards: default the last). */
  from?: number;
  /** Last stream version to read, inclusive (forwards: default the last; backwards: default 1). */
  to?: number;
  direction?: "forwards" | "backwards";
  limit?: number;
}

export interface ReadAllOptions {
  /** Read events with a global position strictly greater than this; default 0. */
  after?: number;
  /** Default 1000. */
  limit?: number;
}

/** Hot-path reducer: receives the stored type and the parsed data only. */
export type StreamReducer<S> = (state: S, type: string, data: JsonObject, streamVersion: number) => S;

export interface EventStore {
  appendToStream(streamId: string, events: EventToAppend[], options: AppendOptions): AppendResult;
  readStream(streamId: string, options?: ReadStreamOptions): RecordedEvent[];
  readAll(options?: ReadAllOptions): RecordedEvent[];
  /** Folds the stream's events after `afterVersion` (0 = all) without parsing metadata. */
  foldStream<S>(streamId: string, afterVersion: number, initial: S, reduce: StreamReducer<S>): { state: S; version: number };
  /** Current version of a stream; 0 when it does not exist. */
  streamVersion(streamId: string): number;
  /** Whether an event with this id is stored. */
  hasEvent(eventId: string): boolean;
  /** Highest global position of the run; 0 when the log is empty. */
  headPosition(): number;
  /** Clock time of the last appended event, or undefined. */
  lastRecordedAt(): number | undefined;
  /**
   * Delivers every event after `after` in commit order, in batches, then new
   * ones as they are committed by this process. Deliveries are asynchronous
   * (microtasks), never inside the appender's call.
   */
  subscribe(after: number, onEvents: (events: RecordedEvent[]) => void): Subscription;
}

const NO_LIMIT = -1;
const SUBSCRIPTION_BATCH = 500;

export function createEventStore(db: SqliteDatabase, tx: Transactions, runId: string): EventStore {
  const versionOf = db.prepare<[string, string], number | null>(
    "SELECT MAX(stream_version) FROM events WHERE run_id = ? AND stream_id = ?",
  ).pluck();
  const insert = db.prepare<[string, string, number, string, string, string, string, number]>(
    "INSERT INTO events (run_id, stream_id, stream_version, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const byEventId = db.prepare<[string, string], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE run_id = ? AND event_id = ?`);
  const eventExists = db.prepare<[string, string], number>("SELECT 1 FROM events WHERE run_id = ? AND event_id = ?").pluck();
  const forwards = db.prepare<[string, string, number, number, number], EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE run_id = ? AND stream_id = ? AND stream_version >= ? AND stream_version <= ? ORDER BY stream_version LIMIT ?`,
  );
  const backwards = db.prepare<[string, string, number, number, number], EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE run_id = ? AND stream_id = ? AND stream_version <= ? AND stream_version >= ? ORDER BY stream_version DESC LIMIT ?`,
  );
  const foldRows = db.prepare<[string, string, number], [string, string, number]>(
    "SELECT type, data, stream_version FROM events WHERE run_id = ? AND stream_id = ? AND stream_version > ? ORDER BY stream_version",
  ).raw();
  // Arrays, not row objects: read all is the bulk path (projections, subscriptions).
  const all = db
    .prepare<[string, number, number], RawEventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE run_id = ? AND position > ? ORDER BY position LIMIT ?`)
    .raw();
  const head = db.prepare<[string], number | null>("SELECT MAX(position) FROM events WHERE run_id = ?").pluck();
  const lastTime = db.prepare<[string], number>(
    "SELECT recorded_at FROM events WHERE run_id = ? ORDER BY position DESC LIMIT 1",
  ).pluck();

  const notifier = createNotifier();

  function appendInTransaction(streamId: string, events: EventToAppend[], expected: ExpectedVersion, now: number): RecordedEvent[] {
    const current = versionOf.get(runId, streamId) ?? 0;
    if (!matchesExpected(expected, current)) throw new WrongExpectedVersionError(streamId, expected, current);
    const recorded: RecordedEvent[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      const version = current + i + 1;
      const info = insert.run(runId, streamId, version, event.eventId, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), now);
      recorded[i] = {
        position: Number(info.lastInsertRowid),
        streamId,
        streamVersion: version,
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        recordedAt: now,
      };
    }
    if (events.length > 0) tx.afterCommit(notifier.notify);
    return recorded;
  }

  /** The events of an earlier identical append, or undefined if the first id is new. */
  function storedDuplicate(streamId: string, events: EventToAppend[]): RecordedEvent[] | undefined {
    const rows: EventRow[] = [];
    for (const event of events) {
      const row = byEventId.get(runId, event.eventId);
      if (!row) {
        if (rows.length === 0) return undefined;
        throw new EventIdConflictError(streamId, event.eventId);
      }
      const previous = rows[rows.length - 1];
      const inSequence = previous === undefined || row.stream_version === previous.stream_version + 1;
      if (row.stream_id !== streamId || row.type !== event.type || !inSequence) throw new EventIdConflictError(streamId, event.eventId);
      rows.push(row);
    }
    return rows.map(eventOfRow);
  }

  function appendToStream(streamId: string, events: EventToAppend[], options: AppendOptions): AppendResult {
    const expected = options.expectedVersion ?? "any";
    let recorded: RecordedEvent[];
    try {
      recorded = tx.transaction(() => appendInTransaction(streamId, events, expected, options.now));
    } catch (error) {
      const retried = isRetryCandidate(error) && events.length > 0 ? storedDuplicate(streamId, events) : undefined;
      if (retried) {
        return { streamId, nextExpectedVersion: retried[retried.length - 1]!.streamVersion, events: retried, duplicate: true };
      }
      if (isUniqueViolation(error) && /event_id/.test((error as Error).message)) {
        throw new EventIdConflictError(streamId, events[0]?.eventId ?? "");
      }
      throw error;
    }
    const last = recorded[recorded.length - 1];
    const nextExpectedVersion = last ? last.streamVersion : versionOf.get(runId, streamId) ?? 0;
    return { streamId, nextExpectedVersion, events: recorded, duplicate: false };
  }

  function readStream(streamId: string, options: ReadStreamOptions = {}): RecordedEvent[] {
    const limit = options.limit ?? NO_LIMIT;
    const rows =
      options.direction === "backwards"
        ? backwards.all(runId, streamId, options.from ?? Number.MAX_SAFE_INTEGER, options.to ?? 1, limit)
        : forwards.all(runId, streamId, options.from ?? 1, options.to ?? Number.MAX_SAFE_INTEGER, limit);
    return rows.map(eventOfRow);
  }

  function readAll(options: ReadAllOptions = {}): RecordedEvent[] {
    return all.all(runId, options.after ?? 0, options.limit ?? 1000).map(eventOfRawRow);
  }

  function foldStream<S>(streamId: string, afterVersion: number, initial: S, reduce: StreamReducer<S>): { state: S; version: number } {
    let state = initial;
    let version = afterVersion;
    for (const [type, data, streamVersion] of foldRows.all(runId, streamId, afterVersion)) {
      state = reduce(state, type, JSON.parse(data) as JsonObject, streamVersion);
      version = streamVersion;
    }
    return { state, version };
  }

  return {
    appendToStream,
    readStream,
    readAll,
    foldStream,
    streamVersion: (streamId) => versionOf.get(runId, streamId) ?? 0,
    hasEvent: (eventId) => eventExists.get(runId, eventId) !== undefined,
    headPosition: () => head.get(runId) ?? 0,
    lastRecordedAt: () => lastTime.get(runId),
    subscribe: (after, onEvents) =>
      notifier.subscribe(after, (position) => readAll({ after: position, limit: SUBSCRIPTION_BATCH }), (event) => event.position, onEvents),
  };
}

function matchesExpected(expected: ExpectedVersion, current: number): boolean {
  switch (expected) {
    case "any":
      return true;
    case "no-stream":
      return current === 0;
    case "stream-exists":
      return current > 0;
    default:
      return current === expected;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "SQLITE_CONSTRAINT_UNIQUE";
}

function isRetryCandidate(error: unknown): boolean {
  return error instanceof WrongExpectedVersionError || isUniqueViolation(error);
}
