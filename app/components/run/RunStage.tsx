"use client";
// The studio's centre while running: the run bar above the canvas, the token layer and tour
// highlights over it, the tour panel beside it, and the run panels below it. The canvas itself
// (children) is the studio's.
import { useState, type ReactNode } from "react";
import { FaultsSync } from "./FaultsSync";
import { RunBar } from "./RunBar";
import { useRun, useRunLayer } from "./runContext";
import { RunDock } from "./RunDock";
import { TokenLayer } from "./TokenLayer";
import { TourHighlight } from "./TourHighlight";
import { TourPanel } from "./TourPanel";

export function RunStage({ children }: { children: ReactNode }) {
  const { isDemo } = useRunLayer();
  const runId = useRun((s) => s.runId);
  const highlight = useRun((s) => s.highlight);
  const [touring, setTouring] = useState(false);
  return (
    <div className="run-stage" data-highlight={highlight.join(" ")}>
      <RunBar onTour={isDemo ? () => setTouring(true) : null} />
      <div className="run-canvas">
        {children}
        <TokenLayer />
        <TourHighlight />
        {touring && <TourPanel onClose={() => setTouring(false)} />}
      </div>
      <RunDock />
      {runId && <FaultsSync runId={runId} />}
    </div>
  );
}
