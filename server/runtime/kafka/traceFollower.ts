// Follows a run's trace as every process writes it (the owning process and its
// workers share the SQLite file): the in-process trace subscription only hears this
// process's commits, so this polls the trace table for entries after the last seen.

import type { TraceEntry, TraceLog } from "../../store";

export interface TraceFollower {
  close(): void;
}

export function followTrace(trace: TraceLog, afterSeq: number, onEntries: (entries: TraceEntry[]) => void, intervalMs = 100): TraceFollower {
  let seq = afterSeq;
  const timer = setInterval(() => {
    for (;;) {
      const entries = trace.read(seq, 500);
      if (entries.length === 0) return;
      seq = entries[entries.length - 1]!.seq;
      onEntries(entries);
    }
  }, intervalMs);
  return { close: () => clearInterval(timer) };
}
