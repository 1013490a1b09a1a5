// The React context that hands the run layer (its store, the token animator and the canvas
// topology) to the run components, and the narrow-selector hook.
import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { RunUiState, RunUiStore } from "./runStore";
import type { TokenAnimator } from "./tokenAnimator";
import type { Topology } from "./topology";

export interface RunLayer {
  store: RunUiStore;
  animator: TokenAnimator;
  topology: Topology;
  isDemo: boolean;
}

export const RunContext = createContext<RunLayer | null>(null);

export function useRunLayer(): RunLayer {
  const layer = useContext(RunContext);
  if (!layer) throw new Error("Run components must be used inside <RunProvider>.");
  return layer;
}

/** Subscribes to one slice of the run layer's state; re-renders only when that slice changes. */
export function useRun<T>(selector: (state: RunUiState) => T): T {
  return useStore(useRunLayer().store, selector);
}
