// The SYSTEM DEFINITION CONTRACT: plain objects that describe a runnable system
// (aggregates, upcasters, projections, services, sagas, reactions, consumers).
// The Flow compiler produces exactly this; the runtime executes it. Pure types
// and tiny helpers only: no I/O, no clock, no randomness.
// Trace entries name their nodes by these `name`s (aggregate, projection,
// service, saga, reaction) and by consumer `group`s and topics.

/** Any JSON value. State, payloads and rows are JSON so they can be stored and replayed. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object: command data, event data, aggregate state, projection rows. */
export type JsonObject = { [key: string]: Json };

/** Handlers may answer synchronously or (when they call the async sandbox) with a promise. */
export type MaybePromise<T> = T | Promise<T>;

// ------------------------------------------------------------------ messages

/**
 * Where a reply must go. Set by a saga on the commands and service calls it
 * issues; copied by the runtime onto every event (or rejection) they cause, so
 * the saga can find its instance again.
 */
export interface ReplyTo {
  saga: string;
  instanceId: string;
  /** Index of the saga step the message belongs to. */
  step: number;
  /** `forward` for a step's action, `compensate` for its compensation. */
  phase: "forward" | "compensate";
}

/** Carried by every message (command, event, service call, rejection). */
export interface MessageMetadata {
  /** Unique id of this message; for an event it equals its eventId. */
  messageId: string;
  /** Id shared by every message of one business flow (the first command's id unless given). */
  correlationId: string;
  /** Id of the message that caused this one (a command's own id when it starts a flow). */
  causationId: string;
  replyTo?: ReplyTo;
}

/** A command addressed to one aggregate instance. */
export interface Command {
  /** AggregateDefinition.name that handles it, e.g. "Account". */
  aggregate: string;
  /** Aggregate instance id; the stream is `${streamPrefix}-${aggregateId}`. */
  aggregateId: string;
  /** Imperative name, e.g. "Deposit". */
  type: string;
  data: JsonObject;
}

/** An event a decider wants to append (no id, no position yet). */
export interface NewEvent {
  /** `domain.entity.event.vN`, e.g. "bank.account.deposited.v1". */
  type: string;
  data: JsonObject;
}

/** An event as read back from the log (after upcasting, when read through the runtime). */
export interface RecordedEvent {
  /** Global position in the run's log (commit order). */
  position: number;
  streamId: string;
  /** 1 for the first event of a stream. */
  streamVersion: number;
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: MessageMetadata;
  /** Clock time (ms) at which it was appended. */
  recordedAt: number;
}

/** A message as a consumer, saga or reaction receives it from the bus. */
export interface DeliveredMessage {
  messageId: string;
  /** Topic it was published on (an event's topic is its type). */
  topic: string;
  /** Partition key: the aggregate id for events. */
  key: string;
  /** Event type, or "command" / "service.call" / "command.rejected" for the runtime's own messages. */
  type: string;
  data: JsonObject;
  metadata: MessageMetadata;
  /** 1 on the first delivery to this group, 2 on the first retry, ... */
  attempt: number;
}

// ------------------------------------------------------------------ effects

/** Effects are data: handlers return them, the runtime commits them with the handler's checkpoint, then performs them. */
export type Effect = CommandEffect | CallEffect | AlertEffect;

/** Send a command to an aggregate (delivered at least once, deduplicated by its derived message id). */
export interface CommandEffect {
  kind: "command";
  command: Command;
}

/** Call an operation of a simulated external service; it answers later with its success or failure event. */
export interface CallEffect {
  kind: "call";
  service: string;
  operation: string;
  /** Business key of the call (e.g. the order id); the reply event goes to stream `${service streamPrefix}-${key}`. */
  key: string;
  data: JsonObject;
}

/** Raise an alert for a person to look at. */
export interface AlertEffect {
  kind: "alert";
  severity: AlertSeverity;
  message: string;
}

export type AlertSeverity = "info" | "warning" | "critical";

// ---------------------------------------------------------------- aggregates

