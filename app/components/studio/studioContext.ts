// The React context that hands the studio's store to its components, and the narrow-selector hook.
// Imports the store's types only, so node components never pull the store module in.
import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { StudioState, StudioStore } from "./store";

export const StudioContext = createContext<StudioStore | null>(null);

export function useStudioStore(): StudioStore {
  const store = useContext(StudioContext);
  if (!store) throw new Error("useStudio must be used inside <StudioProvider>.");
  return store;
}

/** Subscribes to one slice of the studio's state; re-renders only when that slice changes. */
export function useStudio<T>(selector: (state: StudioState) => T): T {
  return useStore(useStudioStore(), selector);
}
