"use client";
// Keeps the faults in force current while a run is open: a fault's remaining count falls as it
// fires, and tour steps inject faults on the server; refetched as the trace brings news.
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "../../lib/trpc";
import { useRunLayer } from "./runContext";
import { useLiveTick } from "./useLiveTick";
import { useRefetchOn } from "./useRefetchOn";

export function FaultsSync({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const { store } = useRunLayer();
  const tick = useLiveTick(1_000);
  const faults = useQuery(trpc.faults.list.queryOptions({ runId }, { staleTime: 0 }));
  useRefetchOn(tick, faults.refetch);
  // Every answer lands, even one equal to the last: a mutation may have changed the store meanwhile.
  useEffect(() => {
    if (faults.data && store.getState().runId === runId) store.getState().setFaults(faults.data);
  }, [faults.data, faults.dataUpdatedAt, runId, store]);
  return null;
}
