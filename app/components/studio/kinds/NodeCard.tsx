"use client";
// The card every node kind is drawn as: a handle on each side, its kind, its name, a few facts,
// a badge with its validation problems, and the overlay slot (nodeOverlay.ts). Reads only its own
// problems from the store.
import { Handle, Position } from "@xyflow/react";
import { memo, useContext } from "react";
import type { NodeKind } from "@/server/flow/graph";
import { NodeOverlayContext } from "../nodeOverlay";
import { useStudio } from "../studioContext";
import { capitalized, KIND_LABEL } from "./labels";

export interface NodeCardProps {
  id: string;
  kind: NodeKind;
  title: string;
  /** Monospace title (event types, topic names). */
  code?: boolean;
  lines?: (string | null | false)[];
  chips?: string[];
  selected?: boolean;
}

export const NodeCard = memo(function NodeCard({ id, kind, title, code, lines = [], chips = [], selected }: NodeCardProps) {
  const problems = useStudio((s) => s.problemsByNode[id]);
  const Overlay = useContext(NodeOverlayContext);
  return (
    <div
      className={`node node-${kind}${selected ? " is-selected" : ""}${problems ? " has-problems" : ""}`}
      data-testid={`node-${kind}`}
      title={problems?.map((p) => p.message).join("\n")}
    >
      <Handle type="target" position={Position.Left} className="node-handle" />
      <div className="node-head">
        <span className="node-kind">{capitalized(KIND_LABEL[kind])}</span>
        {problems && (
          <span className="node-problems" data-testid="node-problems" aria-label={`${problems.length} problem${problems.length === 1 ? "" : "s"}`}>
            ⚠ {problems.length}
          </span>
        )}
      </div>
      <div className={code ? "node-title code" : "node-title"}>{title || "(unnamed)"}</div>
      {lines.filter(Boolean).map((line, i) => (
        <div className="node-line" key={i}>{line}</div>
      ))}
      {chips.length > 0 && (
        <div className="node-chips">
          {chips.map((chip, i) => <span className="chip" key={i}>{chip}</span>)}
        </div>
      )}
      {Overlay && <Overlay id={id} kind={kind} />}
      <Handle type="source" position={Position.Right} className="node-handle" />
    </div>
  );
});
