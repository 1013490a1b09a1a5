"use client";
// Footer status: proves the live SSE subscription to the server end to end.
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "../lib/trpc";

export function ServerHeartbeat() {
  const trpc = useTRPC();
  const sub = useSubscription(trpc.health.heartbeat.subscriptionOptions());
  const beat = sub.status === "error" ? undefined : sub.data;
  return (
    <span className="heartbeat" data-testid="heartbeat" data-live={beat !== undefined}>
      <span className={beat ? "dot dot-live" : "dot"} aria-hidden />
      {beat ? `Server live · up ${beat.uptimeSeconds}s` : sub.status === "error" ? "Server unreachable" : "Connecting…"}
    </span>
  );
}
