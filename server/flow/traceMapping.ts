// From a trace entry to the canvas: the runtime names a hop's ends by aggregate, service,
// projection, saga and reaction names, consumer groups ("saga:X", "service:X"... too) and topics
// ("_retry.", "_dlq.", "_svc." included); this maps them to the canvas node ids of flowToGraph and
// finds the edge the token travels along. Pure: reads a Flow, never the runtime.
import type { JsonObject } from "./json";
import { dlqNodeId, flowToGraph, topicNodeId, type FlowGraph } from "./graph";
import type { Flow } from "./schema";

/** What the mapping reads of a trace entry (the stored entry has more). */
export interface TraceHopInput {
  kind: string;
  fromNode: string | null;
  toNode: string | null;
  detail?: JsonObject | null;
}

/** Canvas ids of a hop: its end nodes (null when the canvas has no node for it) and the edge, if one joins them. */
export interface TraceHop {
  from: string | null;
  to: string | null;
  edge: string | null;
  /** The token travels the edge from its target back to its source (a redrive out of a dead-letter queue). */
  reverse: boolean;
}

export interface TraceMapping {
  hop(entry: TraceHopInput): TraceHop;
  /** The canvas node of a runtime name (aggregate, group, topic...), or undefined. */
  node(name: string): string | undefined;
}

const MAX_UPCAST_CHAIN = 32;
const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

