// Reports elements nothing can ever reach: aggregates without commands, events no command emits,
// services and operations nothing calls, read models without handlers.
import type { Flow } from "../schema";
import type { Report } from "./problem";

/** "Service.Operation" for every call sent by a saga, a reaction or a consumer. */
function calledOperations(flow: Flow): Set<string> {
  const called = new Set<string>();
  const add = (target: string, command: string) => called.add(`${target}.${command}`);
  for (const saga of flow.sagas) {
    if (saga.kind === "orchestrated") {
      for (const step of saga.steps) {
        add(step.target, step.command);
        if (step.compensation) add(step.compensation.target ?? step.target, step.compensation.command);
      }
    } else {
      for (const reaction of saga.reactions) add(reaction.target, reaction.command);
    }
  }
  for (const consumer of flow.consumers) for (const step of consumer.handler) if (step.do === "send") add(step.target, step.command);
  return called;
}

export function checkReachability(flow: Flow, report: Report): void {
  flow.aggregates.forEach((aggregate, a) => {
    if (aggregate.commands.length === 0) report(["aggregates", a], `aggregate ${aggregate.name} has no commands, so nothing can ever happen to it`);
    const emitted = new Set(aggregate.commands.flatMap((command) => command.emits.map((emit) => emit.event)));
    aggregate.events.forEach((event, e) => {
      if (!emitted.has(event.type)) report(["aggregates", a, "events", e], `event "${event.type}" is never emitted by a command of aggregate ${aggregate.name}`);
    });
  });
  const called = calledOperations(flow);
  flow.services.forEach((service, s) => {
    const calls = service.operations.map((operation) => called.has(`${service.name}.${operation.name}`));
    if (!calls.some(Boolean)) {
      report(["services", s], `service ${service.name} is never called by a saga, a reaction or a consumer`);
      return;
    }
    service.operations.forEach((operation, o) => {
      if (!calls[o]) report(["services", s, "operations", o], `operation ${operation.name} of service ${service.name} is never called`);
    });
  });
  flow.projections.forEach((projection, p) => {
    if (projection.handlers.length === 0) report(["projections", p], `read model ${projection.name} handles no events, so it stays empty`);
  });
}
