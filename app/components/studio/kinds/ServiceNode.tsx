"use client";
// A service (or AI agent) on the canvas: operations, latency, failure rate, idempotency.
import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { ServiceNodeType } from "../types";
import { NodeCard } from "./NodeCard";

export const ServiceNode = memo(function ServiceNode({ id, data, selected }: NodeProps<ServiceNodeType>) {
  return (
    <NodeCard id={id} kind="service" title={data.name} selected={selected}
      lines={[
        `${data.kind === "agent" ? "AI agent" : "service"} · ${data.latencyMs} ms · ${Math.round(data.failureRate * 100)}% fail`,
        !data.idempotent && "not idempotent",
      ]}
      chips={data.operations} />
  );
});
