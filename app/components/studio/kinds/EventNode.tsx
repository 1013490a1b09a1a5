"use client";
// An event on the canvas: its type, who records it (aggregate, or a service's reply), its payload.
import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { EventNodeType } from "../types";
import { NodeCard } from "./NodeCard";

export const EventNode = memo(function EventNode({ id, data, selected }: NodeProps<EventNodeType>) {
  return (
    <NodeCard id={id} kind="event" title={data.type} code selected={selected} lines={[
      data.origin === "reply" ? `reply of ${data.owner}` : `of ${data.owner}`,
      data.payload.length > 0 && `{ ${data.payload.join(", ")} }`,
      data.upcastFrom.length > 0 && `upcast from ${data.upcastFrom.join(", ")}`,
    ]} />
  );
});
