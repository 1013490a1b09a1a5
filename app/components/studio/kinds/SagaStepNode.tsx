"use client";
// A saga step (or a choreography's reaction) on the canvas: what it sends, and its compensation.
import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { SagaStepNodeType } from "../types";
import { NodeCard } from "./NodeCard";

export const SagaStepNode = memo(function SagaStepNode({ id, data, selected }: NodeProps<SagaStepNodeType>) {
  return (
    <NodeCard id={id} kind="sagaStep" title={data.name} selected={selected} lines={[
      data.mode === "step" ? `${data.saga} · step ${data.index + 1}` : `${data.saga} · on ${data.on || "?"}`,
      `sends ${data.target || "?"}.${data.command || "?"}`,
      data.compensation && `undo: ${data.compensation}`,
    ]} />
  );
});
