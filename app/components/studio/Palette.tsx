"use client";
// The palette: one entry per kind that can be created (from the registry). Drag an entry onto the
// canvas, or press it (mouse or keyboard) to add the element in the middle of the view.
import { useReactFlow } from "@xyflow/react";
import type { DragEvent } from "react";
import { PALETTE } from "./registry";
import { useStudio } from "./studioContext";

export const PALETTE_MIME = "application/x-eventloom-palette";

export function Palette() {
  const add = useStudio((s) => s.addFromPalette);
  const readOnly = useStudio((s) => s.readOnly);
  const { screenToFlowPosition } = useReactFlow();

  const addInView = (id: string) => {
    const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
    if (!pane) return;
    const center = screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 });
    add(id, { x: center.x - 100, y: center.y - 35 });
  };
  const start = (event: DragEvent, id: string) => {
    event.dataTransfer.setData(PALETTE_MIME, id);
    event.dataTransfer.effectAllowed = "copy";
  };

  return (
    <nav className="palette" aria-labelledby="palette-heading">
      <h2 id="palette-heading">Add to the flow</h2>
      <ul>
        {PALETTE.map((item) => (
          <li key={item.id}>
            <button type="button" className={`palette-item kind-${item.kind}`} draggable={!readOnly} disabled={readOnly}
              data-testid={`palette-${item.id}`} title={item.hint}
              onDragStart={(e) => start(e, item.id)} onClick={() => addInView(item.id)}>
              <span className="swatch" aria-hidden />
              {item.label}
            </button>
          </li>
        ))}
      </ul>
      <p className="muted small">Drag onto the canvas (commands and events near their aggregate), or press to add in the middle.</p>
    </nav>
  );
}
