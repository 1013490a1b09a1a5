"use client";
// The minimap: every node as a box in its kind's colour and the visible area as a frame; press or
// drag on it to move the view there, turn the wheel over it to zoom. The node boxes come from the
// studio store and change only with the flow; only the frame follows each pan/zoom step, so the
// minimap adds no per-node work to panning (React Flow's own minimap watches every node per frame).
// What the minimap shows (its viewBox) is fitted to the nodes and the view where the last pan or
// zoom ended, not at every step: a new viewBox re-lays the SVG out, which costs the page a frame.
import { Panel, useOnViewportChange, useReactFlow, useStore as useFlowStore, useStoreApi, type Viewport } from "@xyflow/react";
import { memo, useMemo, useState, type PointerEvent, type WheelEvent } from "react";
import { NODE_SIZE } from "@/server/flow/layout";
import { frame, minimapToFlow, visibleArea, type Rect } from "./minimapGeometry";
import { useStudio } from "./studioContext";
import type { AppNode } from "./types";

const SIZE = { width: 180, height: 120 };

function box(node: AppNode): Rect {
  const size = NODE_SIZE[node.type];
  return { x: node.position.x, y: node.position.y, width: node.measured?.width ?? size.width, height: node.measured?.height ?? size.height };
}

const NodeBoxes = memo(function NodeBoxes({ nodes }: { nodes: readonly AppNode[] }) {
  return (
    <g>
      {nodes.map((node) => {
        const r = box(node);
        return <rect key={node.id} x={r.x} y={r.y} width={r.width} height={r.height} rx={10} className={`minimap-box kind-${node.type}`} />;
      })}
    </g>
  );
});

export function Minimap() {
  const nodes = useStudio((s) => s.nodes);
  const transform = useFlowStore((s) => s.transform);
  const width = useFlowStore((s) => s.width);
  const height = useFlowStore((s) => s.height);
  const { setCenter, getZoom, zoomTo } = useReactFlow();
  const flow = useStoreApi();
  const [rest, setRest] = useState<Viewport>(() => {
    const [x, y, zoom] = flow.getState().transform;
    return { x, y, zoom };
  });
  useOnViewportChange({ onEnd: setRest });
  const nodesFrame = useMemo(() => frame(nodes.map(box)), [nodes]);
  const visible = visibleArea(transform, width, height);
  const view = useMemo(
    () => frame([nodesFrame, visibleArea([rest.x, rest.y, rest.zoom], width, height)], 0.02),
    [nodesFrame, rest, width, height],
  );

  const moveTo = (event: PointerEvent<SVGSVGElement>) => {
    const bounds = event.currentTarget.getBoundingClientRect();
    const at = minimapToFlow({ x: event.clientX - bounds.left, y: event.clientY - bounds.top }, SIZE, view);
    void setCenter(at.x, at.y, { zoom: getZoom() });
  };
  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    moveTo(event);
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    if (event.buttons & 1) moveTo(event);
  };
  const onWheel = (event: WheelEvent<SVGSVGElement>) => void zoomTo(getZoom() * (event.deltaY < 0 ? 1.2 : 1 / 1.2));

  return (
    <Panel position="bottom-right" className="minimap-panel">
      <svg
        className="minimap nowheel nopan nodrag" data-testid="minimap" role="img" aria-label="Minimap of the flow"
        width={SIZE.width} height={SIZE.height} viewBox={`${view.x} ${view.y} ${view.width} ${view.height}`} preserveAspectRatio="xMidYMid meet"
        onPointerDown={onPointerDown} onPointerMove={onPointerMove} onWheel={onWheel}
      >
        <NodeBoxes nodes={nodes} />
        <rect className="minimap-visible" x={visible.x} y={visible.y} width={visible.width} height={visible.height} vectorEffect="non-scaling-stroke" />
      </svg>
    </Panel>
  );
}
