"use client";
// `/flows/[id]`: loads the flow and hands it to the studio (canvas, palette, inspector, autosave).
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "../lib/trpc";
import { draftFlow } from "./studio/loadFlow";
import { Studio } from "./studio/Studio";

export function FlowStudio({ id }: { id: string }) {
  const trpc = useTRPC();
  // Always fetched afresh (gcTime 0): the studio edits from this version on, and a stale copy would conflict.
  const flow = useQuery(trpc.flows.get.queryOptions({ id }, { retry: false, gcTime: 0, refetchOnWindowFocus: false }));
  const document = useMemo(() => (flow.data ? draftFlow(flow.data.document) : null), [flow.data]);

  if (flow.isPending) return <p className="muted pad">Loading flow…</p>;
  if (flow.error) return <p role="alert" className="error pad">{flow.error.message}</p>;
  return <Studio key={flow.data.id} flowId={flow.data.id} flow={document!} version={flow.data.version} isDemo={flow.data.isDemo} />;
}
