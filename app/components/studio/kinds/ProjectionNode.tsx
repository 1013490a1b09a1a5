"use client";
// A projection on the canvas: its read-model table and how many event types feed it.
import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { ProjectionNodeType } from "../types";
import { NodeCard } from "./NodeCard";

export const ProjectionNode = memo(function ProjectionNode({ id, data, selected }: NodeProps<ProjectionNodeType>) {
  return (
    <NodeCard id={id} kind="projection" title={data.name} code selected={selected}
      lines={[`table · ${data.events.length} event type${data.events.length === 1 ? "" : "s"}`]} />
  );
});
