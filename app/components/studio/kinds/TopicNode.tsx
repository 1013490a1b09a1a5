"use client";
// A topic on the canvas: an event type that consumer groups read.
import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { TopicNodeType } from "../types";
import { NodeCard } from "./NodeCard";

export const TopicNode = memo(function TopicNode({ id, data, selected }: NodeProps<TopicNodeType>) {
  return (
    <NodeCard id={id} kind="topic" title={data.topic} code selected={selected}
      lines={[`${data.consumers} consumer group${data.consumers === 1 ? "" : "s"}`]} />
  );
});
