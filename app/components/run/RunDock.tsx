"use client";
// The panels under the canvas, one tab shown at a time (the console keeps its form while hidden):
// the command console, the run's recording, read models, saga instances, the dead-letter inbox,
// live metrics and faults.
import type { ReactNode } from "react";
import { CommandConsole } from "./CommandConsole";
import { DeadLettersPanel } from "./DeadLettersPanel";
import { FaultsPanel } from "./FaultsPanel";
import { HistoryPanel } from "./HistoryPanel";
import { MetricsPanel } from "./MetricsPanel";
import { ReadModelsPanel } from "./ReadModelsPanel";
import { useRun, useRunLayer } from "./runContext";
import type { DockTab } from "./runStore";
import { SagasPanel } from "./SagasPanel";

const TABS: readonly { tab: DockTab; label: string }[] = [
  { tab: "console", label: "Console" },
  { tab: "history", label: "Recording" },
  { tab: "read-models", label: "Read models" },
  { tab: "sagas", label: "Sagas" },
  { tab: "dead-letters", label: "Dead letters" },
  { tab: "metrics", label: "Metrics" },
  { tab: "faults", label: "Faults" },
];

export function RunDock() {
  const { store } = useRunLayer();
  const tab = useRun((s) => s.tab);
  const runId = useRun((s) => s.runId);
  const faultCount = useRun((s) => s.faults.length);
  return (
    <section className="run-dock" aria-label="Run panels" data-testid="run-dock">
      <div role="tablist" className="run-tabs" aria-label="Run panels">
        {TABS.map(({ tab: t, label }) => (
          <button key={t} type="button" role="tab" id={`run-tab-${t}`} aria-selected={tab === t} aria-controls="run-tab-panel" className={tab === t ? "run-tab is-current" : "run-tab"} onClick={() => store.getState().setTab(t)}>
            {label}
            {t === "faults" && faultCount > 0 && <span className="count bad">{faultCount}</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="run-tab-panel" aria-labelledby={`run-tab-${tab}`} className="run-tab-panel">
        {/* The console stays mounted, so what a person typed survives a look at another tab. */}
        <div hidden={tab !== "console"}>
          <CommandConsole />
        </div>
        {tab !== "console" && panel(tab, runId)}
      </div>
    </section>
  );
}

function needsRun(runId: string | null, render: (runId: string) => ReactNode): ReactNode {
  return runId ? render(runId) : <p className="muted small">No run yet: press Play or Step, or dispatch a command from the console.</p>;
}

function panel(tab: DockTab, runId: string | null): ReactNode {
  switch (tab) {
    case "console":
      return null;
    case "history":
      return needsRun(runId, (id) => <HistoryPanel runId={id} />);
    case "read-models":
      return needsRun(runId, (id) => <ReadModelsPanel runId={id} />);
    case "sagas":
      return needsRun(runId, (id) => <SagasPanel runId={id} />);
    case "dead-letters":
      return needsRun(runId, (id) => <DeadLettersPanel runId={id} />);
    case "metrics":
      return needsRun(runId, (id) => <MetricsPanel runId={id} />);
    case "faults":
      return <FaultsPanel />;
    default: {
      const unknown: never = tab;
      throw new Error(`Unknown tab ${String(unknown)}.`);
    }
  }
}
