"use client";
// Every validation problem of the flow; clicking one selects the node it belongs to and brings it into view.
import { useReactFlow } from "@xyflow/react";
import { nodeIdForElement } from "@/server/flow/graph";
import { useStudio } from "./studioContext";
import type { AppNode } from "./types";

export function ProblemsPanel() {
  const problems = useStudio((s) => s.problems);
  const graph = useStudio((s) => s.graph);
  const select = useStudio((s) => s.select);
  const { getInternalNode, setCenter, getZoom } = useReactFlow<AppNode>();

  const reveal = (nodeId: string) => {
    select([nodeId]);
    const node = getInternalNode(nodeId);
    if (!node) return;
    const { x, y } = node.internals.positionAbsolute;
    void setCenter(x + (node.measured.width ?? 200) / 2, y + (node.measured.height ?? 60) / 2, { zoom: Math.max(getZoom(), 0.8), duration: 250 });
  };

  return (
    <section className="problems" aria-labelledby="problems-heading" data-testid="problems">
      <h2 id="problems-heading">Problems <span className={problems.length ? "count bad" : "count"}>{problems.length}</span></h2>
      {problems.length === 0 ? (
        <p className="muted small">No problems: this flow can run.</p>
      ) : (
        <ul>
          {problems.map((problem, i) => {
            const nodeId = problem.elementId === undefined ? undefined : nodeIdForElement(graph, problem.elementId);
            const text = <><span className="problem-path">{problem.path || "flow"}</span> {problem.message}</>;
            return (
              <li key={i}>
                {nodeId ? <button type="button" className="problem" onClick={() => reveal(nodeId)}>{text}</button> : <span className="problem">{text}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
