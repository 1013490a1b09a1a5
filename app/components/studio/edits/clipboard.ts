// Copy and paste: a copy holds the selected elements as they are (with their positions); pasting
// adds them again with fresh ids and free names, shifted, inside their original aggregate or saga.
import type { FlowGraph } from "@/server/flow/graph";
import type { Aggregate, CommandDef, Consumer, EventDef, Flow, Outbox, Position, Projection, Reaction, Saga, SagaStep, Service } from "@/server/flow/schema";
import { eventTypes, freshIds, locate, locatePart, targetNames, uniqueEventType, uniqueName, type NewId } from "./elements";

type Placed = { positions: Record<string, Position> };
export type ClipItem = Placed & (
  | { kind: "aggregate"; element: Aggregate }
  | { kind: "command"; element: CommandDef; aggregateId: string }
  | { kind: "event"; element: EventDef; aggregateId: string }
  | { kind: "projection"; element: Projection }
  | { kind: "service"; element: Service }
  | { kind: "saga"; element: Saga }
  | { kind: "sagaStep"; element: SagaStep | Reaction; sagaId: string }
  | { kind: "consumer"; element: Consumer }
  | { kind: "outbox"; element: Outbox }
);

export interface Clipboard {
  items: ClipItem[];
}

function positionsOf(flow: Flow, value: unknown, found: Record<string, Position> = {}): Record<string, Position> {
  if (Array.isArray(value)) for (const item of value) positionsOf(flow, item, found);
  else if (value !== null && typeof value === "object") {
    const id = (value as { id?: unknown }).id;
    if (typeof id === "string" && flow.layout[id]) found[id] = flow.layout[id];
    for (const child of Object.values(value)) positionsOf(flow, child, found);
  }
  return found;
}

/** The selected elements as a clipboard, or null when nothing copyable is selected (topics, queues, replies). */
export function copySelection(flow: Flow, graph: FlowGraph, nodeIds: readonly string[]): Clipboard | null {
  const chosen = new Set(nodeIds);
  const items: ClipItem[] = [];
  for (const node of graph.nodes) {
    if (!chosen.has(node.id)) continue;
    const clone = <T,>(value: T): T => structuredClone(value);
    const found = locate(flow, node.id);
    if (found) {
      const positions = positionsOf(flow, found.element);
      if (found.kind === "command" || found.kind === "event") {
        if (chosen.has(found.aggregate.id)) continue; // comes along with its aggregate
        items.push(found.kind === "command"
          ? { kind: "command", element: clone(found.element), aggregateId: found.aggregate.id, positions }
          : { kind: "event", element: clone(found.element), aggregateId: found.aggregate.id, positions });
      } else {
        items.push({ ...found, element: clone(found.element), positions } as ClipItem);
      }
      continue;
    }
    const part = node.kind === "sagaStep" ? locatePart(flow, node.id) : undefined;
    if (part && !chosen.has(part.saga.id)) {
      const element = part.saga.kind === "orchestrated" ? part.saga.steps[part.index]! : part.saga.reactions[part.index]!;
      items.push({ kind: "sagaStep", element: clone(element), sagaId: part.saga.id, positions: positionsOf(flow, element) });
    }
  }
  return items.length ? { items } : null;
}

