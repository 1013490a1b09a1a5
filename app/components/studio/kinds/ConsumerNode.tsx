"use client";
// A consumer group on the canvas: handler steps, retries, dead-lettering and idempotency.
import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { ConsumerNodeType } from "../types";
import { NodeCard } from "./NodeCard";

export const ConsumerNode = memo(function ConsumerNode({ id, data, selected }: NodeProps<ConsumerNodeType>) {
  return (
    <NodeCard id={id} kind="consumer" title={data.group} code selected={selected}
      lines={[`${data.maxRetries} retr${data.maxRetries === 1 ? "y" : "ies"} · ${data.idempotent ? "idempotent" : "not idempotent"}`]}
      chips={data.steps} />
  );
});
