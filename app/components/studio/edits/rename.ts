// Renames that keep references whole: an event type, an aggregate or service name, a command or
// operation name. Everything in the draft that referred to the old name follows.
import type { Flow } from "@/server/flow/schema";

export function renameEventType(draft: Flow, from: string, to: string): void {
  const swap = (type: string) => (type === from ? to : type);
  for (const aggregate of draft.aggregates) {
    for (const event of aggregate.events) event.type = swap(event.type);
    for (const command of aggregate.commands) for (const emit of command.emits) emit.event = swap(emit.event);
  }
  for (const service of draft.services) {
    for (const operation of service.operations) {
      operation.success.event = swap(operation.success.event);
      operation.failure.event = swap(operation.failure.event);
    }
  }
  for (const upcaster of draft.upcasters) {
    upcaster.from = swap(upcaster.from);
    upcaster.to = swap(upcaster.to);
  }
  for (const projection of draft.projections) for (const handler of projection.handlers) handler.event = swap(handler.event);
  for (const saga of draft.sagas) {
    if (saga.kind === "orchestrated") {
      saga.trigger.event = swap(saga.trigger.event);
      for (const step of saga.steps) {
        if (step.successEvent) step.successEvent = swap(step.successEvent);
        if (step.failureEvent) step.failureEvent = swap(step.failureEvent);
      }
    } else {
      for (const reaction of saga.reactions) reaction.on = swap(reaction.on);
      saga.terminal = saga.terminal.map(swap);
    }
  }
  for (const consumer of draft.consumers) consumer.topics = consumer.topics.map(swap);
}

/** Every send: saga steps (and their compensations), reactions and consumer steps. */
function sends(draft: Flow): { target: string; command: string }[] {
  const all: { target: string; command: string }[] = [];
  for (const saga of draft.sagas) {
    if (saga.kind === "orchestrated") all.push(...saga.steps);
    else all.push(...saga.reactions);
  }
  for (const consumer of draft.consumers) for (const step of consumer.handler) if (step.do === "send") all.push(step);
  return all;
}

/** An aggregate or service renamed: sends, compensations and outboxes follow. */
export function renameTarget(draft: Flow, from: string, to: string): void {
  for (const send of sends(draft)) if (send.target === from) send.target = to;
  for (const saga of draft.sagas) {
    if (saga.kind !== "orchestrated") continue;
    for (const step of saga.steps) if (step.compensation?.target === from) step.compensation.target = to;
  }
  for (const outbox of draft.outboxes) if (outbox.aggregate === from) outbox.aggregate = to;
}

/** A command of `target` (or an operation of service `target`) renamed: sends and compensations follow. */
export function renameCommand(draft: Flow, target: string, from: string, to: string): void {
  for (const send of sends(draft)) if (send.target === target && send.command === from) send.command = to;
  for (const saga of draft.sagas) {
    if (saga.kind !== "orchestrated") continue;
    for (const step of saga.steps) {
      const compensation = step.compensation;
      if (compensation && (compensation.target ?? step.target) === target && compensation.command === from) compensation.command = to;
    }
  }
}
