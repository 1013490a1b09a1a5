"use client";
// The one SVG layer tokens travel in, inside React Flow's viewport (so it pans and zooms with the
// canvas). Hands the animator its group and a path source over the live canvas; React renders it
// once, the animator moves the tokens. Also publishes, throttled, which paths tokens travelled
// (data-travelled on the layer: "path:tone=count ..."), so a test can ask what went where.
import { useReactFlow, ViewportPortal } from "@xyflow/react";
import { useEffect, useRef, useState } from "react";
import { useRunLayer } from "./runContext";
import type { PathSource } from "./tokenAnimator";

const TALLY_MS = 250;

export function TokenLayer() {
  const { animator } = useRunLayer();
  const { getInternalNode } = useReactFlow();
  // A state ref: the portal mounts after React Flow has, and the animator must get the group then.
  const [group, setGroup] = useState<SVGGElement | null>(null);
  const svg = useRef<SVGSVGElement>(null);

  useEffect(() => {
    if (!group) return;
    const root = group.closest(".react-flow");
    const source: PathSource = {
      edgePath: (edge) => root?.querySelector<SVGPathElement>(`.react-flow__edge[data-id="${CSS.escape(edge)}"] path.react-flow__edge-path`) ?? null,
      nodeCenter: (id) => {
        const node = getInternalNode(id);
        if (!node) return null;
        const { x, y } = node.internals.positionAbsolute;
        return { x: x + (node.measured.width ?? 200) / 2, y: y + (node.measured.height ?? 60) / 2 };
      },
    };
    animator.attach(group, source);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const publish = () => {
      timer = null;
      const parts: string[] = [];
      for (const [path, tones] of animator.tally.byPath) for (const [tone, count] of tones) parts.push(`${path}:${tone}=${count}`);
      svg.current?.setAttribute("data-travelled", parts.join(" "));
      svg.current?.setAttribute("data-launched", String(animator.tally.launched));
    };
    animator.onTally = () => {
      timer ??= setTimeout(publish, TALLY_MS);
    };
    return () => {
      if (timer) clearTimeout(timer);
      animator.onTally = null;
      animator.attach(null, null);
    };
  }, [animator, getInternalNode, group]);

  return (
    <ViewportPortal>
      <svg ref={svg} className="run-tokens" data-testid="run-tokens" aria-hidden="true" data-travelled="" data-launched="0">
        <g ref={setGroup} />
      </svg>
    </ViewportPortal>
  );
}
