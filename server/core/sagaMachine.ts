// The orchestrated saga as a pure state machine: transition(definition,
// instance, message) → the next instance, the actions to send and what
// happened. Steps run in order; on a failure the compensations of completed
// steps run in reverse; a failing compensation leaves the instance
// needs-attention with an alert. The runtime persists and sends.

import type { DeliveredMessage, JsonObject, ReplyTo, SagaAction, SagaDefinition } from "./definitions";
import type { TraceKind } from "./traceKinds";

export type SagaStatus = "running" | "compensating" | "completed" | "compensated" | "needs-attention";

export interface SagaHistoryEntry {
  at: number;
  step: number;
  phase: ReplyTo["phase"];
  outcome: "started" | "succeeded" | "failed";
  /** Type of the message that caused this entry. */
  messageType: string;
}

export interface SagaInstance {
  sagaName: string;
  instanceId: string;
  correlationId: string;
  status: SagaStatus;
  /** Index of the forward step in flight (running) or last attempted. */
  step: number;
  /** Forward steps completed, in order. */
  completed: number[];
  /** Index of the step whose compensation is in flight, or null. */
  compensating: number | null;
  data: JsonObject;
  history: SagaHistoryEntry[];
}

export interface SagaOutgoing {
  action: SagaAction;
  replyTo: ReplyTo;
}

export interface SagaNote {
  kind: Extract<
    TraceKind,
    | "saga-started"
    | "saga-step-started"
    | "saga-step-succeeded"
    | "saga-step-failed"
    | "saga-completed"
    | "saga-compensated"
    | "compensation-started"
    | "compensation-done"
    | "compensation-failed"
  >;
  step: number | null;
  summary: string;
}

export interface SagaTransition {
  /** Undefined when the message neither starts nor concerns an instance. */
  instance: SagaInstance | undefined;
  /** False when the message was ignored (not for this saga, stale or duplicate). */
  changed: boolean;
  outgoing: SagaOutgoing[];
  notes: SagaNote[];
  /** Sentences to raise as critical alerts. */
  alerts: string[];
}

/** Type of the message a rejected command produces; a saga step treats it as a failure. */
export const COMMAND_REJECTED = "command.rejected";

/** The instance id a message belongs to: from its replyTo, or from the trigger event. */
export function sagaInstanceIdOf(definition: SagaDefinition, message: DeliveredMessage): string | undefined {
  const replyTo = message.metadata.replyTo;
  if (replyTo) return replyTo.saga === definition.name ? replyTo.instanceId : undefined;
  return message.type === definition.triggerEvent ? definition.instanceId(message) : undefined;
}

export function transition(definition: SagaDefinition, current: SagaInstance | undefined, message: DeliveredMessage, now: number): SagaTransition {
  const ignored: SagaTransition = { instance: current, changed: false, outgoing: [], notes: [], alerts: [] };
  const replyTo = message.metadata.replyTo;
  if (!current) {
    if (replyTo || message.type !== definition.triggerEvent) return ignored;
    return start(definition, message, now);
  }
  if (!replyTo || replyTo.saga !== definition.name || replyTo.instanceId !== current.instanceId) return ignored;
  if (current.status === "running" && replyTo.phase === "forward" && replyTo.step === current.step) {
    return forwardReply(definition, current, message, now);
  }
  if (current.status === "compensating" && replyTo.phase === "compensate" && replyTo.step === current.compensating) {
    return compensationReply(definition, current, message, now);
  }
  return ignored;
}

function start(definition: SagaDefinition, trigger: DeliveredMessage, now: number): SagaTransition {
  const instance: SagaInstance = {
    sagaName: definition.name,
    instanceId: definition.instanceId(trigger),
    correlationId: trigger.metadata.correlationId,
    status: "running",
    step: 0,
    completed: [],
    compensating: null,
    data: definition.initialData ? definition.initialData(trigger) : trigger.data,
    history: [],
  };
  const result = changed(instance);
  result.notes.push({ kind: "saga-started", step: null, summary: `${definition.name} ${instance.instanceId} started by ${trigger.type}` });
  if (definition.steps.length === 0) return complete(definition, result);
  return startStep(definition, result, 0, trigger.type, now);
}

