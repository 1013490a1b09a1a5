// A gallery card's preview of a Flow: its nodes as boxes and its edges as lines, in canvas
// coordinates from the origin. Pure; positions the flow first when it has none.
import { flowToGraph, type EdgeFlavor, type NodeKind } from "./graph";
import { completeLayout, NODE_SIZE, nodePositions } from "./layout";
import type { Flow } from "./schema";

export interface Thumbnail {
  width: number;
  height: number;
  boxes: { x: number; y: number; w: number; h: number; kind: NodeKind }[];
  lines: { x1: number; y1: number; x2: number; y2: number; flavor: EdgeFlavor }[];
}

/** The preview, or null for a flow with nothing on it. */
export function flowThumbnail(flow: Flow): Thumbnail | null {
  const graph = flowToGraph(completeLayout(flow));
  const positions = nodePositions(graph);
  if (graph.nodes.length === 0) return null;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const node of graph.nodes) {
    const p = positions.get(node.id)!;
    const size = NODE_SIZE[node.kind];
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + size.width);
    maxY = Math.max(maxY, p.y + size.height);
  }
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const boxes = graph.nodes.map((node) => {
    const p = positions.get(node.id)!;
    const size = NODE_SIZE[node.kind];
    return { x: Math.round(p.x - minX), y: Math.round(p.y - minY), w: size.width, h: size.height, kind: node.kind };
  });
  const lines = graph.edges.map((edge) => {
    const from = positions.get(edge.source)!;
    const to = positions.get(edge.target)!;
    return {
      x1: Math.round(from.x - minX + NODE_SIZE[kinds.get(edge.source)!].width),
      y1: Math.round(from.y - minY + NODE_SIZE[kinds.get(edge.source)!].height / 2),
      x2: Math.round(to.x - minX),
      y2: Math.round(to.y - minY + NODE_SIZE[kinds.get(edge.target)!].height / 2),
      flavor: edge.flavor,
    };
  });
  return { width: Math.round(maxX - minX), height: Math.round(maxY - minY), boxes, lines };
}
