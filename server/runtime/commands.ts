// Handling a command: load the aggregate (its last committed state in memory, or
// the latest snapshot, then the newer events, upcast on read), decide, then ONE
// transaction appends the events with the loaded version as expectedVersion,
// writes their outbox rows, the snapshot when due and the trace. Idempotent by
// command message id: an accepted command's first event id derives from it (a
// processed id is recorded only for a command that stores no event). A stream
// that keeps changing (or is not at the caller's expected version) is a rejection.

import { decide, snapshotDue, streamIdOf } from "../core/decider";
import { derivedId } from "../core/random";
import type { AggregateDefinition, Command, JsonObject, MessageMetadata, RecordedEvent, ReplyTo } from "../core/definitions";
import { WrongExpectedVersionError, type EventToAppend, type RunStore } from "../store";
import { eventMessage, rejectionMessage } from "./envelope";
import { traceIds, type RunContext } from "./runContext";

/** Consumer group under which handled command ids are recorded. */
export const COMMANDS_GROUP = "_commands";
const MAX_CONCURRENCY_RETRIES = 5;
/** Aggregate states kept in memory (the most recently committed ones). */
const CACHED_AGGREGATES = 1000;

/** Why a command was refused for a concurrency conflict: its stream was not at the version it was decided on. */
export interface VersionConflict {
  streamId: string;
  /** The version the command expected (given, or the one it was decided on). */
  expectedVersion: number;
  /** The version the stream was at. */
  actualVersion: number;
}

/** Id of the `index`-th event a command stores. */
const eventIdOf = (commandId: string, index: number): string => derivedId("evt", [commandId, String(index)]);

/** Whether the command with this message id was handled (accepted or rejected) in the run. */
export function commandHandled(store: RunStore, commandId: string): boolean {
  return store.events.hasEvent(eventIdOf(commandId, 0)) || store.processed.has(COMMANDS_GROUP, commandId);
}

export type DispatchResult =
  | { status: "accepted"; commandId: string; streamId: string; events: RecordedEvent[] }
  /** `conflict` is set when the rejection is a concurrency conflict (the message says it in words). */
  | { status: "rejected"; commandId: string; message: string; conflict?: VersionConflict }
  /** The command id was handled before; nothing was done again. */
  | { status: "duplicate"; commandId: string };

/** Ids to give a command; all optional (a fresh id, then correlation = causation = its own id). */
export interface DispatchMetadata {
  messageId?: string;
  correlationId?: string;
  causationId?: string;
  replyTo?: ReplyTo;
  /**
   * Decide only if the aggregate's stream is at this version (0 = no events yet); otherwise the
   * command is rejected as a concurrency conflict, and never retried.
   */
  expectedVersion?: number;
  /**
   * Write the command and its outcome to the run's command log (store.commands) in the same
   * transaction that commits the outcome: for commands from outside the run (console, script, tour).
   */
  record?: boolean;
}

type Recorder = (result: DispatchResult) => void;

export interface LoadedAggregate {
  streamId: string;
  state: JsonObject;
  /** Stream version the state includes (0 = no events). */
  version: number;
}

export interface CommandHandler {
  dispatch(command: Command, metadata?: DispatchMetadata): Promise<DispatchResult>;
  load(aggregate: AggregateDefinition, aggregateId: string): LoadedAggregate;
}

