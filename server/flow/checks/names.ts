// Checks that ids and names are unique where the runtime or the canvas needs them to be.
import type { Field, Flow } from "../schema";
import { formatPath, type Path, type Report } from "./problem";

interface Named {
  key: string;
  path: Path;
}

function unique(items: readonly Named[], what: string, report: Report): void {
  const first = new Map<string, Path>();
  for (const item of items) {
    const earlier = first.get(item.key);
    if (earlier) report(item.path, `${what} "${item.key}" is already used at ${formatPath(earlier)}`);
    else first.set(item.key, item.path);
  }
}

/** Every object with an `id` anywhere in the elements (the layout is not an element). */
function elementIds(value: unknown, path: Path, found: Named[]): Named[] {
  if (Array.isArray(value)) value.forEach((item, index) => elementIds(item, [...path, index], found));
  else if (value !== null && typeof value === "object") {
    const id = (value as { id?: unknown }).id;
    if (typeof id === "string") found.push({ key: id, path: [...path, "id"] });
    for (const [key, child] of Object.entries(value)) if (key !== "layout") elementIds(child, [...path, key], found);
  }
  return found;
}

function fields(list: readonly Field[], path: Path, report: Report): void {
  unique(list.map((field, index) => ({ key: field.name, path: [...path, index, "name"] })), "field", report);
}

export function checkNames(flow: Flow, report: Report): void {
  unique(elementIds(flow, [], []), "element id", report);
  unique(
    [
      ...flow.aggregates.map((aggregate, index) => ({ key: aggregate.name, path: ["aggregates", index, "name"] })),
      ...flow.services.map((service, index) => ({ key: service.name, path: ["services", index, "name"] })),
    ],
    "name",
    report,
  );
  unique(
    [
      ...flow.aggregates.map((aggregate, index) => ({ key: aggregate.streamPrefix, path: ["aggregates", index, "streamPrefix"] })),
      ...flow.services.map((service, index) => ({ key: service.streamPrefix, path: ["services", index, "streamPrefix"] })),
    ],
    "stream prefix",
    report,
  );
  unique(
    [
      ...flow.aggregates.flatMap((aggregate, a) => aggregate.events.map((event, e) => ({ key: event.type, path: ["aggregates", a, "events", e, "type"] }))),
      ...flow.services.flatMap((service, s) =>
        service.operations.flatMap((operation, o) => [
          { key: operation.success.event, path: ["services", s, "operations", o, "success", "event"] },
          { key: operation.failure.event, path: ["services", s, "operations", o, "failure", "event"] },
        ]),
      ),
    ],
    "event type",
    report,
  );
  unique(flow.projections.map((projection, index) => ({ key: projection.name, path: ["projections", index, "name"] })), "read-model table", report);
  unique(flow.sagas.map((saga, index) => ({ key: saga.name, path: ["sagas", index, "name"] })), "saga name", report);
  // A reaction that calls a service runs as a consumer group of its own name.
  unique(
    [
      ...flow.consumers.map((consumer, index) => ({ key: consumer.group, path: ["consumers", index, "group"] })),
      ...flow.sagas.flatMap((saga, s) =>
        saga.kind === "choreography" ? saga.reactions.map((reaction, r) => ({ key: reaction.name, path: ["sagas", s, "reactions", r, "name"] })) : [],
      ),
    ],
    "consumer group or reaction name",
    report,
  );
  unique(flow.outboxes.map((outbox, index) => ({ key: outbox.aggregate, path: ["outboxes", index, "aggregate"] })), "outbox for aggregate", report);
  unique(flow.upcasters.map((upcaster, index) => ({ key: upcaster.from, path: ["upcasters", index, "from"] })), "upcaster from", report);
  flow.aggregates.forEach((aggregate, a) => {
    unique(aggregate.commands.map((command, c) => ({ key: command.name, path: ["aggregates", a, "commands", c, "name"] })), "command", report);
    aggregate.commands.forEach((command, c) => fields(command.payload, ["aggregates", a, "commands", c, "payload"], report));
    aggregate.events.forEach((event, e) => fields(event.payload, ["aggregates", a, "events", e, "payload"], report));
  });
  flow.services.forEach((service, s) => {
    unique(service.operations.map((operation, o) => ({ key: operation.name, path: ["services", s, "operations", o, "name"] })), "operation", report);
    service.operations.forEach((operation, o) => fields(operation.payload, ["services", s, "operations", o, "payload"], report));
  });
}
