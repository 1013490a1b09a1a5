// Sagas: orchestrated (a trigger and ordered steps, each with an optional compensation)
// or choreographed (reactions: on event → command). Structure only.
import { z } from "zod";
import { ElementId, EventRef, Expr, LowerName, Mapping, PascalName } from "./common";
import { sendFields } from "./send";

/** Undo of a completed step. `target` and `key` default to the step's. CEL sees `saga`. */
export const Compensation = z.strictObject({
  target: PascalName.optional(),
  command: PascalName,
  key: Expr.optional(),
  data: Mapping.default({}),
});

/**
 * One step: send a command or call (CEL over `saga`, the saga's data). It succeeds on `successEvent`
 * (default: the operation's success event, or the command's first emitted event) and fails on
 * `failureEvent` (default: the operation's failure event) or on a rejected command.
 */
export const SagaStep = z.strictObject({
  id: ElementId,
  name: z.string().min(1).max(80),
  ...sendFields,
  successEvent: EventRef.optional(),
  failureEvent: EventRef.optional(),
  compensation: Compensation.optional(),
});

export const OrchestratedSaga = z.strictObject({
  id: ElementId,
  kind: z.literal("orchestrated"),
  name: PascalName,
  /** `instanceId`: CEL over `event` (data) and `meta`; a second trigger with the same id is ignored. */
  trigger: z.strictObject({ event: EventRef, instanceId: Expr }),
  steps: z.array(SagaStep).min(1, "an orchestrated saga needs at least one step"),
});

/** On `on`, if `when` holds, send a command or call (CEL over `event` and `meta`). */
export const Reaction = z.strictObject({
  id: ElementId,
  name: LowerName,
  on: EventRef,
  when: Expr.optional(),
  ...sendFields,
});

export const ChoreographySaga = z.strictObject({
  id: ElementId,
  kind: z.literal("choreography"),
  name: PascalName,
  reactions: z.array(Reaction).min(1, "a choreography needs at least one reaction"),
  /** Event types that end the business flow; every loop must be able to reach one. */
  terminal: z.array(EventRef).min(1, "a choreography needs at least one terminal event"),
});

export const Saga = z.discriminatedUnion("kind", [OrchestratedSaga, ChoreographySaga]);

export type Compensation = z.output<typeof Compensation>;
export type SagaStep = z.output<typeof SagaStep>;
export type OrchestratedSaga = z.output<typeof OrchestratedSaga>;
export type Reaction = z.output<typeof Reaction>;
export type ChoreographySaga = z.output<typeof ChoreographySaga>;
export type Saga = z.output<typeof Saga>;
