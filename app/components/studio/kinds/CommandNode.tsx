"use client";
// A command on the canvas: name, payload, guards, and the events it emits as chips.
import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { CommandNodeType } from "../types";
import { NodeCard } from "./NodeCard";

export const CommandNode = memo(function CommandNode({ id, data, selected }: NodeProps<CommandNodeType>) {
  return (
    <NodeCard id={id} kind="command" title={data.name} selected={selected}
      lines={[
        data.payload.length > 0 && `(${data.payload.join(", ")})`,
        data.guards > 0 && `${data.guards} guard${data.guards === 1 ? "" : "s"}`,
        data.snippet && "custom decision (snippet)",
      ]}
      chips={data.emits.map((type) => `→ ${type.split(".")[2] ?? type}`)} />
  );
});
