// Reversible diffs between two states of a set of records, as tldraw's
// RecordsDiff: added, updated as [from, to], removed; `reverseDiff` swaps them,
// so stepping back costs what stepping forward does. PURE KERNEL: no store,
// database, clock or random; values are plain JSON and never mutated here.

import type { Json } from "../../core/definitions";

export interface RecordsDiff<R> {
  added: Record<string, R>;
  updated: Record<string, [from: R, to: R]>;
  removed: Record<string, R>;
}

export function emptyDiff<R>(): RecordsDiff<R> {
  return { added: {}, updated: {}, removed: {} };
}

export function isEmptyDiff<R>(diff: RecordsDiff<R>): boolean {
  for (const _ in diff.added) return false;
  for (const _ in diff.updated) return false;
  for (const _ in diff.removed) return false;
  return true;
}

/** The diff that undoes `diff`. */
export function reverseDiff<R>(diff: RecordsDiff<R>): RecordsDiff<R> {
  const updated: Record<string, [R, R]> = {};
  for (const id in diff.updated) {
    const [from, to] = diff.updated[id]!;
    updated[id] = [to, from];
  }
  return { added: { ...diff.removed }, updated, removed: { ...diff.added } };
}

/** Applies `diff` to `records` in place. */
export function applyDiff<R>(records: Map<string, R>, diff: RecordsDiff<R>): void {
  for (const id in diff.removed) records.delete(id);
  for (const id in diff.added) records.set(id, diff.added[id]!);
  for (const id in diff.updated) records.set(id, diff.updated[id]![1]);
}

/** One diff with the effect of applying `diffs` in order. */
export function squashDiffs<R>(diffs: readonly RecordsDiff<R>[]): RecordsDiff<R> {
  const result = emptyDiff<R>();
  for (const diff of diffs) {
    for (const id in diff.added) {
      const added = diff.added[id]!;
      if (id in result.removed) {
        const before = result.removed[id]!;
        delete result.removed[id];
        if (!jsonEqual(before, added)) result.updated[id] = [before, added];
      } else {
        result.added[id] = added;
      }
    }
    for (const id in diff.updated) {
      const [from, to] = diff.updated[id]!;
      if (id in result.added) result.added[id] = to;
      else if (id in result.updated) {
        const original = result.updated[id]![0];
        if (jsonEqual(original, to)) delete result.updated[id];
        else result.updated[id] = [original, to];
      } else result.updated[id] = [from, to];
    }
    for (const id in diff.removed) {
      if (id in result.added) delete result.added[id];
      else if (id in result.updated) {
        result.removed[id] = result.updated[id]![0];
        delete result.updated[id];
      } else result.removed[id] = diff.removed[id]!;
    }
  }
  return result;
}

/** The diff that turns `before` into `after` (records compared as JSON values). */
export function diffRecords<R>(before: ReadonlyMap<string, R>, after: ReadonlyMap<string, R>): RecordsDiff<R> {
  const diff = emptyDiff<R>();
  for (const [id, from] of before) {
    const to = after.get(id);
    if (to === undefined) diff.removed[id] = from;
    else if (from !== to && !jsonEqual(from, to)) diff.updated[id] = [from, to];
  }
  for (const [id, to] of after) if (!before.has(id)) diff.added[id] = to;
  return diff;
}

/** Deep equality of JSON values (object key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, Json>;
  const right = b as Record<string, Json>;
  let count = 0;
  for (const key in left) {
    if (!Object.hasOwn(right, key) || !jsonEqual(left[key], right[key])) return false;
    count++;
  }
  for (const _ in right) count--;
  return count === 0;
}
