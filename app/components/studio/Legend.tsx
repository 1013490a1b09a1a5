"use client";
// The legend: every node kind from the registry with what it means, and the edge notation
// (commands solid, events dashed, compensations in their own colour, structure thin).
import type { EdgeFlavor } from "@/server/flow/graph";
import { EDGE_COLOR } from "./derive";
import { NODE_KIND_LIST } from "./registry";

const EDGES: { flavor: EdgeFlavor; label: string; dash?: string }[] = [
  { flavor: "command", label: "Command: a request sent to an aggregate or service" },
  { flavor: "event", label: "Event: a fact flowing on to whoever reacts", dash: "6 4" },
  { flavor: "compensation", label: "Compensation: undoes a completed saga step", dash: "2 3" },
  { flavor: "link", label: "Belongs to / next step" },
];

export function Legend() {
  return (
    <details className="legend" open data-testid="legend">
      <summary>Legend</summary>
      <ul className="legend-edges">
        {EDGES.map((e) => (
          <li key={e.flavor} data-testid={`legend-edge-${e.flavor}`}>
            <svg width="44" height="10" aria-hidden>
              <line x1="2" y1="5" x2="42" y2="5" stroke={EDGE_COLOR[e.flavor]} strokeWidth={e.flavor === "link" ? 1.5 : 2.5} strokeDasharray={e.dash} />
            </svg>
            {e.label}
          </li>
        ))}
      </ul>
      <ul className="legend-kinds">
        {NODE_KIND_LIST.map((k) => (
          <li key={k.kind} className={`kind-${k.kind}`}>
            <span className="swatch" aria-hidden />
            <strong>{k.label}</strong> — {k.legend}
          </li>
        ))}
      </ul>
    </details>
  );
}
