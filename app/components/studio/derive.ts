// React Flow's nodes and edges from the Flow's graph. Unchanged nodes and edges keep their
// previous objects, so memo'd components do not re-render when something else changes.
import { MarkerType } from "@xyflow/react";
import type { EdgeFlavor, FlowGraph } from "@/server/flow/graph";
import type { Position } from "@/server/flow/schema";
import { capitalized, KIND_LABEL } from "./kinds/labels";
import { nodeTitle } from "./kinds/title";
import type { AppEdge, AppNode } from "./types";

/** Structural equality of plain JSON values. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export const EDGE_COLOR: Readonly<Record<EdgeFlavor, string>> = {
  command: "#1c3f94",
  event: "#c2410c",
  compensation: "#9c36b5",
  link: "#8a94a3",
};

export function deriveNodes(
  graph: FlowGraph, positions: ReadonlyMap<string, Position>, previous: readonly AppNode[], selected: ReadonlySet<string>, readOnly: boolean,
): AppNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return graph.nodes.map((node) => {
    const position = positions.get(node.id) ?? { x: 0, y: 0 };
    const draggable = !readOnly && node.elementId === node.id;
    const deletable = !readOnly && node.deletable;
    const isSelected = selected.has(node.id);
    const prev = before.get(node.id);
    if (
      prev && prev.type === node.kind && prev.position.x === position.x && prev.position.y === position.y && !prev.dragging &&
      Boolean(prev.selected) === isSelected && prev.draggable === draggable && prev.deletable === deletable && sameJson(prev.data, node.data)
    ) return prev;
    return {
      id: node.id, type: node.kind, position, data: node.data, selected: isSelected, draggable, deletable,
      ariaLabel: `${capitalized(KIND_LABEL[node.kind])} ${nodeTitle(node)}`,
      ...(prev?.measured ? { measured: prev.measured } : {}),
    } as AppNode;
  });
}

export function deriveEdges(graph: FlowGraph, previous: readonly AppEdge[], readOnly: boolean): AppEdge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  return graph.edges.map((edge) => {
    const deletable = !readOnly && edge.deletable;
    const prev = before.get(edge.id);
    if (prev && prev.source === edge.source && prev.target === edge.target && prev.deletable === deletable && sameJson(prev.data?.relation, edge.relation) && prev.data?.label === edge.label) return prev;
    return {
      id: edge.id, source: edge.source, target: edge.target, type: "flow", deletable, selected: prev?.selected ?? false,
      className: `edge-${edge.flavor}`,
      markerEnd: { type: MarkerType.ArrowClosed, color: EDGE_COLOR[edge.flavor], width: 16, height: 16 },
      data: { flavor: edge.flavor, label: edge.label, relation: edge.relation },
    };
  });
}
