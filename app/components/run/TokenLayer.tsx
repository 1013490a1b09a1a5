"use client";
// The one <canvas> tokens are drawn on, laid over the flow (it never takes the pointer). Hands the
// animator the canvas and a path source over the live canvas (edge paths, node centres, the
// viewport's pan and zoom); keeps the bitmap the size of the view. Also publishes, throttled, which
// paths tokens travelled and which tones fly now (data-travelled "path:tone=count ...",
// data-flying "tone=count ..."), so a test can ask what went where.
import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useEffect, useState } from "react";
import { fitBitmapToBox } from "../studio/canvasBitmap";
import { useRunLayer } from "./runContext";
import type { PathSource } from "./tokenAnimator";

const TALLY_MS = 250;

export function TokenLayer() {
  const { animator } = useRunLayer();
  const { getInternalNode } = useReactFlow();
  const flowStore = useStoreApi();
  // A state ref: the animator gets the canvas once it is in the page.
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);

  useEffect(() => {
    if (!canvas) return;
    const flow = canvas.parentElement?.querySelector(".react-flow");
    const source: PathSource = {
      edgePath: (edge) => flow?.querySelector<SVGPathElement>(`.react-flow__edge[data-id="${CSS.escape(edge)}"] path.react-flow__edge-path`) ?? null,
      nodeCenter: (id) => {
        const node = getInternalNode(id);
        if (!node) return null;
        const { x, y } = node.internals.positionAbsolute;
        return { x: x + (node.measured.width ?? 200) / 2, y: y + (node.measured.height ?? 60) / 2 };
      },
      transform: () => flowStore.getState().transform,
      nodeBoxes: () =>
        [...flowStore.getState().nodeLookup.values()].map((node) => ({
          ...node.internals.positionAbsolute,
          width: node.measured.width ?? 200,
          height: node.measured.height ?? 60,
        })),
    };
    const stopFitting = fitBitmapToBox(canvas);
    animator.attach(canvas, source);

    let timer: ReturnType<typeof setTimeout> | null = null;
    const publish = () => {
      timer = null;
      const parts: string[] = [];
      for (const [path, tones] of animator.tally.byPath) for (const [tone, count] of tones) parts.push(`${path}:${tone}=${count}`);
      canvas.setAttribute("data-travelled", parts.join(" "));
      canvas.setAttribute("data-launched", String(animator.tally.launched));
      canvas.setAttribute("data-flying", [...animator.flyingByTone()].map(([tone, count]) => `${tone}=${count}`).join(" "));
    };
    animator.onTally = () => {
      timer ??= setTimeout(publish, TALLY_MS);
    };
    return () => {
      if (timer) clearTimeout(timer);
      stopFitting();
      animator.onTally = null;
      animator.attach(null, null);
    };
  }, [animator, canvas, flowStore, getInternalNode]);

  return <canvas ref={setCanvas} className="run-token-canvas" data-testid="run-tokens" aria-hidden="true" data-travelled="" data-launched="0" data-flying="" />;
}