/** A decider's refusal, with a sentence a user can read. */
export interface Rejection {
  rejected: true;
  message: string;
}

export function reject(message: string): Rejection {
  return { rejected: true, message };
}

export function isRejection(decision: NewEvent[] | Rejection): decision is Rejection {
  return !Array.isArray(decision);
}

/** What `decide` may look at besides state and command. */
export interface DecideContext {
  /** Clock time (ms) of the decision. */
  now: number;
  aggregateId: string;
  metadata: MessageMetadata;
}

export interface AggregateDefinition {
  /** Unique name, e.g. "Account"; commands address it by this name. */
  name: string;
  /** Stream ids are `${streamPrefix}-${aggregateId}`, e.g. "account-42". */
  streamPrefix: string;
  /** State of an aggregate before its first event. */
  initialState: JsonObject;
  /** Guards and decisions: events to append, or a Rejection. Must not mutate `state`. */
  decide(state: JsonObject, command: Command, ctx: DecideContext): MaybePromise<NewEvent[] | Rejection>;
  /**
   * Folds one event (already upcast to its latest version) into the state.
   * Synchronous on purpose: loading folds many events and must stay fast.
   * Must return a new object or the same one, never throw for a known type.
   */
  evolve(state: JsonObject, event: NewEvent): JsonObject;
  /** Take a snapshot every N events of a stream; 0 or absent = never. */
  snapshotEvery?: number;
}

/** Reads a stored `from` event as the `to` event. Pure; stored data is never rewritten. */
export interface UpcasterDefinition {
  /** e.g. "shop.order.created.v1" */
  from: string;
  /** e.g. "shop.order.created.v2" */
  to: string;
  upcast(data: JsonObject): JsonObject;
}

// --------------------------------------------------------------- projections

/** One change to a read-model table. */
export type RowOperation =
  /** Replace (or create) the whole row. */
  | { op: "upsert"; key: string; row: JsonObject }
  /** Shallow-merge fields into the row (creating it from `{}` if absent). */
  | { op: "patch"; key: string; set: JsonObject }
  /** Add `by` to a numeric field (missing counts as 0; creates the row if absent). */
  | { op: "increment"; key: string; field: string; by: number }
  | { op: "delete"; key: string };

/** What a projection handler may look at: the row as it stands, including this batch's earlier changes. */
export interface ProjectionContext {
  get(key: string): JsonObject | undefined;
}

export interface ProjectionDefinition {
  /** Unique name; also the read-model table name. */
  name: string;
  /** Event types (latest versions) it handles; other events only advance its checkpoint. */
  eventTypes: string[];
  handle(event: RecordedEvent, ctx: ProjectionContext): MaybePromise<RowOperation[]>;
}

// ------------------------------------------------------------------ services

/** A simulated external participant (Payment, Inventory, an AI agent type...). */
export interface ServiceDefinition {
  /** Unique name, e.g. "Payment". */
  name: string;
  /** Reply events go to stream `${streamPrefix}-${call key}`; defaults to the lower-cased name. */
  streamPrefix?: string;
  operations: ServiceOperationDefinition[];
}

export interface ServiceOperationDefinition {
  /** e.g. "charge" */
  name: string;
  /** Time (ms, clock time) between the call being published and the service answering. */
  latencyMs: number;
  /** Probability 0..1 that a call fails, drawn from the seeded random. */
  failureRate: number;
  /** 1-based numbers of the calls that fail whatever the failure rate (scripted failures). */
  failCalls?: number[];
  /**
   * true: a call delivered twice (same message id) is performed once.
   * false: every delivery performs the side effect again (duplicates show).
   */
  idempotent: boolean;
  /** Event type appended when the call succeeds, e.g. "payment.charged.v1". */
  successEvent: string;
  /** Event type appended when the call fails, e.g. "payment.declined.v1"; its data is the call's data plus `reason`. */
  failureEvent: string;
  /** Data of the success event; defaults to the call's data. */
  reply?(call: JsonObject): JsonObject;
}

