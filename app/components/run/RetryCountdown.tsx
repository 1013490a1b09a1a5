"use client";
// A consumer's retry in progress: which attempt comes next (of how many) and the backoff counting
// down in the run's time (at its speed). A paused run's countdown stands still: stepping moves it.
import { useEffect, useState } from "react";
import type { NodeLive } from "./liveModel";
import { useRun } from "./runContext";
import { clockNow } from "./runStore";

const TICK_MS = 100;

export function RetryCountdown({ retry }: { retry: NonNullable<NodeLive["retry"]> }) {
  const anchor = useRun((s) => s.anchor);
  const [wall, setWall] = useState(() => performance.now());
  const remaining = Math.max(0, retry.dueAt - clockNow(anchor, wall));
  const ticking = anchor.playing && remaining > 0;

  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setWall(performance.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [ticking]);

  const of = retry.maxAttempts ? `/${retry.maxAttempts}` : "";
  const wait = remaining <= 0 ? "due now" : anchor.playing ? `retry in ${(remaining / 1000 / anchor.speed).toFixed(1)} s` : `backoff ${Math.round(remaining)} ms (paused)`;
  return (
    <div className="run-badge run-retry" data-testid="run-retry" data-attempt={retry.attempt}>
      ⟳ attempt {retry.attempt}{of} · {wait}
    </div>
  );
}
