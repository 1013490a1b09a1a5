// The canvas view of a Flow: one node per element (plus the derived topic, dead-letter-queue and
// service-reply event nodes) and one edge per relationship, and the map back from any element id
// (including nested ones: handlers, operations, upcasters) to the node that shows it.
// Pure: reads a Flow, never changes it; knows nothing of React or the browser.
import type { Flow, Position } from "./schema";

export const NODE_KINDS = [
  "aggregate", "command", "event", "projection", "service", "saga", "sagaStep", "consumer", "outbox", "topic", "dlq",
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export interface NodeDataByKind {
  aggregate: { name: string; streamPrefix: string; commands: number; events: number; snapshotEvery: number };
  command: { name: string; aggregateId: string; aggregate: string; payload: string[]; guards: number; emits: string[]; snippet: boolean };
  event: { type: string; owner: string; origin: "aggregate" | "reply"; payload: string[]; evolve: number; upcastFrom: string[] };
  projection: { name: string; events: string[] };
  service: { name: string; kind: "service" | "agent"; operations: string[]; latencyMs: number; failureRate: number; idempotent: boolean };
  saga: { name: string; mode: "orchestrated" | "choreography"; trigger: string | null; parts: number };
  sagaStep: {
    name: string; sagaId: string; saga: string; mode: "step" | "reaction"; index: number;
    target: string; command: string; on: string | null; compensation: string | null;
  };
  consumer: { group: string; topics: string[]; steps: string[]; maxRetries: number; deadLetter: boolean; idempotent: boolean };
  outbox: { aggregate: string; batchSize: number; pollIntervalMs: number };
  topic: { topic: string; consumers: number };
  dlq: { consumerId: string; group: string };
}

export type GraphNodeOf<K extends NodeKind> = {
  id: string;
  kind: K;
  /** The element the inspector edits for this node; null for a topic (it is only a name). */
  elementId: string | null;
  /** From `flow.layout`; null when the node has not been placed yet. */
  position: Position | null;
  /** false for nodes derived from another element's settings that cannot be removed on their own. */
  deletable: boolean;
  data: NodeDataByKind[K];
};
export type GraphNode = { [K in NodeKind]: GraphNodeOf<K> }[NodeKind];

/** command: solid; event: dashed; compensation: its own colour, backwards; link: structure (belongs to, next step). */
export type EdgeFlavor = "command" | "event" | "compensation" | "link";

/** What an edge stands for in the document, with what it takes to remove it. */
export type EdgeRelation =
  | { rel: "handles"; commandId: string; aggregateId: string }
  | { rel: "appends"; aggregateId: string; eventId: string }
  | { rel: "projects"; projectionId: string; event: string }
  | { rel: "publishes"; event: string }
  | { rel: "subscribes"; consumerId: string; topic: string }
  | { rel: "deadLetters"; consumerId: string }
  | { rel: "sends"; consumerId: string; target: string; command: string }
  | { rel: "triggers"; sagaId: string }
  | { rel: "next"; sagaId: string; partId: string }
  | { rel: "calls"; partId: string }
  | { rel: "compensates"; stepId: string }
  | { rel: "reacts"; reactionId: string }
  | { rel: "replies"; serviceId: string; operationId: string; outcome: "success" | "failure" }
  | { rel: "relays"; outboxId: string };

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  flavor: EdgeFlavor;
  label: string | null;
  deletable: boolean;
  relation: EdgeRelation;
}

export interface FlowGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Element id (of a node or of something nested in one) → the node that shows it. */
  owners: ReadonlyMap<string, string>;
  /** Event type → the node of the event (aggregate event or service reply). */
  eventNodes: ReadonlyMap<string, string>;
}

const ELEMENT_ID = /^[A-Za-z0-9_.:-]{1,80}$/;

