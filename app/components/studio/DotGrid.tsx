"use client";
// The canvas background: a grid of dots that pans and zooms with the flow, drawn on one <canvas>
// from React Flow's transform. React Flow's own <Background> is an SVG pattern that the browser
// repaints (and re-layers the whole page for) on every pan/zoom step; redrawing a bitmap is one
// pattern fill and leaves the page's paint untouched. Reads only React Flow's transform.
import { useStoreApi } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { fitBitmapToBox } from "./canvasBitmap";
import { dotLayout } from "./dotGridGeometry";

/** React Flow's default colour for dots. */
const COLOR = "#91919a";

export function DotGrid() {
  const flow = useStoreApi();
  const ref = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context) return;
    const tile = document.createElement("canvas");
    let pattern: CanvasPattern | null = null;
    let patternGap = 0;

    const draw = () => {
      const dots = dotLayout(flow.getState().transform, window.devicePixelRatio || 1);
      context.clearRect(0, 0, canvas.width, canvas.height);
      if (!dots) return;
      if (dots.gap !== patternGap) {
        const size = Math.max(1, Math.round(dots.gap));
        tile.width = tile.height = size;
        const tileContext = tile.getContext("2d")!;
        tileContext.fillStyle = COLOR;
        tileContext.beginPath();
        tileContext.arc(size / 2, size / 2, dots.radius, 0, 2 * Math.PI);
        tileContext.fill();
        pattern = context.createPattern(tile, "repeat");
        patternGap = dots.gap;
      }
      if (!pattern) return;
      const scale = dots.gap / tile.width;
      pattern.setTransform(new DOMMatrix([scale, 0, 0, scale, dots.offsetX, dots.offsetY]));
      context.fillStyle = pattern;
      context.fillRect(0, 0, canvas.width, canvas.height);
    };

    const stopFitting = fitBitmapToBox(canvas, draw);
    draw();
    const unsubscribe = flow.subscribe((state, previous) => {
      if (state.transform !== previous.transform) draw();
    });
    return () => {
      unsubscribe();
      stopFitting();
    };
  }, [flow]);

  return <canvas ref={ref} className="dot-grid" aria-hidden="true" />;
}
