"use client";
// Subscribes to the open run's trace stream (server-sent events, resumed by the last seq on
// reconnect) and hands each batch to the trace feed. Renders nothing; a new run restarts the feed
// (a run picked up on load is folded up to where it was, then animated).
import { useEffect, useRef, useState } from "react";
import { useTRPCClient } from "../../lib/trpc";
import { useRun, useRunLayer } from "./runContext";
import { createTraceFeed } from "./traceFeed";

export function TraceFeedMount() {
  const { store, animator, topology } = useRunLayer();
  const client = useTRPCClient();
  const runId = useRun((s) => s.runId);
  const topologyRef = useRef(topology);
  topologyRef.current = topology;
  const [feed] = useState(() => createTraceFeed(store, animator, topology));

  useEffect(() => () => feed.stop(), [feed]);

  useEffect(() => {
    feed.restart(topologyRef.current, store.getState().foldUntil);
    if (!runId) return;
    const subscription = client.trace.stream.subscribe(
      { runId, afterSeq: 0 },
      {
        onData: ({ data }) => feed.push(data.entries, data.lastSeq),
        onError: (error) => store.getState().notify(`The live trace stopped: ${error.message}`),
      },
    );
    return () => subscription.unsubscribe();
  }, [client, feed, runId, store]);

  return null;
}
