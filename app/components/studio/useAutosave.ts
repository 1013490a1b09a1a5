// Wires the store to the server: every change of the document goes through the Autosaver to
// flows.update; the save status shows in the store; leaving the page with unsaved work asks first.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import { Autosaver } from "./autosave";
import type { StudioStore } from "./store";

export function useAutosave(store: StudioStore, initialVersion: number, unsavedAtStart: boolean): Autosaver {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [saver] = useState(() => new Autosaver({
    save: async (document, version) => {
      const saved = await client.flows.update.mutate({ id: store.getState().flowId, version, document });
      void queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
      return saved;
    },
    schedule: (fn, ms) => {
      const timer = setTimeout(() => void fn(), ms);
      return () => clearTimeout(timer);
    },
    onStatus: (status) => store.getState().setSave(status),
  }, initialVersion));

  useEffect(() => {
    if (store.getState().readOnly) return;
    if (unsavedAtStart) saver.changed(store.getState().flow);
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.flow !== previous.flow) saver.changed(state.flow);
    });
    const warn = (event: BeforeUnloadEvent) => {
      if (saver.hasUnsaved) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      unsubscribe();
      window.removeEventListener("beforeunload", warn);
      void saver.flush();
    };
  }, [store, saver, unsavedAtStart]);

  return saver;
}
