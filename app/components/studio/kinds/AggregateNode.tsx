"use client";
// The aggregate on the canvas: name, stream prefix, how many commands and events, snapshots.
import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { AggregateNodeType } from "../types";
import { NodeCard } from "./NodeCard";

export const AggregateNode = memo(function AggregateNode({ id, data, selected }: NodeProps<AggregateNodeType>) {
  return (
    <NodeCard id={id} kind="aggregate" title={data.name} selected={selected} lines={[
      `stream ${data.streamPrefix}-…`,
      `${data.commands} command${data.commands === 1 ? "" : "s"} · ${data.events} event${data.events === 1 ? "" : "s"}`,
      data.snapshotEvery > 0 && `snapshot every ${data.snapshotEvery}`,
    ]} />
  );
});
