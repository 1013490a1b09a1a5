// Undo and redo as a history of Flow documents. Consecutive edits with the same merge key (typing
// into one field) make one step. Pure: returns new histories.
import type { Flow } from "@/server/flow/schema";

export const HISTORY_LIMIT = 200;

export interface History {
  past: readonly Flow[];
  future: readonly Flow[];
  /** The merge key of the last recorded edit, while more of the same may follow. */
  mergeKey: string | null;
}

export const emptyHistory: History = { past: [], future: [], mergeKey: null };

/** Records that the document was `previous` before an edit. */
export function record(history: History, previous: Flow, mergeKey: string | null = null): History {
  if (mergeKey !== null && mergeKey === history.mergeKey && history.past.length > 0) return { ...history, future: [] };
  return { past: [...history.past, previous].slice(-HISTORY_LIMIT), future: [], mergeKey };
}

/** Ends a run of merged edits (a field lost focus, say). */
export function seal(history: History): History {
  return history.mergeKey === null ? history : { ...history, mergeKey: null };
}

export function undo(history: History, present: Flow): { history: History; flow: Flow } | null {
  const flow = history.past[history.past.length - 1];
  if (!flow) return null;
  return { flow, history: { past: history.past.slice(0, -1), future: [present, ...history.future], mergeKey: null } };
}

export function redo(history: History, present: Flow): { history: History; flow: Flow } | null {
  const [flow, ...future] = history.future;
  if (!flow) return null;
  return { flow, history: { past: [...history.past, present].slice(-HISTORY_LIMIT), future, mergeKey: null } };
}
