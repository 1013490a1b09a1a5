// Checks a tour against its flow: every highlighted element, command, group, table, saga and
// event type it names must exist. Returns Problems like flow validation; changes nothing.
import { buildCatalog, type Catalog } from "./catalog";
import { checkSend } from "./checks/sends";
import { collector, type Path, type Problem, type Report } from "./checks/problem";
import type { Flow } from "./schema";
import type { Expectation, Tour, TourAction } from "./tour";

function elementIds(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) elementIds(item, found);
  else if (value !== null && typeof value === "object") {
    const id = (value as { id?: unknown }).id;
    if (typeof id === "string") found.add(id);
    for (const child of Object.values(value)) elementIds(child, found);
  }
  return found;
}

interface Context {
  flow: Flow;
  catalog: Catalog;
  report: Report;
}

function aggregate(name: string, path: Path, { flow, report }: Context): void {
  if (!flow.aggregates.some((candidate) => candidate.name === name)) report(path, `aggregate "${name}" is not in the flow`);
}

function group(name: string, path: Path, { flow, report }: Context): void {
  if (!flow.consumers.some((consumer) => consumer.group === name)) report(path, `consumer group "${name}" is not in the flow`);
}

function eventType(type: string, path: Path, { catalog, report }: Context): void {
  if (!catalog.events.has(type)) report(path, `event "${type}" is not defined by the flow`);
}

function checkAction(action: TourAction, path: Path, context: Context): void {
  const { flow, catalog, report } = context;
  switch (action.kind) {
    case "command":
      aggregate(action.aggregate, [...path, "aggregate"], context);
      if (catalog.targets.get(action.aggregate)?.kind === "aggregate") {
        const data = Object.fromEntries(Object.keys(action.data).map((key) => [key, "value"]));
        checkSend({ command: action.command, data }, action.aggregate, path, catalog, report);
      }
      return;
    case "fault": {
      const fault = action.fault;
      switch (fault.kind) {
        case "fail-next-call": {
          const service = catalog.targets.get(fault.service);
          if (service?.kind !== "service") report([...path, "fault", "service"], `service "${fault.service}" is not in the flow`);
          else if (!service.service.operations.some((operation) => operation.name === fault.operation)) {
            report([...path, "fault", "operation"], `operation "${fault.operation}" is not defined on service ${fault.service}`);
          }
          return;
        }
        case "duplicate-delivery": {
          group(fault.group, [...path, "fault", "group"], context);
          const consumer = flow.consumers.find((candidate) => candidate.group === fault.group);
          if (consumer && !consumer.topics.includes(fault.topic)) report([...path, "fault", "topic"], `group "${fault.group}" does not consume "${fault.topic}"`);
          return;
        }
        case "legacy-event":
          aggregate(fault.aggregate, [...path, "fault", "aggregate"], context);
          if (!catalog.legacy.has(fault.type)) report([...path, "fault", "type"], `no upcaster reads "${fault.type}", so it is not a legacy version`);
          return;
        default: {
          const unknownFault: never = fault;
          throw new Error(`unknown fault ${JSON.stringify(unknownFault)}`);
        }
      }
    }
    case "redrive":
      group(action.group, [...path, "group"], context);
      return;
    case "observe":
      return;
    default: {
      const unknownAction: never = action;
      throw new Error(`unknown tour action ${JSON.stringify(unknownAction)}`);
    }
  }
}

function checkExpectation(expectation: Expectation, action: TourAction, path: Path, context: Context): void {
  const { flow, report } = context;
  switch (expectation.kind) {
    case "state":
    case "snapshot":
      return aggregate(expectation.aggregate, [...path, "aggregate"], context);
    case "stream-event":
      aggregate(expectation.aggregate, [...path, "aggregate"], context);
      return eventType(expectation.type, [...path, "type"], context);
    case "row":
      if (!flow.projections.some((projection) => projection.name === expectation.table)) report([...path, "table"], `read model "${expectation.table}" is not in the flow`);
      return;
    case "saga":
      if (!flow.sagas.some((saga) => saga.kind === "orchestrated" && saga.name === expectation.saga)) report([...path, "saga"], `orchestrated saga "${expectation.saga}" is not in the flow`);
      return;
    case "rejected":
      if (action.kind !== "command") report(path, "only a step that sends a command can expect a rejection");
      return;
    case "event-sequence":
    case "events-include":
      return expectation.types.forEach((type, t) => eventType(type, [...path, "types", t], context));
    case "dead-letter":
      eventType(expectation.topic, [...path, "topic"], context);
      return group(expectation.group, [...path, "group"], context);
    case "deliveries":
      eventType(expectation.topic, [...path, "topic"], context);
      return group(expectation.group, [...path, "group"], context);
    case "dead-letters":
    case "handled":
      return group(expectation.group, [...path, "group"], context);
    case "alerts":
    case "topic-messages":
      return;
    default: {
      const unknownExpectation: never = expectation;
      throw new Error(`unknown expectation ${JSON.stringify(unknownExpectation)}`);
    }
  }
}

export function checkTour(flow: Flow, tour: Tour): Problem[] {
  const { problems, report } = collector(tour);
  const context: Context = { flow, catalog: buildCatalog(flow), report };
  const ids = elementIds(flow, new Set());
  const stepIds = new Set<string>();
  tour.steps.forEach((step, s) => {
    const path = ["steps", s];
    if (stepIds.has(step.id)) report([...path, "id"], `step id "${step.id}" is used twice`);
    stepIds.add(step.id);
    step.highlight.forEach((id, h) => {
      if (!ids.has(id)) report([...path, "highlight", h], `"${id}" is not an element of the flow`);
    });
    checkAction(step.action, [...path, "action"], context);
    step.expect.forEach((expectation, e) => checkExpectation(expectation, step.action, [...path, "expect", e], context));
  });
  return problems;
}