function forwardReply(definition: SagaDefinition, current: SagaInstance, message: DeliveredMessage, now: number): SagaTransition {
  const step = definition.steps[current.step]!;
  if (message.type === step.successEvent) {
    const instance: SagaInstance = {
      ...current,
      completed: [...current.completed, current.step],
      data: { ...current.data, ...message.data },
      history: [...current.history, entry(now, current.step, "forward", "succeeded", message.type)],
    };
    const result = changed(instance);
    result.notes.push({ kind: "saga-step-succeeded", step: current.step, summary: `${definition.name} ${current.instanceId}: ${step.name} succeeded` });
    const next = current.step + 1;
    return next < definition.steps.length ? startStep(definition, result, next, message.type, now) : complete(definition, result);
  }
  if (message.type === step.failureEvent || message.type === COMMAND_REJECTED) {
    const instance: SagaInstance = {
      ...current,
      status: "compensating",
      history: [...current.history, entry(now, current.step, "forward", "failed", message.type)],
    };
    const result = changed(instance);
    result.notes.push({ kind: "saga-step-failed", step: current.step, summary: `${definition.name} ${current.instanceId}: ${step.name} failed` });
    return compensateBefore(definition, result, instance.completed.length, message.type, now);
  }
  return { instance: current, changed: false, outgoing: [], notes: [], alerts: [] };
}

function compensationReply(definition: SagaDefinition, current: SagaInstance, message: DeliveredMessage, now: number): SagaTransition {
  const index = current.compensating!;
  const step = definition.steps[index]!;
  const compensation = step.compensation!;
  if (message.type === compensation.successEvent) {
    const instance: SagaInstance = {
      ...current,
      compensating: null,
      history: [...current.history, entry(now, index, "compensate", "succeeded", message.type)],
    };
    const result = changed(instance);
    result.notes.push({ kind: "compensation-done", step: index, summary: `${definition.name} ${current.instanceId}: ${step.name} compensated` });
    return compensateBefore(definition, result, current.completed.indexOf(index), message.type, now);
  }
  if (message.type === compensation.failureEvent || message.type === COMMAND_REJECTED) {
    const instance: SagaInstance = {
      ...current,
      status: "needs-attention",
      history: [...current.history, entry(now, index, "compensate", "failed", message.type)],
    };
    const result = changed(instance);
    const sentence = `Saga ${definition.name} ${current.instanceId} needs attention: the compensation of "${step.name}" failed (${message.type}).`;
    result.notes.push({ kind: "compensation-failed", step: index, summary: sentence });
    result.alerts.push(sentence);
    return result;
  }
  return { instance: current, changed: false, outgoing: [], notes: [], alerts: [] };
}

/** Starts the compensation of the latest completed step (among completed[0..before)) that has one; compensated when none is left. */
function compensateBefore(definition: SagaDefinition, result: SagaTransition, before: number, cause: string, now: number): SagaTransition {
  const instance = result.instance!;
  for (let i = before - 1; i >= 0; i--) {
    const index = instance.completed[i]!;
    const compensation = definition.steps[index]!.compensation;
    if (!compensation) continue;
    const next: SagaInstance = {
      ...instance,
      compensating: index,
      history: [...instance.history, entry(now, index, "compensate", "started", cause)],
    };
    return {
      ...result,
      instance: next,
      outgoing: [...result.outgoing, { action: compensation.action(instance.data), replyTo: replyTo(definition, instance, index, "compensate") }],
      notes: [
        ...result.notes,
        { kind: "compensation-started", step: index, summary: `${definition.name} ${instance.instanceId}: compensating ${definition.steps[index]!.name}` },
      ],
    };
  }
  const done: SagaInstance = { ...instance, status: "compensated", compensating: null };
  return {
    ...result,
    instance: done,
    notes: [...result.notes, { kind: "saga-compensated", step: null, summary: `${definition.name} ${instance.instanceId} compensated` }],
  };
}

function startStep(definition: SagaDefinition, result: SagaTransition, index: number, cause: string, now: number): SagaTransition {
  const instance = result.instance!;
  const step = definition.steps[index]!;
  const next: SagaInstance = { ...instance, step: index, history: [...instance.history, entry(now, index, "forward", "started", cause)] };
  return {
    ...result,
    instance: next,
    outgoing: [...result.outgoing, { action: step.action(instance.data), replyTo: replyTo(definition, instance, index, "forward") }],
    notes: [...result.notes, { kind: "saga-step-started", step: index, summary: `${definition.name} ${instance.instanceId}: ${step.name}` }],
  };
}

function complete(definition: SagaDefinition, result: SagaTransition): SagaTransition {
  const instance: SagaInstance = { ...result.instance!, status: "completed" };
  return {
    ...result,
    instance,
    notes: [...result.notes, { kind: "saga-completed", step: null, summary: `${definition.name} ${instance.instanceId} completed` }],
  };
}

function changed(instance: SagaInstance): SagaTransition {
  return { instance, changed: true, outgoing: [], notes: [], alerts: [] };
}

function replyTo(definition: SagaDefinition, instance: SagaInstance, step: number, phase: ReplyTo["phase"]): ReplyTo {
  return { saga: definition.name, instanceId: instance.instanceId, step, phase };
}

function entry(at: number, step: number, phase: ReplyTo["phase"], outcome: SagaHistoryEntry["outcome"], messageType: string): SagaHistoryEntry {
  return { at, step, phase, outcome, messageType };
}
