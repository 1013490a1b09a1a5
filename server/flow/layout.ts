// Canvas positions for a Flow. Elements keep theirs in `flow.layout`; derived nodes (topics,
// dead-letter queues, service replies) are never stored: they ride beside the element they belong to.
// Offers a full automatic layout (dagre, left to right), the placement of new elements beside a
// neighbour, and the positions of every node. Pure: returns new documents, never changes its input.
import { Graph, layout as dagreLayout } from "@dagrejs/dagre";
import { flowToGraph, type EdgeRelation, type FlowGraph, type GraphNode, type NodeKind } from "./graph";
import type { Flow, Position } from "./schema";

export interface Size {
  width: number;
  height: number;
}

/** Every node is this wide on the canvas; heights are typical values (the layout's estimate). */
export const NODE_WIDTH = 200;
export const NODE_SIZE: Readonly<Record<NodeKind, Size>> = {
  aggregate: { width: NODE_WIDTH, height: 84 },
  command: { width: NODE_WIDTH, height: 76 },
  event: { width: NODE_WIDTH, height: 76 },
  projection: { width: NODE_WIDTH, height: 72 },
  service: { width: NODE_WIDTH, height: 84 },
  saga: { width: NODE_WIDTH, height: 72 },
  sagaStep: { width: NODE_WIDTH, height: 76 },
  consumer: { width: NODE_WIDTH, height: 84 },
  outbox: { width: NODE_WIDTH, height: 64 },
  topic: { width: NODE_WIDTH, height: 56 },
  dlq: { width: NODE_WIDTH, height: 56 },
};

const GAP_X = 90;
const GAP_Y = 24;
/** Extra room between nodes stacked by the automatic layout for what they show while the flow runs (a rejection, counts, a fault), so a running node does not reach the next one. */
const RUN_ROOM = 24;
const ATTACH_GAP = 48;

type Layout = Flow["layout"];

/**
 * Edges that send a command or call back upstream (sagas, reactions and consumers sending, compensations).
 * Left out of the ranking, so the flow reads left to right (command → aggregate → event → reactions) and
 * stays compact instead of stringing every send into one long row.
 */
const FEEDBACK: ReadonlySet<EdgeRelation["rel"]> = new Set(["calls", "sends", "compensates"]);

/** A derived node and its offset from the element it rides with. */
interface Rider {
  id: string;
  dx: number;
  dy: number;
}

/** The footprint of an element with its riders: a box, and where the element sits inside it. */
interface Footprint {
  width: number;
  height: number;
  offsetX: number;
  offsetY: number;
}

const isDerived = (node: GraphNode) => node.kind === "topic" || node.kind === "dlq" || (node.kind === "event" && node.data.origin === "reply");

/** Derived node → the element it rides with, and each element's riders in a stable order. */
function riders(graph: FlowGraph): { anchorOf: Map<string, string>; ridersOf: Map<string, Rider[]> } {
  const anchorOf = new Map<string, string>();
  const ridersOf = new Map<string, Rider[]>();
  const add = (anchor: string, rider: Rider) => {
    if (anchorOf.has(rider.id)) return;
    anchorOf.set(rider.id, anchor);
    ridersOf.set(anchor, [...(ridersOf.get(anchor) ?? []), rider]);
  };
  const count = (anchor: string, dx: number) => (ridersOf.get(anchor) ?? []).filter((r) => r.dx === dx).length;
  const left = -(NODE_WIDTH + ATTACH_GAP);
  const right = NODE_WIDTH + ATTACH_GAP;
  for (const edge of graph.edges) {
    const { relation } = edge;
    if (relation.rel === "subscribes" && !anchorOf.has(edge.source)) {
      add(edge.target, { id: edge.source, dx: left, dy: count(edge.target, left) * (NODE_SIZE.topic.height + GAP_Y) });
    } else if (relation.rel === "replies") {
      add(edge.source, { id: edge.target, dx: right, dy: count(edge.source, right) * (NODE_SIZE.event.height + GAP_Y) });
    } else if (relation.rel === "deadLetters") {
      add(edge.source, { id: edge.target, dx: right, dy: count(edge.source, right) * (NODE_SIZE.dlq.height + GAP_Y) });
    }
  }
  return { anchorOf, ridersOf };
}

function footprints(graph: FlowGraph, ridersOf: Map<string, Rider[]>): Map<string, Footprint> {
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const result = new Map<string, Footprint>();
  for (const node of graph.nodes) {
    if (isDerived(node)) continue;
    const own = NODE_SIZE[node.kind];
    let minX = 0, minY = 0, maxX = own.width, maxY = own.height;
    for (const rider of ridersOf.get(node.id) ?? []) {
      const size = NODE_SIZE[kinds.get(rider.id) ?? "event"];
      minX = Math.min(minX, rider.dx);
      minY = Math.min(minY, rider.dy);
      maxX = Math.max(maxX, rider.dx + size.width);
      maxY = Math.max(maxY, rider.dy + size.height);
    }
    result.set(node.id, { width: maxX - minX, height: maxY - minY, offsetX: -minX, offsetY: -minY });
  }
  return result;
}

