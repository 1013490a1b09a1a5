// Checks of settings that span elements: outboxes, retry policies and the canvas layout.
import type { Flow } from "../schema";
import type { Report } from "./problem";

function allIds(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) allIds(item, found);
  else if (value !== null && typeof value === "object") {
    const id = (value as { id?: unknown }).id;
    if (typeof id === "string") found.add(id);
    for (const child of Object.values(value)) allIds(child, found);
  }
  return found;
}

export function checkSettings(flow: Flow, report: Report): void {
  const aggregates = new Set(flow.aggregates.map((aggregate) => aggregate.name));
  const [first] = flow.outboxes;
  flow.outboxes.forEach((outbox, o) => {
    if (!aggregates.has(outbox.aggregate)) report(["outboxes", o, "aggregate"], `aggregate "${outbox.aggregate}" is not defined`);
    if (first && (outbox.batchSize !== first.batchSize || outbox.pollIntervalMs !== first.pollIntervalMs)) {
      report(["outboxes", o], "every outbox must use the same batch size and poll interval: one relay publishes them all");
    }
  });
  flow.consumers.forEach((consumer, c) => {
    if (consumer.retry.maxMs < consumer.retry.initialMs) {
      report(["consumers", c, "retry", "maxMs"], `the longest backoff (${consumer.retry.maxMs} ms) is shorter than the first (${consumer.retry.initialMs} ms)`);
    }
  });
  const { layout, ...elements } = flow;
  const ids = allIds(elements, new Set());
  for (const id of Object.keys(layout)) {
    if (!ids.has(id)) report(["layout", id], `the layout places "${id}", which is not an element of this flow`);
  }
}
