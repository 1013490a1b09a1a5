"use client";
// Footer status: proves the live SSE subscription to the server end to end.
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "../lib/trpc";

export function ServerHeartbeat() {
  const trpc = useTRPC();
  const sub = useSubscription(trpc.health.heartbeat.subscriptionOptions());
  const live = sub.data !== undefined && sub.status !== "error";
  return (
    <span className="heartbeat" data-testid="heartbeat" data-live={live}>
      <span className={live ? "dot dot-live" : "dot"} aria-hidden />
      {live ? `Server live · up ${sub.data.uptimeSeconds}s` : sub.status === "error" ? "Server unreachable" : "Connecting…"}
    </span>
  );
}
