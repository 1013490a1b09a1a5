"use client";
// A saga on the canvas: orchestrated (its trigger) or choreographed, and how many steps it has.
import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { SagaNodeType } from "../types";
import { NodeCard } from "./NodeCard";

export const SagaNode = memo(function SagaNode({ id, data, selected }: NodeProps<SagaNodeType>) {
  const parts = data.mode === "orchestrated" ? "step" : "reaction";
  return (
    <NodeCard id={id} kind="saga" title={data.name} selected={selected} lines={[
      `${data.mode} · ${data.parts} ${parts}${data.parts === 1 ? "" : "s"}`,
      data.trigger && `starts on ${data.trigger}`,
    ]} />
  );
});
