// The world being folded: records by id, with change tracking so each step
// (one event and the trace entries after it) yields its reversible diff.
// PURE KERNEL: no store, database, clock or random.

import { idOf, type WorldRecord } from "./records";
import { applyDiff, emptyDiff, jsonEqual, type RecordsDiff } from "./recordsDiff";

export type WorldDiff = RecordsDiff<WorldRecord>;

export interface World {
  get(id: string): WorldRecord | undefined;
  /** Records are values: `set` a new object, never mutate one already set. */
  set(id: string, record: WorldRecord): void;
  delete(id: string): void;
  /** Every record, by id (read-only view). */
  readonly records: ReadonlyMap<string, WorldRecord>;
  /** The changes since the last call (or since creation), as a diff; starts a new step. */
  takeDiff(): WorldDiff;
  /** Whether changes are recorded for takeDiff (default true). Off, folding is cheaper and takeDiff is empty. */
  tracking: boolean;
  /** Applies a diff computed elsewhere (e.g. a cached step, or its reverse); not in takeDiff. */
  apply(diff: WorldDiff): void;
  /** Ids of the records set, deleted or applied since the last clearChanged (what a delta keyframe stores). */
  readonly changed: ReadonlySet<string>;
  clearChanged(): void;
}

/** Records keyed by their ids. */
export function recordsById(records: Iterable<WorldRecord>): Map<string, WorldRecord> {
  const map = new Map<string, WorldRecord>();
  for (const record of records) map.set(idOf(record), record);
  return map;
}

/** A world over `map` (taken over, not copied). */
export function createWorld(map: Map<string, WorldRecord> = new Map()): World {
  /** Value of each record touched in this step, as it was before the step (undefined = absent). */
  const before = new Map<string, WorldRecord | undefined>();
  const changed = new Set<string>();
  let tracking = true;

  const touch = (id: string) => {
    changed.add(id);
    if (tracking && !before.has(id)) before.set(id, map.get(id));
  };

  return {
    get tracking() {
      return tracking;
    },
    set tracking(on: boolean) {
      tracking = on;
      before.clear();
    },
    get: (id) => map.get(id),
    set(id, record) {
      touch(id);
      map.set(id, record);
    },
    delete(id) {
      touch(id);
      map.delete(id);
    },
    records: map,
    takeDiff() {
      const diff = emptyDiff<WorldRecord>();
      for (const [id, from] of before) {
        const to = map.get(id);
        if (from === undefined) {
          if (to !== undefined) diff.added[id] = to;
        } else if (to === undefined) diff.removed[id] = from;
        else if (from !== to && !jsonEqual(from, to)) diff.updated[id] = [from, to];
      }
      before.clear();
      return diff;
    },
    apply(diff) {
      before.clear();
      for (const part of [diff.added, diff.updated, diff.removed]) for (const id in part) changed.add(id);
      applyDiff(map, diff);
    },
    changed,
    clearChanged: () => changed.clear(),
  };
}