/** A left-to-right layered layout of every element (top-left corners, whole pixels). */
export function autoLayout(graph: FlowGraph): Layout {
  const { anchorOf, ridersOf } = riders(graph);
  const boxes = footprints(graph, ridersOf);
  const g = new Graph();
  g.setGraph({ rankdir: "LR", nodesep: 28 + RUN_ROOM, ranksep: GAP_X, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const [id, box] of boxes) g.setNode(id, { width: box.width, height: box.height });
  for (const edge of graph.edges) {
    if (FEEDBACK.has(edge.relation.rel)) continue;
    const source = anchorOf.get(edge.source) ?? edge.source;
    const target = anchorOf.get(edge.target) ?? edge.target;
    if (source !== target && boxes.has(source) && boxes.has(target)) g.setEdge(source, target);
  }
  dagreLayout(g);
  const layout: Layout = {};
  for (const [id, box] of boxes) {
    const placed = g.node(id) as { x: number; y: number };
    layout[id] = { x: Math.round(placed.x - box.width / 2 + box.offsetX), y: Math.round(placed.y - box.height / 2 + box.offsetY) };
  }
  return layout;
}

/** The flow with every element laid out afresh. */
export function layoutFlow(flow: Flow): Flow {
  return { ...flow, layout: autoLayout(flowToGraph(flow)) };
}

/**
 * The flow with a position for every element and none for anything else. An element without one goes
 * beside a placed neighbour (right of what feeds it, left of what it feeds), else below the rest; a flow
 * with most elements unplaced is laid out in full. Returns the same object when nothing changes.
 */
export function completeLayout(flow: Flow, graph: FlowGraph = flowToGraph(flow)): Flow {
  const elements = graph.nodes.filter((n) => !isDerived(n));
  const live = new Set(elements.map((n) => n.id));
  const stale = Object.keys(flow.layout).some((id) => !live.has(id));
  const missing = elements.filter((n) => n.position === null);
  if (!stale && missing.length === 0) return flow;
  // Mostly unplaced (an import, or a hand-written layout of only the top-level elements): lay out in full.
  if (missing.length > elements.length / 2) return { ...flow, layout: autoLayout(graph) };

  const { anchorOf, ridersOf } = riders(graph);
  const boxes = footprints(graph, ridersOf);
  const layout: Layout = {};
  for (const node of elements) if (node.position) layout[node.id] = node.position;
  const rect = (id: string, at: Position) => {
    const box = boxes.get(id)!;
    return { x: at.x - box.offsetX, y: at.y - box.offsetY, w: box.width, h: box.height };
  };
  const overlaps = (id: string, at: Position) => {
    const a = rect(id, at);
    return Object.entries(layout).some(([other, p]) => {
      const b = rect(other, p);
      return a.x < b.x + b.w + GAP_Y && b.x < a.x + a.w + GAP_Y && a.y < b.y + b.h + GAP_Y && b.y < a.y + a.h + GAP_Y;
    });
  };
  const anchored = (id: string) => anchorOf.get(id) ?? id;
  for (const node of missing) {
    const at = besideNeighbour(node.id, graph, layout, anchored, boxes) ?? belowEverything(layout, rect);
    while (overlaps(node.id, at)) at.y += boxes.get(node.id)!.height + GAP_Y;
    layout[node.id] = at;
  }
  return { ...flow, layout };
}

function besideNeighbour(id: string, graph: FlowGraph, layout: Layout, anchored: (id: string) => string, boxes: Map<string, Footprint>): Position | undefined {
  const own = boxes.get(id)!;
  for (const edge of graph.edges) {
    const source = anchored(edge.source);
    const target = anchored(edge.target);
    const feeder = target === id && source !== id ? layout[source] : undefined;
    if (feeder) {
      const box = boxes.get(source)!;
      return { x: feeder.x + box.width - box.offsetX + GAP_X + own.offsetX, y: feeder.y };
    }
    const fed = source === id && target !== id ? layout[target] : undefined;
    if (fed) return { x: fed.x - boxes.get(target)!.offsetX - GAP_X - (own.width - own.offsetX), y: fed.y };
  }
  return undefined;
}

function belowEverything(layout: Layout, rect: (id: string, at: Position) => { x: number; y: number; h: number }): Position {
  let minX = Infinity;
  let maxY = -Infinity;
  for (const [id, p] of Object.entries(layout)) {
    const r = rect(id, p);
    minX = Math.min(minX, p.x);
    maxY = Math.max(maxY, r.y + r.h);
  }
  return Number.isFinite(minX) ? { x: minX, y: maxY + GAP_X } : { x: 0, y: 0 };
}

/**
 * Where every node of the graph sits: elements at their layout position, derived nodes beside their
 * element. A node whose element has no position yet is left out.
 */
export function nodePositions(graph: FlowGraph): Map<string, Position> {
  const { ridersOf } = riders(graph);
  const positions = new Map<string, Position>();
  for (const node of graph.nodes) {
    if (isDerived(node) || !node.position) continue;
    positions.set(node.id, node.position);
    for (const rider of ridersOf.get(node.id) ?? []) positions.set(rider.id, { x: node.position.x + rider.dx, y: node.position.y + rider.dy });
  }
  return positions;
}
