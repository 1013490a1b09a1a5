// Aggregates with their commands (guards, emitted events) and events (how they evolve the state).
// Structure only; references between them are checked by ../validate*.ts.
import { z } from "zod";
import { Action } from "./action";
import { ElementId, EventRef, EventTypeName, Expr, Field, FieldName, JsonObject, LowerName, Mapping, PascalName, Snippet } from "./common";

/** When `rejectWhen` holds (over `state`, `command`, `aggregateId`, `now`), the command is rejected with `message`. */
export const Guard = z.strictObject({
  rejectWhen: Expr,
  message: z.string().min(1, "rejection message is empty").max(300),
});

/**
 * An event the command emits. `data` maps event fields to CEL over `state`, `command`, `aggregateId`, `now`;
 * payload fields of the event that are not mapped are copied from the command's field of the same name.
 */
export const Emit = z.strictObject({
  event: EventRef,
  when: Expr.optional(),
  data: z.record(FieldName, Expr).default({}),
});

export const CommandDef = z.strictObject({
  id: ElementId,
  name: PascalName,
  payload: z.array(Field).default([]),
  guards: z.array(Guard).default([]),
  emits: z.array(Emit).default([]),
  /**
   * Optional custom decision in the sandbox, run after the guards instead of the emit mappings.
   * It sees `state`, `command`, `aggregateId`, `now` and returns a list of `{ type, data }`
   * (each type among `emits`) or `{ reject: "sentence" }`.
   */
  snippet: Snippet.optional(),
});

export const EventDef = z.strictObject({
  id: ElementId,
  type: EventTypeName,
  payload: z.array(Field).default([]),
  /** Applied in order to fold the event (`event` = its data) into `state`. */
  evolve: z.array(Action).default([]),
});

export const Aggregate = z.strictObject({
  id: ElementId,
  name: PascalName,
  streamPrefix: LowerName,
  initialState: JsonObject.default({}),
  /** Take a snapshot every N events of a stream; 0 = never. */
  snapshotEvery: z.int().min(0).max(1_000_000).default(0),
  commands: z.array(CommandDef).default([]),
  events: z.array(EventDef).default([]),
});

/** Reads a stored old-version event as its next version: `defaults` for absent fields, then `map` (CEL over `data`). */
export const Upcaster = z.strictObject({
  id: ElementId,
  from: EventTypeName,
  to: EventTypeName,
  defaults: JsonObject.default({}),
  map: Mapping.default({}),
});

export type Guard = z.output<typeof Guard>;
export type Emit = z.output<typeof Emit>;
export type CommandDef = z.output<typeof CommandDef>;
export type EventDef = z.output<typeof EventDef>;
export type Aggregate = z.output<typeof Aggregate>;
export type Upcaster = z.output<typeof Upcaster>;
