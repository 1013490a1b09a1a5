// What the live run layer needs to know of the canvas graph: each node's kind and name, which saga
// a step belongs to, each edge's flavour and ends, the first outbox. Pure: reads a FlowGraph only;
// never the server, the store or the DOM.
import type { EdgeFlavor, FlowGraph, NodeKind } from "@/server/flow/graph";

export interface TopologyNode {
  kind: NodeKind;
  /** What the node is called on the canvas (step name, group, projection...). */
  name: string;
  /** Saga steps: their saga's node. */
  sagaNode?: string;
  /** Consumers: deliveries a message gets before it is dead-lettered (1 + retries). */
  maxAttempts?: number;
}

export interface TopologyEdge {
  source: string;
  target: string;
  flavor: EdgeFlavor;
}

export interface Topology {
  nodes: ReadonlyMap<string, TopologyNode>;
  edges: ReadonlyMap<string, TopologyEdge>;
  /** The outbox the relay publishes from (the first), if the flow has one. */
  outbox: string | null;
}

function nameOf(node: FlowGraph["nodes"][number]): string {
  switch (node.kind) {
    case "aggregate":
    case "command":
    case "projection":
    case "service":
    case "saga":
    case "sagaStep":
      return node.data.name;
    case "event":
      return node.data.type;
    case "consumer":
    case "dlq":
      return node.data.group;
    case "outbox":
      return `${node.data.aggregate} outbox`;
    case "topic":
      return node.data.topic;
    default: {
      const unknown: never = node;
      throw new Error(`Unknown node ${JSON.stringify(unknown)}.`);
    }
  }
}

export function topologyOf(graph: FlowGraph): Topology {
  const nodes = new Map<string, TopologyNode>();
  let outbox: string | null = null;
  for (const node of graph.nodes) {
    const entry: TopologyNode = { kind: node.kind, name: nameOf(node) };
    if (node.kind === "sagaStep") entry.sagaNode = node.data.sagaId;
    if (node.kind === "consumer") entry.maxAttempts = node.data.maxRetries + 1;
    if (node.kind === "outbox" && outbox === null) outbox = node.id;
    nodes.set(node.id, entry);
  }
  const edges = new Map(graph.edges.map((edge) => [edge.id, { source: edge.source, target: edge.target, flavor: edge.flavor }]));
  return { nodes, edges, outbox };
}
