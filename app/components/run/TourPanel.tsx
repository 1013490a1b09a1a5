"use client";
// A teaching demo's guided tour over the canvas: starts a fresh run, shows each step's title and
// narration with its nodes highlighted, performs the step's action on the run (the animation shows
// what happens), lists its expectations as met or not, and moves on; "Previous" replays the steps
// before the previous one on a new run, so the canvas is exactly as it was there.
import { useEffect, useState } from "react";
import { useTRPCClient } from "../../lib/trpc";
import type { TourStepOutcomeView, TourViewData } from "./api";
import { useRun, useRunLayer } from "./runContext";
import { useRunActions } from "./useRunActions";

export function TourPanel({ onClose }: { onClose: () => void }) {
  const { store } = useRunLayer();
  const actions = useRunActions();
  const client = useTRPCClient();
  const busy = useRun((s) => s.busy);
  const [tour, setTour] = useState<TourViewData | null>(null);
  const [index, setIndex] = useState(0);
  const [outcomes, setOutcomes] = useState<Record<string, TourStepOutcomeView>>({});
  const [missing, setMissing] = useState<string | null>(null);

  const step = tour?.steps[index];
  useEffect(() => {
    store.getState().setHighlight(step && tour ? (tour.highlightNodes[step.id] ?? []) : []);
  }, [store, tour, step]);
  useEffect(() => () => store.getState().setHighlight([]), [store]);

  async function begin() {
    const view = await actions.reset({ mode: "live" });
    if (!view) return;
    const found = await actions.request(() => client.tours.get.query({ runId: view.run.id }));
    if (found === undefined) return;
    if (found === null) {
      setMissing("This flow has no guided tour: tours belong to the teaching demos.");
      return;
    }
    setTour(found);
    setIndex(0);
    setOutcomes({});
  }

  async function perform() {
    const runId = store.getState().runId;
    if (!runId || !step) return;
    const outcome = await actions.request(() => client.tours.performStep.mutate({ runId, stepId: step.id }));
    if (outcome) setOutcomes((all) => ({ ...all, [step.id]: outcome }));
  }

  async function previous() {
    const runId = store.getState().runId;
    const back = tour?.steps[index - 1];
    if (!runId || !back) return;
    const result = await actions.request(() => client.tours.restartAt.mutate({ runId, stepId: back.id }));
    if (!result) return;
    const { performed, ...view } = result;
    actions.opened(view);
    setOutcomes(Object.fromEntries(performed.map((outcome) => [outcome.id, outcome])));
    setIndex(index - 1);
  }

  if (!tour || !step) {
    return (
      <section className="tour-panel" aria-label="Guided tour" data-testid="tour-panel">
        <header className="tour-head">
          <h2>Guided tour</h2>
          <button type="button" className="icon-button" aria-label="Close the tour" onClick={onClose}>×</button>
        </header>
        {missing ? (
          <p className="muted">{missing}</p>
        ) : (
          <>
            <p className="small">The tour runs this demo step by step on a fresh run: each step does one thing (a command, a fault, a redrive) and you watch what happens on the canvas.</p>
            <button type="button" disabled={busy} onClick={() => void begin()}>Start the tour</button>
          </>
        )}
      </section>
    );
  }

  const outcome = outcomes[step.id];
  const last = index === tour.steps.length - 1;
  return (
    <section className="tour-panel" aria-label="Guided tour" data-testid="tour-panel" data-step={step.id} data-index={index}>
      <header className="tour-head">
        <div>
          <div className="muted small">{tour.title}</div>
          <h2 data-testid="tour-step-title">{step.title}</h2>
        </div>
        <button type="button" className="icon-button" aria-label="Close the tour" onClick={onClose}>×</button>
      </header>
      <div className="muted small" data-testid="tour-progress">Step {index + 1} of {tour.steps.length}</div>
      <p className="tour-narration" data-testid="tour-narration">{step.narration}</p>
      {!outcome ? (
        <button type="button" disabled={busy} onClick={() => void perform()} data-testid="tour-perform">
          {actionLabel(step.action.kind)}
        </button>
      ) : (
        <div className={`tour-results ${outcome.ok ? "is-ok" : "is-bad"}`} data-testid="tour-results" data-ok={outcome.ok}>
          {outcome.outcome.rejection && <p className="small">The command was refused: “{outcome.outcome.rejection}”</p>}
          {outcome.results.length === 0 ? (
            <p className="small">Done.</p>
          ) : (
            <ul>
              {outcome.results.map((result, i) => (
                <li key={i} className={result.ok ? "is-ok" : "is-bad"}>
                  {result.ok ? "✓" : "✗"} {result.expected}
                  {!result.ok && <span className="muted"> (found {result.actual})</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <footer className="tour-nav">
        <button type="button" className="secondary small" disabled={busy || index === 0} onClick={() => void previous()}>← Previous</button>
        {last ? (
          outcome && <span className="tour-done" data-testid="tour-complete">Tour complete ✓</span>
        ) : (
          <button type="button" className="small" disabled={busy || !outcome} onClick={() => setIndex(index + 1)}>Next →</button>
        )}
      </footer>
    </section>
  );
}

function actionLabel(kind: TourViewData["steps"][number]["action"]["kind"]): string {
  switch (kind) {
    case "command":
      return "▶ Dispatch this step's command";
    case "fault":
      return "⚡ Inject this step's fault";
    case "redrive":
      return "↻ Redrive the dead letters";
    case "observe":
      return "Check what the canvas shows";
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown tour action ${String(unknown)}.`);
    }
  }
}
