"use client";
// The studio for one flow: one store per flow (created here, not at module level), autosave, the
// palette and legend, the canvas inside the run layer (run bar, live animation, run panels), the
// inspector and problems, the header and the help dialog.
import { ReactFlowProvider } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useState } from "react";
import type { Flow } from "@/server/flow/schema";
import { RunProvider } from "../run/RunProvider";
import { RunStage } from "../run/RunStage";
import { Canvas } from "./Canvas";
import { HelpDialog } from "./HelpDialog";
import { Inspector } from "./inspector/Inspector";
import { Legend } from "./Legend";
import { NoticeBar } from "./NoticeBar";
import { Palette } from "./Palette";
import { ProblemsPanel } from "./ProblemsPanel";
import { createStudioStore } from "./store";
import { StudioContext, useStudioStore } from "./studioContext";
import { StudioHeader } from "./StudioHeader";
import { useAutosave } from "./useAutosave";
import { useShortcuts } from "./useShortcuts";

export interface StudioProps {
  flowId: string;
  flow: Flow;
  version: number;
  isDemo: boolean;
}

const newId = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

export function Studio({ flowId, flow, version, isDemo }: StudioProps) {
  const [store] = useState(() => createStudioStore({ flowId, flow, readOnly: isDemo, newId }));
  const [unsavedAtStart] = useState(() => store.getState().flow !== flow);
  return (
    <StudioContext.Provider value={store}>
      <ReactFlowProvider>
        <StudioBody version={version} unsavedAtStart={unsavedAtStart} isDemo={isDemo} />
      </ReactFlowProvider>
    </StudioContext.Provider>
  );
}

function StudioBody({ version, unsavedAtStart, isDemo }: { version: number; unsavedAtStart: boolean; isDemo: boolean }) {
  const [help, setHelp] = useState(false);
  const openHelp = useCallback(() => setHelp(true), []);
  const saver = useAutosave(useStudioStore(), version, unsavedAtStart);
  useShortcuts(openHelp);
  return (
    <div className="studio">
      <StudioHeader saver={saver} onHelp={openHelp} />
      {isDemo && (
        <p className="demo-banner" role="note">
          This is a teaching demo: explore it freely; to change it, press <strong>Make a copy</strong>.
        </p>
      )}
      <RunProvider isDemo={isDemo}>
        <div className="studio-body">
          <aside className="studio-left" aria-label="Palette and legend">
            <Palette />
            <Legend />
          </aside>
          <div className="studio-center">
            <RunStage>
              <Canvas />
              <NoticeBar />
            </RunStage>
          </div>
          <aside className="studio-right" aria-label="Inspector and problems">
            <Inspector />
            <ProblemsPanel />
          </aside>
        </div>
      </RunProvider>
      <HelpDialog open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
