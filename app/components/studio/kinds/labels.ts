// Names of the node kinds as people read them, for the palette, legend and refusal sentences.
import type { NodeKind } from "@/server/flow/graph";

export const KIND_LABEL: Readonly<Record<NodeKind, string>> = {
  aggregate: "aggregate",
  command: "command",
  event: "event",
  projection: "projection",
  service: "service",
  saga: "saga",
  sagaStep: "saga step",
  consumer: "consumer",
  outbox: "outbox",
  topic: "topic",
  dlq: "dead-letter queue",
};

/** "an aggregate", "a command". */
export function withArticle(kind: NodeKind): string {
  const label = KIND_LABEL[kind];
  return /^[aeiou]/.test(label) ? `an ${label}` : `a ${label}`;
}

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
