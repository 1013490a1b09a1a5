// Finding, naming and placing elements inside a Flow draft: the shared vocabulary of every canvas edit.
// Edits work on a draft (a deep copy the store hands them) and may change it in place.
import type { Aggregate, CommandDef, Consumer, EventDef, Flow, Outbox, Position, Projection, Saga, Service } from "@/server/flow/schema";

/** Makes fresh element ids; injected so edits stay deterministic in tests. */
export type NewId = (prefix: string) => string;

/** An edit that cannot be made, with the sentence the user sees. */
export interface Refusal {
  refused: string;
}
export const refuse = (refused: string): Refusal => ({ refused });
export const isRefusal = (value: unknown): value is Refusal => typeof value === "object" && value !== null && "refused" in value;

export type Located =
  | { kind: "aggregate"; element: Aggregate }
  | { kind: "command"; element: CommandDef; aggregate: Aggregate }
  | { kind: "event"; element: EventDef; aggregate: Aggregate }
  | { kind: "projection"; element: Projection }
  | { kind: "service"; element: Service }
  | { kind: "saga"; element: Saga }
  | { kind: "consumer"; element: Consumer }
  | { kind: "outbox"; element: Outbox };

/** The element with this id (objects of `flow`, so a draft's can be changed in place). */
export function locate(flow: Flow, id: string): Located | undefined {
  for (const aggregate of flow.aggregates) {
    if (aggregate.id === id) return { kind: "aggregate", element: aggregate };
    const command = aggregate.commands.find((c) => c.id === id);
    if (command) return { kind: "command", element: command, aggregate };
    const event = aggregate.events.find((e) => e.id === id);
    if (event) return { kind: "event", element: event, aggregate };
  }
  const projection = flow.projections.find((p) => p.id === id);
  if (projection) return { kind: "projection", element: projection };
  const service = flow.services.find((s) => s.id === id);
  if (service) return { kind: "service", element: service };
  const saga = flow.sagas.find((s) => s.id === id);
  if (saga) return { kind: "saga", element: saga };
  const consumer = flow.consumers.find((c) => c.id === id);
  if (consumer) return { kind: "consumer", element: consumer };
  const outbox = flow.outboxes.find((o) => o.id === id);
  if (outbox) return { kind: "outbox", element: outbox };
  return undefined;
}

/** The saga that holds a step or reaction with this id, and its index there. */
export function locatePart(flow: Flow, id: string): { saga: Saga; index: number } | undefined {
  for (const saga of flow.sagas) {
    const index = saga.kind === "orchestrated" ? saga.steps.findIndex((s) => s.id === id) : saga.reactions.findIndex((r) => r.id === id);
    if (index >= 0) return { saga, index };
  }
  return undefined;
}

/** `base`, else `base2`, `base3`… whichever is not taken. */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

/** Every event type the flow defines (aggregate events and service replies). */
export function eventTypes(flow: Flow): string[] {
  return [
    ...flow.aggregates.flatMap((a) => a.events.map((e) => e.type)),
    ...flow.services.flatMap((s) => s.operations.flatMap((o) => [o.success.event, o.failure.event])),
  ];
}

/** A free event type `domain.entity.<name>N.vV` next to `type` (the name segment gets the number). */
export function uniqueEventType(type: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(type)) return type;
  const parts = type.split(".");
  const version = parts.length === 4 ? parts.pop()! : "v1";
  const name = parts.pop() ?? "event";
  const head = parts.length ? `${parts.join(".")}.` : "app.entity.";
  for (let n = 2; ; n++) {
    const candidate = `${head}${name}${n}.${version}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** A lower-case token usable as an event type segment, from a stream prefix or a name. */
export function typeSegment(text: string): string {
  const token = text.toLowerCase().replace(/[^a-z0-9_]/g, "_").replace(/^[^a-z]+/, "");
  return token || "app";
}

/** Every target name (aggregates and services). */
export function targetNames(flow: Flow): string[] {
  return [...flow.aggregates.map((a) => a.name), ...flow.services.map((s) => s.name)];
}

/** The element of `candidates` whose position is nearest to `at` (those without a position count as far away). */
export function nearest<T extends { id: string }>(flow: Flow, candidates: T[], at: Position): T | undefined {
  let best: T | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const p = flow.layout[candidate.id];
    const distance = p ? (p.x - at.x) ** 2 + (p.y - at.y) ** 2 : Number.MAX_VALUE;
    if (best === undefined || distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Gives every object with an `id` under `value` a fresh one (for copies), noting old → new in `renamed`. */
export function freshIds<T>(value: T, newId: NewId, renamed: Map<string, string> = new Map()): T {
  if (Array.isArray(value)) return value.map((item) => freshIds(item, newId, renamed)) as T;
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "id" && typeof child === "string") {
      const id = newId(child.split("-")[0] || "element");
      renamed.set(child, id);
      copy[key] = id;
    } else copy[key] = freshIds(child, newId, renamed);
  }
  return copy as T;
}