// --------------------------------------------------------------------- sagas

/** What a saga step (or its compensation) does: a command or a service call. */
export type SagaAction = CommandEffect | CallEffect;

export interface SagaStepDefinition {
  /** e.g. "charge payment" */
  name: string;
  /** Built from the saga's data. */
  action(data: JsonObject): SagaAction;
  /** Event type meaning the step succeeded; its data is merged into the saga's data. */
  successEvent: string;
  /**
   * Event type meaning the step failed. A command action that is rejected
   * also counts as a failure (it arrives as a "command.rejected" message).
   */
  failureEvent?: string;
  /** Undo of a completed step, run in reverse order when a later step fails. */
  compensation?: {
    action(data: JsonObject): SagaAction;
    successEvent: string;
    failureEvent?: string;
  };
}

/** An orchestrated saga: steps in order, compensations of completed steps in reverse. */
export interface SagaDefinition {
  /** Unique name, e.g. "OrderFulfilment". */
  name: string;
  /** Event type that starts a new instance. */
  triggerEvent: string;
  /** Instance id from the trigger event (e.g. the order id); a second trigger with the same id is ignored. */
  instanceId(event: DeliveredMessage): string;
  /** Initial saga data from the trigger event; defaults to the event's data. */
  initialData?(event: DeliveredMessage): JsonObject;
  steps: SagaStepDefinition[];
}

/** Choreography: on an event, maybe send a command. */
export interface ReactionDefinition {
  /** Unique name; its consumer group is `reaction:${name}`. */
  name: string;
  /** Event type it reacts to. */
  on: string;
  /** The command to send, or null to ignore this event. */
  command(event: DeliveredMessage): MaybePromise<Command | null>;
}

// ----------------------------------------------------------------- consumers

/** Exponential backoff with jitter; see core/retryPolicy.ts. */
export interface RetryPolicyDefinition {
  /** Total deliveries including the first (1 = no retry). */
  maxAttempts: number;
  /** Delay before the first retry (ms). */
  initialMs: number;
  /** Each further retry waits `multiplier` times longer... */
  multiplier: number;
  /** ...but never more than this (ms). */
  maxMs: number;
  /** 0..1: the delay is drawn uniformly from [delay × (1 − jitter), delay]. */
  jitter: number;
  /** Error names (Error.name) that go straight to the dead-letter queue. */
  nonRetryable: string[];
}

export interface ConsumerDefinition {
  /** Consumer group name; each group has its own checkpoint. */
  group: string;
  /** Topics (event types) it consumes. */
  topics: string[];
  /** Returns the effects to commit; throwing (or rejecting) means failure: retry or dead-letter. */
  handle(message: DeliveredMessage, ctx: HandlerContext): MaybePromise<Effect[]>;
  retry: RetryPolicyDefinition;
  /** true: exhausted or non-retryable messages go to the dead-letter queue; false: they are dropped with an alert. */
  deadLetter: boolean;
  /** true: a message id already processed by this group is skipped (effectively-once). */
  idempotent: boolean;
}

export interface HandlerContext {
  /** Clock time (ms) of the delivery. */
  now: number;
}

/** Thrown by a handler to fail with a named error (matched against RetryPolicyDefinition.nonRetryable). */
export class HandlerError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

// -------------------------------------------------------------------- system

export interface OutboxSettings {
  /** Rows the relay claims and publishes at once. */
  batchSize: number;
  /** Clock time (ms) between relay runs while rows are pending; 0 = as soon as possible. */
  pollIntervalMs: number;
}

/** Everything the runtime needs to run one system. Names must be unique within each list. */
export interface SystemDefinition {
  aggregates: AggregateDefinition[];
  upcasters: UpcasterDefinition[];
  projections: ProjectionDefinition[];
  services: ServiceDefinition[];
  sagas: SagaDefinition[];
  reactions: ReactionDefinition[];
  consumers: ConsumerDefinition[];
  outbox: OutboxSettings;
}
