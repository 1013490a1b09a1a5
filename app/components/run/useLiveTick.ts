"use client";
// A number that moves when the open run has news (trace entries drawn), at most once per `ms`:
// panels refetch on it instead of polling blindly.
import { useRun } from "./runContext";
import { useThrottled } from "./useThrottled";

export function useLiveTick(ms = 700): number {
  const shown = useRun((s) => s.feed.shown);
  const commands = useRun((s) => s.state?.commands ?? 0);
  return useThrottled(shown * 1_000_003 + commands, ms);
}