export function createCommandHandler(ctx: RunContext): CommandHandler {
  const { store, system } = ctx;
  /** Committed states by stream id, oldest first: an in-memory snapshot that newer events (another process's) are folded onto. */
  const cache = new Map<string, { version: number; state: JsonObject }>();

  function load(aggregate: AggregateDefinition, aggregateId: string): LoadedAggregate {
    const streamId = streamIdOf(aggregate, aggregateId);
    const cached = cache.get(streamId);
    const from = cached ?? store.snapshots.load(streamId);
    const initial = structuredClone(from ? from.state : aggregate.initialState);
    const { state, version } = store.events.foldStream(streamId, from?.version ?? 0, initial, (current, type, data) =>
      aggregate.evolve(current, system.upcasters.upcast({ type, data })),
    );
    return { streamId, state, version };
  }

  /** Keeps the state once the transaction that stored it commits (a rollback drops the hook). */
  function remember(streamId: string, version: number, state: JsonObject): void {
    store.afterCommit(() => {
      cache.delete(streamId);
      cache.set(streamId, { version, state: structuredClone(state) });
      if (cache.size > CACHED_AGGREGATES) cache.delete(cache.keys().next().value!);
    });
  }

  function rejected(command: Command, metadata: MessageMetadata, message: string, record: Recorder, conflict?: VersionConflict): DispatchResult {
    const result: DispatchResult = { status: "rejected", commandId: metadata.messageId, message, ...(conflict ? { conflict } : {}) };
    store.transaction(() => {
      store.processed.add(COMMANDS_GROUP, metadata.messageId, ctx.clock.now());
      const replyMetadata: MessageMetadata | undefined = metadata.replyTo && {
        messageId: ctx.ids.derive("rej", metadata.messageId),
        correlationId: metadata.correlationId,
        causationId: metadata.messageId,
        replyTo: metadata.replyTo,
      };
      // replyMessageId: the rejection sent back through the outbox, so the trace shows it pending there.
      ctx.trace("command-rejected", {
        ...traceIds(metadata),
        toNode: command.aggregate,
        summary: `${command.type} rejected: ${message}`,
        detail: { command: command as unknown as JsonObject, ...(replyMetadata ? { replyMessageId: replyMetadata.messageId } : {}) },
      });
      if (replyMetadata) store.outbox.enqueue([rejectionMessage(command, message, replyMetadata)], ctx.clock.now());
      record(result);
    });
    return result;
  }

  async function dispatch(command: Command, given: DispatchMetadata = {}): Promise<DispatchResult> {
    const messageId = given.messageId ?? ctx.ids.next("cmd");
    const metadata: MessageMetadata = {
      messageId,
      correlationId: given.correlationId ?? messageId,
      causationId: given.causationId ?? messageId,
      ...(given.replyTo ? { replyTo: given.replyTo } : {}),
    };
    const record = recorder(command, metadata, given.record === true);
    if (commandHandled(store, messageId)) return duplicate(command, metadata, record);
    const aggregate = system.aggregate(command.aggregate);
    if (!aggregate) return rejected(command, metadata, `There is no aggregate named "${command.aggregate}".`, record);

    for (let attempt = 1; ; attempt++) {
      const loaded = load(aggregate, command.aggregateId);
      if (given.expectedVersion !== undefined && loaded.version !== given.expectedVersion) {
        const stale = { streamId: loaded.streamId, expectedVersion: given.expectedVersion, actualVersion: loaded.version };
        return conflicted(command, metadata, stale, `is at version ${loaded.version}, not the expected ${given.expectedVersion}; it changed since it was read`, record);
      }
      const decision = await decide(aggregate, loaded.state, command, { now: ctx.clock.now(), aggregateId: command.aggregateId, metadata });
      if (commandHandled(store, messageId)) return duplicate(command, metadata, record);
      if (decision.kind === "rejected") return rejected(command, metadata, decision.message, record);
      try {
        return store.transaction(() => {
          const events = commit(aggregate, command, metadata, loaded, decision.events, decision.state);
          const result: DispatchResult = { status: "accepted", commandId: messageId, streamId: loaded.streamId, events };
          record(result);
          return result;
        });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        cache.delete(loaded.streamId);
        const moved = { streamId: loaded.streamId, expectedVersion: loaded.version, actualVersion: error.actual };
        if (given.expectedVersion !== undefined) return conflicted(command, metadata, moved, `changed to version ${error.actual} while the command was decided`, record);
        if (attempt >= MAX_CONCURRENCY_RETRIES) return conflicted(command, metadata, moved, `kept changing while the command was decided (${attempt} attempts); try again`, record);
      }
    }
  }

  function conflicted(command: Command, metadata: MessageMetadata, conflict: VersionConflict, what: string, record: Recorder): DispatchResult {
    return rejected(command, metadata, `Concurrency conflict: ${command.aggregate} ${command.aggregateId} ${what}.`, record, conflict);
  }

  function commit(
    aggregate: AggregateDefinition,
    command: Command,
    metadata: MessageMetadata,
    loaded: LoadedAggregate,
    decided: { type: string; data: JsonObject }[],
    state: JsonObject,
  ): RecordedEvent[] {
    const now = ctx.clock.now();
    if (decided.length === 0) store.processed.add(COMMANDS_GROUP, metadata.messageId, now);
    const toAppend: EventToAppend[] = decided.map((event, index) => {
      const eventId = eventIdOf(metadata.messageId, index);
      return {
        eventId,
        type: event.type,
        data: event.data,
        metadata: { messageId: eventId, correlationId: metadata.correlationId, causationId: metadata.messageId, ...(metadata.replyTo ? { replyTo: metadata.replyTo } : {}) },
      };
    });
    const appended = store.events.appendToStream(loaded.streamId, toAppend, { expectedVersion: loaded.version, now });
    ctx.trace("command-accepted", {
      ...traceIds(metadata),
      toNode: aggregate.name,
      summary: `${command.type} accepted by ${aggregate.name} ${command.aggregateId}`,
      detail: { command: command as unknown as JsonObject },
    });
    appendedTrace(ctx, aggregate.name, appended.events);
    store.outbox.enqueue(appended.events.map((event) => eventMessage(event, command.aggregateId)), now);
    if (snapshotDue(aggregate, loaded.version, appended.nextExpectedVersion)) {
      store.snapshots.save(loaded.streamId, appended.nextExpectedVersion, state, now);
      ctx.trace("snapshot", { fromNode: aggregate.name, summary: `Snapshot of ${loaded.streamId} at version ${appended.nextExpectedVersion}` });
    }
    if (!appended.duplicate) remember(loaded.streamId, appended.nextExpectedVersion, state);
    return appended.events;
  }

  function duplicate(command: Command, metadata: MessageMetadata, record: Recorder): DispatchResult {
    const result: DispatchResult = { status: "duplicate", commandId: metadata.messageId };
    store.transaction(() => {
      ctx.trace("command-duplicate", { ...traceIds(metadata), toNode: command.aggregate, summary: `${command.type} ${metadata.messageId} was already handled` });
      record(result);
    });
    return result;
  }

  /** Writes the outcome to the command log when asked to (call it inside the outcome's transaction). */
  function recorder(command: Command, metadata: MessageMetadata, wanted: boolean): Recorder {
    if (!wanted) return () => {};
    const at = ctx.clock.now();
    return (result) =>
      store.commands.record({
        at,
        messageId: metadata.messageId,
        correlationId: metadata.correlationId,
        command,
        status: result.status,
        message: result.status === "rejected" ? result.message : null,
      });
  }

  return { dispatch, load };
}

/** Traces one `append` hop per stored event. */
export function appendedTrace(ctx: RunContext, fromNode: string, events: readonly RecordedEvent[]): void {
  for (const event of events) {
    ctx.trace("append", {
      ...traceIds(event.metadata),
      fromNode,
      toNode: event.type,
      position: event.position,
      summary: `${event.type} appended to ${event.streamId} at version ${event.streamVersion}`,
    });
  }
}
