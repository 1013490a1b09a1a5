"use client";
// On load, the studio picks up its flow's open live run (runs.current): a reload during a live run
// shows the same run, playing or paused, with the canvas folded up to where the run was and
// animated from there, instead of starting fresh. Renders nothing; a run opened here first wins.
import { useEffect } from "react";
import { useTRPCClient } from "../../lib/trpc";
import { useRunLayer } from "./runContext";

export function RunReattach() {
  const { store } = useRunLayer();
  const client = useTRPCClient();
  const flowId = store.getState().flowId;

  useEffect(() => {
    let live = true;
    client.runs.current
      .query({ flowId })
      .then((current) => {
        if (live && current && store.getState().runId === null) store.getState().opened(current, current.traceSeq);
      })
      .catch((error: unknown) => store.getState().notify(`The open run could not be picked up: ${error instanceof Error ? error.message : String(error)}`));
    return () => {
      live = false;
    };
  }, [client, flowId, store]);

  return null;
}
