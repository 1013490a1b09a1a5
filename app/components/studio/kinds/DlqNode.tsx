"use client";
// A consumer group's dead-letter queue on the canvas.
import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { DlqNodeType } from "../types";
import { NodeCard } from "./NodeCard";

export const DlqNode = memo(function DlqNode({ id, data, selected }: NodeProps<DlqNodeType>) {
  return <NodeCard id={id} kind="dlq" title={`_dlq · ${data.group}`} code selected={selected} lines={["failed messages wait here"]} />;
});
