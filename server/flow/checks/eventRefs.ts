// Checks every reference to an event type: emits, upcasters, projections, consumers, sagas.
import { EVENT_TYPE_PATTERN, type Flow } from "../schema";
import type { Catalog } from "../catalog";
import type { Path, Report } from "./problem";

/** Reports an unknown event type; true when the type is defined. */
export function checkEventRef(type: string, path: Path, catalog: Catalog, report: Report): boolean {
  if (catalog.events.has(type)) return true;
  const newer = catalog.legacy.get(type);
  if (newer) report(path, `"${type}" is an old version that is read as "${newer}"; refer to "${newer}"`);
  else report(path, `event "${type}" is not defined by any aggregate or service`);
  return false;
}

function versionOf(type: string): { base: string; version: number } | undefined {
  if (!EVENT_TYPE_PATTERN.test(type)) return undefined;
  const at = type.lastIndexOf(".v");
  return { base: type.slice(0, at), version: Number(type.slice(at + 2)) };
}

function checkEmits(flow: Flow, catalog: Catalog, report: Report): void {
  flow.aggregates.forEach((aggregate, a) =>
    aggregate.commands.forEach((command, c) => {
      const path = ["aggregates", a, "commands", c];
      if (command.snippet !== undefined && command.emits.length === 0) {
        report([...path, "emits"], `command ${command.name} has a snippet but declares no event it may emit`);
      }
      command.emits.forEach((emit, e) => {
        const at = [...path, "emits", e];
        const event = aggregate.events.find((candidate) => candidate.type === emit.event);
        if (!event) {
          const elsewhere = catalog.events.get(emit.event);
          report([...at, "event"], elsewhere
            ? `event "${emit.event}" belongs to ${elsewhere.owner}; a command emits only its own aggregate's events`
            : `event "${emit.event}" is not defined on aggregate ${aggregate.name}`);
          return;
        }
        const fields = new Set(event.payload.map((field) => field.name));
        for (const key of Object.keys(emit.data)) {
          if (!fields.has(key)) report([...at, "data", key], `event "${event.type}" has no field "${key}"`);
        }
        const fromCommand = new Set(command.payload.map((field) => field.name));
        for (const field of event.payload) {
          if (field.required && !(field.name in emit.data) && !fromCommand.has(field.name)) {
            report([...at, "data"], `required field "${field.name}" of "${event.type}" is neither mapped nor a field of command ${command.name}`);
          }
        }
      });
    }),
  );
}

function checkUpcasters(flow: Flow, catalog: Catalog, report: Report): void {
  flow.upcasters.forEach((upcaster, u) => {
    const path = ["upcasters", u];
    const from = versionOf(upcaster.from);
    const to = versionOf(upcaster.to);
    if (from && to && (from.base !== to.base || to.version !== from.version + 1)) {
      report(path, `an upcaster reads one version as the next of the same event, not "${upcaster.from}" as "${upcaster.to}"`);
    }
    const current = catalog.events.get(upcaster.from);
    if (current) report([...path, "from"], `"${upcaster.from}" is still defined by ${current.owner}; an upcaster reads only retired versions`);
    const target = catalog.events.get(upcaster.to);
    if (!target && !catalog.legacy.has(upcaster.to)) {
      report([...path, "to"], `event "${upcaster.to}" is not defined by any aggregate or service`);
    }
    if (target) {
      const fields = new Set(target.fields.map((field) => field.name));
      for (const key of [...Object.keys(upcaster.defaults), ...Object.keys(upcaster.map)]) {
        if (!fields.has(key)) report([...path, key in upcaster.map ? "map" : "defaults", key], `event "${upcaster.to}" has no field "${key}"`);
      }
    }
  });
}

export function checkEventReferences(flow: Flow, catalog: Catalog, report: Report): void {
  checkEmits(flow, catalog, report);
  checkUpcasters(flow, catalog, report);
  flow.projections.forEach((projection, p) =>
    projection.handlers.forEach((handler, h) => checkEventRef(handler.event, ["projections", p, "handlers", h, "event"], catalog, report)),
  );
  flow.consumers.forEach((consumer, c) =>
    consumer.topics.forEach((topic, t) => checkEventRef(topic, ["consumers", c, "topics", t], catalog, report)),
  );
  flow.sagas.forEach((saga, s) => {
    if (saga.kind === "orchestrated") {
      checkEventRef(saga.trigger.event, ["sagas", s, "trigger", "event"], catalog, report);
      saga.steps.forEach((step, i) => {
        if (step.successEvent) checkEventRef(step.successEvent, ["sagas", s, "steps", i, "successEvent"], catalog, report);
        if (step.failureEvent) checkEventRef(step.failureEvent, ["sagas", s, "steps", i, "failureEvent"], catalog, report);
      });
    } else {
      saga.reactions.forEach((reaction, r) => checkEventRef(reaction.on, ["sagas", s, "reactions", r, "on"], catalog, report));
      saga.terminal.forEach((type, t) => checkEventRef(type, ["sagas", s, "terminal", t], catalog, report));
    }
  });
}
