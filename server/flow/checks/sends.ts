// Checks every command or call one element sends another: saga steps and compensations,
// choreography reactions and consumer send steps.
import { accepted, describeTarget, payloadOf, type Accepted, type Catalog } from "../catalog";
import type { Flow } from "../schema";
import type { Path, Report } from "./problem";

interface SendLike {
  target?: string | undefined;
  command: string;
  data: Record<string, string>;
}

/** Reports problems at `path` (the sending element); returns what the target accepts, if it resolves. */
export function checkSend(send: SendLike, targetName: string, path: Path, catalog: Catalog, report: Report): Accepted | undefined {
  const target = catalog.targets.get(targetName);
  if (!target) {
    report(path, `"${targetName}" is neither an aggregate nor a service`);
    return undefined;
  }
  const found = accepted(target, send.command);
  if (!found) {
    report(path, `command "${send.command}" is not defined on ${describeTarget(target)}`);
    return undefined;
  }
  const payload = payloadOf(found);
  const known = new Set(payload.map((field) => field.name));
  for (const key of Object.keys(send.data)) {
    if (!known.has(key)) report([...path, "data", key], `command "${send.command}" of ${describeTarget(target)} has no field "${key}"`);
  }
  for (const field of payload) {
    if (field.required && !(field.name in send.data)) {
      report([...path, "data"], `required field "${field.name}" of command "${send.command}" on ${describeTarget(target)} is not given`);
    }
  }
  return found;
}

export function checkSends(flow: Flow, catalog: Catalog, report: Report): void {
  flow.sagas.forEach((saga, s) => {
    if (saga.kind === "orchestrated") {
      saga.steps.forEach((step, i) => {
        const path = ["sagas", s, "steps", i];
        checkSend(step, step.target, path, catalog, report);
        if (step.compensation) checkSend(step.compensation, step.compensation.target ?? step.target, [...path, "compensation"], catalog, report);
      });
    } else {
      saga.reactions.forEach((reaction, r) => checkSend(reaction, reaction.target, ["sagas", s, "reactions", r], catalog, report));
    }
  });
  flow.consumers.forEach((consumer, c) =>
    consumer.handler.forEach((step, h) => {
      if (step.do === "send") checkSend(step, step.target, ["consumers", c, "handler", h], catalog, report);
    }),
  );
}
