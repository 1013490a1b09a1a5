"use client";
// The live-run layer of one studio: creates its store and token animator (per studio, never at
// module level), derives the canvas topology from the studio's graph, gives every node card the
// run overlay, picks up the flow's open live run on load, and keeps the trace feed subscribed to
// the open run.
import { useMemo, useState, type ReactNode } from "react";
import { NodeOverlayContext } from "../studio/nodeOverlay";
import { useStudio } from "../studio/studioContext";
import { NodeOverlay } from "./NodeOverlay";
import { RunContext, type RunLayer } from "./runContext";
import { RunReattach } from "./RunReattach";
import { createRunUiStore } from "./runStore";
import { TokenAnimator } from "./tokenAnimator";
import { topologyOf } from "./topology";
import { TraceFeedMount } from "./TraceFeedMount";
import "./run.css";

export function RunProvider({ isDemo, children }: { isDemo: boolean; children: ReactNode }) {
  const flowId = useStudio((s) => s.flowId);
  const graph = useStudio((s) => s.graph);
  const [store] = useState(() => createRunUiStore(flowId, () => performance.now()));
  const [animator] = useState(() => new TokenAnimator());
  const topology = useMemo(() => topologyOf(graph), [graph]);
  const layer = useMemo<RunLayer>(() => ({ store, animator, topology, isDemo }), [store, animator, topology, isDemo]);
  return (
    <RunContext.Provider value={layer}>
      <NodeOverlayContext.Provider value={NodeOverlay}>
        <RunReattach />
        <TraceFeedMount />
        {children}
      </NodeOverlayContext.Provider>
    </RunContext.Provider>
  );
}
