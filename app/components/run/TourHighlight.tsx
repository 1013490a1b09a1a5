"use client";
// Highlights the tour step's nodes on the canvas with a generated stylesheet keyed by React Flow's
// data-id attributes, so a new step never re-renders the nodes.
import { useRun } from "./runContext";

export function TourHighlight() {
  const highlight = useRun((s) => s.highlight);
  if (highlight.length === 0) return null;
  const selector = highlight.map((id) => `.react-flow__node[data-id="${CSS.escape(id)}"] .node`).join(",");
  return <style>{`${selector}{box-shadow:0 0 0 4px var(--focus),0 8px 22px rgba(245,159,0,.45);}`}</style>;
}