/** Adds the clipboard's elements to the draft, shifted by `offset`; returns the new node ids. */
export function pasteClipboard(draft: Flow, clipboard: Clipboard, newId: NewId, offset: Position): string[] {
  const added: string[] = [];
  const renamedAggregates = new Map<string, string>();
  const place = (item: ClipItem, ids: Map<string, string>) => {
    for (const [oldId, p] of Object.entries(item.positions)) {
      const id = ids.get(oldId);
      if (id) draft.layout[id] = { x: p.x + offset.x, y: p.y + offset.y };
    }
  };
  const freshTypes = (types: string[]): Map<string, string> => {
    const map = new Map<string, string>();
    const taken = eventTypes(draft);
    for (const type of types) {
      const fresh = uniqueEventType(type, taken);
      taken.push(fresh);
      map.set(type, fresh);
    }
    return map;
  };

  for (const item of clipboard.items) {
    const ids = new Map<string, string>();
    switch (item.kind) {
      case "aggregate": {
        const copy = freshIds(item.element, newId, ids);
        copy.name = uniqueName(copy.name, targetNames(draft));
        copy.streamPrefix = uniqueName(copy.streamPrefix, draft.aggregates.map((a) => a.streamPrefix));
        const types = freshTypes(copy.events.map((e) => e.type));
        for (const event of copy.events) event.type = types.get(event.type) ?? event.type;
        for (const command of copy.commands) for (const emit of command.emits) emit.event = types.get(emit.event) ?? emit.event;
        renamedAggregates.set(item.element.name, copy.name);
        draft.aggregates.push(copy);
        added.push(copy.id, ...copy.commands.map((c) => c.id), ...copy.events.map((e) => e.id));
        break;
      }
      case "command":
      case "event": {
        const aggregate = draft.aggregates.find((a) => a.id === item.aggregateId) ?? draft.aggregates[0];
        if (!aggregate) continue;
        if (item.kind === "command") {
          const copy = freshIds(item.element, newId, ids);
          copy.name = uniqueName(copy.name, aggregate.commands.map((c) => c.name));
          aggregate.commands.push(copy);
          added.push(copy.id);
        } else {
          const copy = freshIds(item.element, newId, ids);
          copy.type = uniqueEventType(copy.type, eventTypes(draft));
          aggregate.events.push(copy);
          added.push(copy.id);
        }
        break;
      }
      case "projection": {
        const copy = freshIds(item.element, newId, ids);
        copy.name = uniqueName(copy.name, draft.projections.map((p) => p.name));
        draft.projections.push(copy);
        added.push(copy.id);
        break;
      }
      case "service": {
        const copy = freshIds(item.element, newId, ids);
        copy.name = uniqueName(copy.name, targetNames(draft));
        copy.streamPrefix = uniqueName(copy.streamPrefix, draft.services.map((s) => s.streamPrefix));
        const types = freshTypes(copy.operations.flatMap((o) => [o.success.event, o.failure.event]));
        for (const operation of copy.operations) {
          operation.success.event = types.get(operation.success.event)!;
          operation.failure.event = types.get(operation.failure.event)!;
        }
        draft.services.push(copy);
        added.push(copy.id);
        break;
      }
      case "saga": {
        const copy = freshIds(item.element, newId, ids);
        copy.name = uniqueName(copy.name, [...targetNames(draft), ...draft.sagas.map((s) => s.name)]);
        draft.sagas.push(copy);
        added.push(copy.id, ...(copy.kind === "orchestrated" ? copy.steps : copy.reactions).map((p) => p.id));
        break;
      }
      case "sagaStep": {
        const saga = draft.sagas.find((s) => s.id === item.sagaId);
        if (!saga) continue;
        const copy = freshIds(item.element, newId, ids);
        if (saga.kind === "orchestrated" && !("on" in copy)) {
          copy.name = uniqueName(copy.name, saga.steps.map((s) => s.name));
          saga.steps.push(copy);
        } else if (saga.kind === "choreography" && "on" in copy) {
          copy.name = uniqueName(copy.name, saga.reactions.map((r) => r.name));
          saga.reactions.push(copy);
        } else continue;
        added.push(copy.id);
        break;
      }
      case "consumer": {
        const copy = freshIds(item.element, newId, ids);
        copy.group = uniqueName(copy.group, draft.consumers.map((c) => c.group));
        draft.consumers.push(copy);
        added.push(copy.id);
        break;
      }
      case "outbox": {
        const aggregate = renamedAggregates.get(item.element.aggregate);
        if (!aggregate) continue; // its aggregate already has this outbox; it only comes along with a copied aggregate
        const copy = freshIds(item.element, newId, ids);
        copy.aggregate = aggregate;
        draft.outboxes.push(copy);
        added.push(copy.id);
        break;
      }
      default: {
        const unknown: never = item;
        throw new Error(`cannot paste ${JSON.stringify(unknown)}`);
      }
    }
    place(item, ids);
  }
  return added;
}
