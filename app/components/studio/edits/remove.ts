// Deleting a selection: each node's element goes (through its kind's behaviour), and each selected
// edge whose two ends stay loses the relationship it stood for.
import type { FlowGraph } from "@/server/flow/graph";
import type { Flow } from "@/server/flow/schema";
import { behaviourOf } from "../registry";
import { removeRelation } from "./relations";

export function removeSelection(draft: Flow, graph: FlowGraph, nodeIds: readonly string[], edgeIds: readonly string[]): void {
  const doomed = new Set(nodeIds);
  for (const node of graph.nodes) if (doomed.has(node.id) && node.deletable) behaviourOf(node.kind).remove(draft, node);
  for (const edge of graph.edges) {
    if (!edgeIds.includes(edge.id) || !edge.deletable || doomed.has(edge.source) || doomed.has(edge.target)) continue;
    removeRelation(draft, edge.relation);
  }
}
