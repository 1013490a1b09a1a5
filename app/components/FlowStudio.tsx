"use client";
// The studio shell: the flow's name over its React Flow canvas.
import { useQuery } from "@tanstack/react-query";
import { Background, Controls, MiniMap, ReactFlow } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useTRPC } from "../lib/trpc";

export function FlowStudio({ id }: { id: string }) {
  const trpc = useTRPC();
  const flow = useQuery(trpc.flows.get.queryOptions({ id }, { retry: false }));

  if (flow.isPending) return <p className="muted pad">Loading flow…</p>;
  if (flow.error) return <p role="alert" className="error pad">{flow.error.message}</p>;

  return (
    <div className="studio">
      <div className="studio-head">
        <h1 data-testid="flow-name">{flow.data.name}</h1>
      </div>
      <div className="canvas" data-testid="canvas">
        <ReactFlow nodes={[]} edges={[]} fitView proOptions={{ hideAttribution: true }}>
          <Background />
          <MiniMap pannable zoomable />
          <Controls />
        </ReactFlow>
      </div>
    </div>
  );
}