/** A derived node's id: `prefix:key` when that is a valid element id (so it can be a layout key), else a stable hash. */
export function derivedId(prefix: "topic" | "dlq" | "reply", key: string): string {
  const plain = `${prefix}:${key}`;
  if (ELEMENT_ID.test(plain)) return plain;
  let hash = 0x811c9dc5; // FNV-1a, 32 bit
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${prefix}:h${hash.toString(16).padStart(8, "0")}`;
}

export const topicNodeId = (topic: string) => derivedId("topic", topic);
export const dlqNodeId = (consumerId: string) => derivedId("dlq", consumerId);
export const replyNodeId = (operationId: string, outcome: "success" | "failure") => derivedId("reply", `${operationId}:${outcome}`);

export function flowToGraph(flow: Flow): FlowGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const owners = new Map<string, string>();
  const eventNodes = new Map<string, string>();
  const edgeIds = new Set<string>();
  const nodeIds = new Set<string>();
  const at = (id: string): Position | null => flow.layout[id] ?? null;

  const addNode = <K extends NodeKind>(kind: K, id: string, data: NodeDataByKind[K], elementId: string | null = id, deletable = true) => {
    if (nodeIds.has(id)) return; // duplicate ids are a validation problem; draw the first
    nodeIds.add(id);
    nodes.push({ id, kind, elementId, position: at(id), deletable, data } as GraphNodeOf<K> as GraphNode);
    owners.set(id, id);
  };
  const addEdge = (source: string, target: string, flavor: EdgeFlavor, relation: EdgeRelation, label: string | null = null, deletable = false) => {
    let id = `${relation.rel}:${source}->${target}`;
    for (let n = 2; edgeIds.has(id); n++) id = `${relation.rel}:${source}->${target}#${n}`;
    edgeIds.add(id);
    edges.push({ id, source, target, flavor, label, deletable, relation });
  };

  // Aggregates with their commands and events.
  for (const aggregate of flow.aggregates) {
    addNode("aggregate", aggregate.id, {
      name: aggregate.name, streamPrefix: aggregate.streamPrefix, snapshotEvery: aggregate.snapshotEvery,
      commands: aggregate.commands.length, events: aggregate.events.length,
    });
    for (const event of aggregate.events) {
      addNode("event", event.id, {
        type: event.type, owner: aggregate.name, origin: "aggregate", payload: event.payload.map((f) => f.name),
        evolve: event.evolve.length, upcastFrom: flow.upcasters.filter((u) => u.to === event.type).map((u) => u.from),
      });
      if (!eventNodes.has(event.type)) eventNodes.set(event.type, event.id);
    }
    for (const command of aggregate.commands) {
      addNode("command", command.id, {
        name: command.name, aggregateId: aggregate.id, aggregate: aggregate.name, payload: command.payload.map((f) => f.name),
        guards: command.guards.length, emits: command.emits.map((e) => e.event), snippet: command.snippet !== undefined,
      });
    }
  }

  // Services and the events they answer with.
  for (const service of flow.services) {
    addNode("service", service.id, {
      name: service.name, kind: service.kind, operations: service.operations.map((o) => o.name),
      latencyMs: service.latencyMs, failureRate: service.failureRate, idempotent: service.idempotent,
    });
    for (const operation of service.operations) {
      owners.set(operation.id, service.id);
      for (const outcome of ["success", "failure"] as const) {
        const type = operation[outcome].event;
        const id = replyNodeId(operation.id, outcome);
        addNode("event", id, { type, owner: `${service.name}.${operation.name}`, origin: "reply", payload: [], evolve: 0, upcastFrom: [] }, service.id, false);
        if (!eventNodes.has(type)) eventNodes.set(type, id);
        addEdge(service.id, id, "event", { rel: "replies", serviceId: service.id, operationId: operation.id, outcome });
      }
    }
  }

  /** The node a send (target + command) points at: the command's node, or the service's node. */
  const sendTarget = (target: string, command: string): { node: string; label: string | null } | undefined => {
    const aggregate = flow.aggregates.find((a) => a.name === target);
    const commandDef = aggregate?.commands.find((c) => c.name === command);
    if (commandDef) return { node: commandDef.id, label: null };
    const service = flow.services.find((s) => s.name === target);
    if (service) return { node: service.id, label: command };
    return undefined;
  };

  for (const aggregate of flow.aggregates) {
    for (const command of aggregate.commands) addEdge(command.id, aggregate.id, "command", { rel: "handles", commandId: command.id, aggregateId: aggregate.id });
    for (const event of aggregate.events) addEdge(aggregate.id, event.id, "event", { rel: "appends", aggregateId: aggregate.id, eventId: event.id });
  }
  for (const upcaster of flow.upcasters) {
    const node = eventNodes.get(upcaster.to) ?? eventNodes.get(upcaster.from);
    if (node) owners.set(upcaster.id, node);
  }

  for (const projection of flow.projections) {
    const events = [...new Set(projection.handlers.map((h) => h.event))];
    addNode("projection", projection.id, { name: projection.name, events });
    for (const handler of projection.handlers) owners.set(handler.id, projection.id);
    for (const event of events) {
      const source = eventNodes.get(event);
      if (source) addEdge(source, projection.id, "event", { rel: "projects", projectionId: projection.id, event }, null, true);
    }
  }

  for (const saga of flow.sagas) {
    if (saga.kind === "orchestrated") {
      addNode("saga", saga.id, { name: saga.name, mode: saga.kind, trigger: saga.trigger.event, parts: saga.steps.length });
      const trigger = eventNodes.get(saga.trigger.event);
      if (trigger) addEdge(trigger, saga.id, "event", { rel: "triggers", sagaId: saga.id }, "starts");
      saga.steps.forEach((step, index) => {
        addNode("sagaStep", step.id, {
          name: step.name, sagaId: saga.id, saga: saga.name, mode: "step", index, target: step.target, command: step.command,
          on: null, compensation: step.compensation ? `${step.compensation.target ?? step.target}.${step.compensation.command}` : null,
        });
        addEdge(index === 0 ? saga.id : saga.steps[index - 1]!.id, step.id, "link", { rel: "next", sagaId: saga.id, partId: step.id });
        const sent = sendTarget(step.target, step.command);
        if (sent) addEdge(step.id, sent.node, "command", { rel: "calls", partId: step.id }, sent.label);
        if (step.compensation) {
          const undo = sendTarget(step.compensation.target ?? step.target, step.compensation.command);
          if (undo) addEdge(step.id, undo.node, "compensation", { rel: "compensates", stepId: step.id }, `undo: ${step.compensation.command}`, true);
        }
      });
    } else {
      addNode("saga", saga.id, { name: saga.name, mode: saga.kind, trigger: null, parts: saga.reactions.length });
      saga.reactions.forEach((reaction, index) => {
        addNode("sagaStep", reaction.id, {
          name: reaction.name, sagaId: saga.id, saga: saga.name, mode: "reaction", index, target: reaction.target,
          command: reaction.command, on: reaction.on, compensation: null,
        });
        addEdge(saga.id, reaction.id, "link", { rel: "next", sagaId: saga.id, partId: reaction.id });
        const on = eventNodes.get(reaction.on);
        if (on) addEdge(on, reaction.id, "event", { rel: "reacts", reactionId: reaction.id });
        const sent = sendTarget(reaction.target, reaction.command);
        if (sent) addEdge(reaction.id, sent.node, "command", { rel: "calls", partId: reaction.id }, sent.label);
      });
    }
  }

  // Consumers, the topics they read and their dead-letter queues.
  const topicConsumers = new Map<string, number>();
  for (const consumer of flow.consumers) for (const topic of new Set(consumer.topics)) topicConsumers.set(topic, (topicConsumers.get(topic) ?? 0) + 1);
  for (const [topic, consumers] of topicConsumers) {
    const id = topicNodeId(topic);
    addNode("topic", id, { topic, consumers }, null);
    const source = eventNodes.get(topic);
    if (source) addEdge(source, id, "event", { rel: "publishes", event: topic });
  }
  for (const consumer of flow.consumers) {
    addNode("consumer", consumer.id, {
      group: consumer.group, topics: consumer.topics, steps: consumer.handler.map((s) => s.do),
      maxRetries: consumer.retry.maxRetries, deadLetter: consumer.deadLetter, idempotent: consumer.idempotent,
    });
    for (const topic of new Set(consumer.topics)) addEdge(topicNodeId(topic), consumer.id, "event", { rel: "subscribes", consumerId: consumer.id, topic }, null, true);
    if (consumer.deadLetter) {
      const id = dlqNodeId(consumer.id);
      addNode("dlq", id, { consumerId: consumer.id, group: consumer.group }, consumer.id);
      addEdge(consumer.id, id, "event", { rel: "deadLetters", consumerId: consumer.id }, "dead letters", true);
    }
    const sent = new Set<string>();
    for (const step of consumer.handler) {
      if (step.do !== "send" || sent.has(`${step.target}.${step.command}`)) continue;
      sent.add(`${step.target}.${step.command}`);
      const to = sendTarget(step.target, step.command);
      if (to) addEdge(consumer.id, to.node, "command", { rel: "sends", consumerId: consumer.id, target: step.target, command: step.command }, to.label, true);
    }
  }

  for (const outbox of flow.outboxes) {
    addNode("outbox", outbox.id, { aggregate: outbox.aggregate, batchSize: outbox.batchSize, pollIntervalMs: outbox.pollIntervalMs });
    const aggregate = flow.aggregates.find((a) => a.name === outbox.aggregate);
    if (aggregate) addEdge(aggregate.id, outbox.id, "event", { rel: "relays", outboxId: outbox.id }, "outbox");
  }

  return { nodes, edges, owners, eventNodes };
}

/** The node that shows an element (a problem's `elementId`, say), or undefined when nothing on the canvas does. */
export function nodeIdForElement(graph: FlowGraph, elementId: string): string | undefined {
  return graph.owners.get(elementId);
}
