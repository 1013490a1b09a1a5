"use client";
// The canvas: React Flow bound to the studio store. Gestures (drag, connect, delete, drop from the
// palette) become store actions; a connection dropped anywhere on a node counts, and a refused one
// shows its reason. Node and edge types come from module scope, never rebuilt.
import {
  Controls, ReactFlow, useReactFlow,
  type Connection, type FinalConnectionState, type IsValidConnection, type OnDelete,
} from "@xyflow/react";
import { useCallback, useEffect, useRef, useState, type DragEvent } from "react";
import { DotGrid } from "./DotGrid";
import { edgeTypes } from "./edges";
import { Minimap } from "./Minimap";
import { PALETTE_MIME } from "./Palette";
import { nodeTypes } from "./registry";
import { useStudio, useStudioStore } from "./studioContext";
import type { AppEdge, AppNode } from "./types";

const DELETE_KEYS = ["Delete", "Backspace"];
const MULTI_SELECT_KEYS = ["Shift", "Meta", "Control"];
const PRO = { hideAttribution: true };
const FIT = { maxZoom: 1, padding: 0.1 };
/** How long the view rests before the viewport's layer is redrawn sharp at the new zoom. */
const SETTLE_MS = 300;

/** The node under the pointer where a connection was dropped, if any. */
function nodeAt(event: MouseEvent | TouchEvent): string | undefined {
  const point = "changedTouches" in event ? event.changedTouches[0] : event;
  if (!point) return undefined;
  const element = document.elementFromPoint(point.clientX, point.clientY)?.closest(".react-flow__node");
  return element?.getAttribute("data-id") ?? undefined;
}

export function Canvas() {
  const store = useStudioStore();
  const nodes = useStudio((s) => s.nodes);
  const edges = useStudio((s) => s.edges);
  const readOnly = useStudio((s) => s.readOnly);
  const onNodesChange = useStudio((s) => s.onNodesChange);
  const onEdgesChange = useStudio((s) => s.onEdgesChange);
  const { screenToFlowPosition } = useReactFlow();
  const connected = useRef(false);
  // The viewport is always its own compositor layer (globals.css), which the browser rasterizes at the
  // zoom it had when the layer was made. Once the view has rested a moment, the layer is made anew
  // (will-change off for one frame), so text is drawn sharp at the new zoom; never during a gesture.
  const wrapper = useRef<HTMLDivElement>(null);
  const settle = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onMoveStart = useCallback(() => clearTimeout(settle.current), []);
  const onMoveEnd = useCallback(() => {
    clearTimeout(settle.current);
    settle.current = setTimeout(() => {
      const element = wrapper.current;
      element?.classList.add("is-settling");
      requestAnimationFrame(() => requestAnimationFrame(() => element?.classList.remove("is-settling")));
    }, SETTLE_MS);
  }, []);
  useEffect(() => () => clearTimeout(settle.current), []);
  // Fit the flow in view when it opens; an empty flow keeps zoom 1 (or the first drop would zoom in on it).
  const [fitOnOpen] = useState(() => store.getState().nodes.length > 0);

  const isValidConnection = useCallback<IsValidConnection<AppEdge>>(
    (c) => c.source !== c.target && store.getState().connectionRefusal(c.source, c.target) === null, [store]);

  const onConnect = useCallback((c: Connection) => {
    connected.current = true;
    store.getState().connect(c.source, c.target);
  }, [store]);

  const onConnectEnd = useCallback((event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (connected.current) {
      connected.current = false;
      return;
    }
    const from = state.fromNode?.id;
    const to = state.toNode?.id ?? nodeAt(event);
    if (!from || !to || from === to) return;
    const [source, target] = state.fromHandle?.type === "target" ? [to, from] : [from, to];
    const studio = store.getState();
    const refusal = studio.connectionRefusal(source, target);
    if (refusal) studio.notify(refusal);
    else studio.connect(source, target);
  }, [store]);

  const onDelete = useCallback<OnDelete<AppNode, AppEdge>>(({ nodes: gone, edges: cut }) => {
    store.getState().deleteSelection(gone.map((n) => n.id), cut.map((e) => e.id));
  }, [store]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  }, []);

  const onDrop = useCallback((event: DragEvent) => {
    const id = event.dataTransfer.getData(PALETTE_MIME);
    if (!id) return;
    event.preventDefault();
    const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    store.getState().addFromPalette(id, { x: at.x - 100, y: at.y - 30 });
  }, [store, screenToFlowPosition]);

  return (
    <div className="canvas" data-testid="canvas" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<AppNode, AppEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onDelete={onDelete}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        nodesConnectable={!readOnly}
        fitView={fitOnOpen}
        fitViewOptions={FIT}
        minZoom={0.05}
        maxZoom={2}
        proOptions={PRO}
      >
        <DotGrid />
        <Minimap />
        <Controls aria-label="Zoom controls" />
      </ReactFlow>
    </div>
  );
}
