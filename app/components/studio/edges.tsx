"use client";
// The one custom edge: a curve (geometry from edgeGeometry.ts) styled by flavour — commands solid,
// events dashed, compensations in their own colour, structure thin — with an optional label.
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, type EdgeTypes } from "@xyflow/react";
import { memo } from "react";
import { edgeGeometry } from "./edgeGeometry";
import type { AppEdge } from "./types";

export const FlowEdge = memo(function FlowEdge({ id, sourceX, sourceY, targetX, targetY, data, markerEnd }: EdgeProps<AppEdge>) {
  const flavor = data?.flavor ?? "link";
  const { path, labelX, labelY } = edgeGeometry({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, flavor);
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={`flow-edge flow-edge-${flavor}`} interactionWidth={14} />
      {data?.label && (
        <EdgeLabelRenderer>
          <div className={`edge-label edge-label-${flavor}`} style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const edgeTypes: EdgeTypes = { flow: FlowEdge };
