"use client";
// An outbox on the canvas: its aggregate and how the relay polls it.
import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { OutboxNodeType } from "../types";
import { NodeCard } from "./NodeCard";

export const OutboxNode = memo(function OutboxNode({ id, data, selected }: NodeProps<OutboxNodeType>) {
  return (
    <NodeCard id={id} kind="outbox" title={`${data.aggregate} outbox`} selected={selected}
      lines={[`batch ${data.batchSize} · every ${data.pollIntervalMs} ms`]} />
  );
});