export function traceMapping(flow: Flow, graph: FlowGraph = flowToGraph(flow)): TraceMapping {
  const nodeIds = new Set(graph.nodes.map((node) => node.id));
  const byPair = new Map<string, string>();
  const byRelation = new Map<string, string>();
  for (const edge of graph.edges) {
    const pair = `${edge.source}->${edge.target}`;
    if (!byPair.has(pair)) byPair.set(pair, edge.id);
    const relation = `${edge.relation.rel}:${pair}`;
    if (!byRelation.has(relation)) byRelation.set(relation, edge.id);
  }

  const names = new Map<string, string>();
  const claim = (name: string, id: string) => {
    if (!names.has(name)) names.set(name, id);
  };
  for (const aggregate of flow.aggregates) claim(aggregate.name, aggregate.id);
  for (const service of flow.services) {
    claim(service.name, service.id);
    claim(`service:${service.name}`, service.id);
    claim(`_svc.${service.name}`, service.id);
  }
  for (const projection of flow.projections) claim(projection.name, projection.id);
  for (const consumer of flow.consumers) claim(consumer.group, consumer.id);
  for (const saga of flow.sagas) {
    claim(saga.name, saga.id);
    claim(`saga:${saga.name}`, saga.id);
    if (saga.kind === "choreography") {
      for (const reaction of saga.reactions) {
        claim(reaction.name, reaction.id);
        claim(`reaction:${reaction.name}`, reaction.id);
      }
    }
  }
  const firstOutbox = flow.outboxes[0]?.id;

  /** An old event version reads as its latest: the node of the type it is upcast to. */
  const upcastTo = new Map(flow.upcasters.map((upcaster) => [upcaster.from, upcaster.to]));
  function eventNode(type: string): string | undefined {
    let current = type;
    for (let i = 0; i < MAX_UPCAST_CHAIN; i++) {
      const found = graph.eventNodes.get(current);
      if (found) return found;
      const next = upcastTo.get(current);
      if (next === undefined) return undefined;
      current = next;
    }
    return undefined;
  }
  const topicNode = (topic: string) => (nodeIds.has(topicNodeId(topic)) ? topicNodeId(topic) : undefined);

  /** Canvas nodes a name may stand for, most specific first. */
  function candidates(name: string | null): string[] {
    if (name === null) return [];
    const named = names.get(name);
    if (named) return [named];
    if (name === "outbox") return firstOutbox ? [firstOutbox] : [];
    if (name.startsWith("_dlq.")) {
      const topic = name.slice("_dlq.".length);
      return flow.consumers.filter((c) => c.deadLetter && c.topics.includes(topic)).map((c) => dlqNodeId(c.id));
    }
    const topic = name.startsWith("_retry.") ? name.slice("_retry.".length) : name;
    return [topicNode(topic), eventNode(topic)].filter((id): id is string => id !== undefined);
  }

  /** The first pair of candidates joined by an edge (either way), or the first candidates unjoined. */
  function join(froms: string[], tos: string[]): TraceHop {
    for (const from of froms) {
      for (const to of tos) {
        const edge = byPair.get(`${from}->${to}`);
        if (edge) return { from, to, edge, reverse: false };
        const back = byPair.get(`${to}->${from}`);
        if (back) return { from, to, edge: back, reverse: true };
      }
    }
    return { from: froms[0] ?? null, to: tos[0] ?? null, edge: null, reverse: false };
  }

  const commandNode = (aggregate: string, command: string | undefined) =>
    flow.aggregates.find((a) => a.name === aggregate)?.commands.find((c) => c.name === command)?.id;

  /** The node a send lands on: the command's node of an aggregate, or the service's node. */
  const sendTarget = (target: string, command: string | undefined) => commandNode(target, command) ?? names.get(target);

  /** A command or call sent by a saga step, a compensation, a reaction or a consumer. */
  function sendHop(sender: string | null, target: string | null, command: string | undefined): TraceHop {
    const to = target === null ? undefined : sendTarget(target, command);
    const saga = flow.sagas.find((s) => s.name === sender);
    if (to && saga?.kind === "orchestrated") {
      for (const step of saga.steps) {
        const calls = step.target === target && step.command === command ? byRelation.get(`calls:${step.id}->${to}`) : undefined;
        if (calls) return { from: step.id, to, edge: calls, reverse: false };
        const undo = step.compensation;
        const compensates =
          undo && (undo.target ?? step.target) === target && undo.command === command ? byRelation.get(`compensates:${step.id}->${to}`) : undefined;
        if (compensates) return { from: step.id, to, edge: compensates, reverse: false };
      }
    }
    return join(candidates(sender), to ? [to] : candidates(target));
  }

  /** Saga notes name a step by index: show them on the step's node. */
  function sagaNoteNode(sagaName: string | null, step: unknown): string | null {
    const saga = flow.sagas.find((s) => s.name === sagaName);
    if (!saga) return candidates(sagaName)[0] ?? null;
    const parts = saga.kind === "orchestrated" ? saga.steps : saga.reactions;
    return (typeof step === "number" ? parts[step]?.id : undefined) ?? saga.id;
  }

  function hop(entry: TraceHopInput): TraceHop {
    const detail = entry.detail ?? {};
    switch (entry.kind) {
      case "command-sent":
        return sendHop(entry.fromNode, entry.toNode, text(detail.command));
      case "service-call":
        return sendHop(entry.fromNode, entry.toNode, text(detail.operation));
      case "command-accepted":
      case "command-rejected":
      case "command-duplicate": {
        const command = detail.command;
        const type = command !== null && typeof command === "object" && !Array.isArray(command) ? text(command.type) : undefined;
        const from = entry.toNode === null ? undefined : commandNode(entry.toNode, type);
        return join(from ? [from] : [], candidates(entry.toNode));
      }
      case "outbox-publish": {
        const owner = flow.aggregates.find((a) => a.events.some((e) => e.type === entry.toNode));
        const outbox = flow.outboxes.find((o) => o.aggregate === owner?.name)?.id;
        return join(outbox ? [outbox] : candidates(entry.fromNode), candidates(entry.toNode));
      }
      case "dead-lettered": {
        const consumer = flow.consumers.find((c) => c.group === entry.fromNode);
        return join(candidates(entry.fromNode), consumer?.deadLetter ? [dlqNodeId(consumer.id)] : candidates(entry.toNode));
      }
      case "redriven":
      case "discarded": {
        const consumer = flow.consumers.find((c) => c.group === entry.toNode);
        const from = consumer?.deadLetter ? [dlqNodeId(consumer.id)] : candidates(entry.fromNode);
        return join(from, candidates(entry.toNode));
      }
      case "saga-started":
      case "saga-step-started":
      case "saga-step-succeeded":
      case "saga-step-failed":
      case "saga-completed":
      case "saga-compensated":
      case "compensation-started":
      case "compensation-done":
      case "compensation-failed":
        return { from: sagaNoteNode(entry.fromNode, detail.step), to: null, edge: null, reverse: false };
      default:
        return join(candidates(entry.fromNode), candidates(entry.toNode));
    }
  }

  return { hop, node: (name) => candidates(name)[0] };
}
