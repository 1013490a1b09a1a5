// The run's stored keyframes (table timeline_keyframes), as deflated JSON: a
// full keyframe holds every record of the world after event `idx`; a delta
// holds only the records changed since an earlier keyframe (base_idx), so
// frequent keyframes stay cheap however large the world. Loading one reads its
// chain back to a full keyframe. Keyframes folded with another definition (or
// format), or left by an earlier run of the same id, are deleted on opening.

import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { RunStore } from "../store";
import { idOf, type WorldRecord } from "./kernel/records";

/** Bumped when the records' shape changes: keyframes of another format are folded again. */
const FORMAT = "tt2";

export interface KeyframeMeta {
  /** Ordinal of the event in the run's log (1 = the first). */
  idx: number;
  position: number;
  eventId: string;
  /** Last trace seq folded into the state. */
  traceSeq: number;
  /** null for a full keyframe; else the keyframe this delta applies to. */
  baseIdx: number | null;
  /** Stored (deflated) size of this keyframe. */
  bytes: number;
  /** Stored size of the whole chain a load reads: the full keyframe and every delta up to this one. */
  chainBytes: number;
  /** Deltas in that chain. */
  chainLength: number;
}

/** Changes since the base keyframe: records set (added or updated) and ids removed. */
export interface KeyframeDelta {
  set: WorldRecord[];
  removed: string[];
}

export type KeyframeContent = { records: Iterable<WorldRecord> } | { baseIdx: number; delta: KeyframeDelta };

export interface KeyframeStore {
  /** Every keyframe of the run, by idx. */
  list(): KeyframeMeta[];
  /** The world's records at keyframe `meta`, or undefined when part of its chain is gone. */
  load(meta: KeyframeMeta): Map<string, WorldRecord> | undefined;
  /** Stores a keyframe (an existing one at the same idx wins) and returns its meta. */
  save(meta: Pick<KeyframeMeta, "idx" | "position" | "eventId" | "traceSeq">, content: KeyframeContent): KeyframeMeta;
}

interface MetaRow {
  idx: number;
  position: number;
  event_id: string;
  trace_seq: number;
  base_idx: number | null;
  bytes: number;
}

export function openKeyframeStore(store: RunStore, definitionKey: string): KeyframeStore {
  const { db, runId } = store;
  const key = `${FORMAT}:${definitionKey}`;
  const stale = db.prepare<[string, string], number>("SELECT COUNT(*) FROM timeline_keyframes WHERE run_id = ? AND definition_key <> ?").pluck();
  const clear = db.prepare<[string]>("DELETE FROM timeline_keyframes WHERE run_id = ?");
  const metas = db.prepare<[string], MetaRow>(
    "SELECT idx, position, event_id, trace_seq, base_idx, length(state) AS bytes FROM timeline_keyframes WHERE run_id = ? ORDER BY idx",
  );
  const one = db.prepare<[string, number], MetaRow>(
    "SELECT idx, position, event_id, trace_seq, base_idx, length(state) AS bytes FROM timeline_keyframes WHERE run_id = ? AND idx = ?",
  );
  const eventIdAt = db.prepare<[string, number], string>("SELECT event_id FROM events WHERE run_id = ? AND position = ?").pluck();
  const state = db.prepare<[string, number], Buffer>("SELECT state FROM timeline_keyframes WHERE run_id = ? AND idx = ?").pluck();
  const insert = db.prepare<[string, number, number, string, number, string, number | null, Buffer]>(
    `INSERT OR IGNORE INTO timeline_keyframes (run_id, idx, position, event_id, trace_seq, definition_key, base_idx, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const byIdx = new Map<number, KeyframeMeta>();
  const withChain = (row: Omit<KeyframeMeta, "chainBytes" | "chainLength">): KeyframeMeta => {
    const base = row.baseIdx === null ? undefined : byIdx.get(row.baseIdx);
    const meta =
      row.baseIdx === null || !base
        ? { ...row, chainBytes: row.bytes, chainLength: 0 }
        : { ...row, chainBytes: base.chainBytes + row.bytes, chainLength: base.chainLength + 1 };
    byIdx.set(meta.idx, meta);
    return meta;
  };
  const read = (idx: number): unknown => {
    const blob = state.get(runId, idx);
    return blob === undefined ? undefined : JSON.parse(inflateRawSync(blob).toString("utf8"));
  };

  const rows = metas.all(runId);
  const last = rows.at(-1);
  if ((stale.get(runId, key) ?? 0) > 0 || (last !== undefined && eventIdAt.get(runId, last.position) !== last.event_id)) clear.run(runId);

  return {
    list() {
      byIdx.clear();
      return metas.all(runId).map((row) =>
        withChain({ idx: row.idx, position: row.position, eventId: row.event_id, traceSeq: row.trace_seq, baseIdx: row.base_idx, bytes: row.bytes }),
      );
    },
    load(meta) {
      const chain: KeyframeMeta[] = [];
      for (let at: KeyframeMeta | undefined = meta; at; at = at.baseIdx === null ? undefined : byIdx.get(at.baseIdx)) {
        chain.unshift(at);
        if (at.baseIdx !== null && !byIdx.has(at.baseIdx)) return undefined;
      }
      const full = read(chain[0]!.idx) as WorldRecord[] | undefined;
      if (!full) return undefined;
      const records = new Map(full.map((record) => [idOf(record), record]));
      for (const link of chain.slice(1)) {
        const delta = read(link.idx) as KeyframeDelta | undefined;
        if (!delta) return undefined;
        for (const id of delta.removed) records.delete(id);
        for (const record of delta.set) records.set(idOf(record), record);
      }
      return records;
    },
    save(meta, content) {
      const full = "records" in content;
      const blob = deflateRawSync(JSON.stringify(full ? [...content.records] : content.delta), { level: 1 });
      const baseIdx = full ? null : content.baseIdx;
      if (insert.run(runId, meta.idx, meta.position, meta.eventId, meta.traceSeq, key, baseIdx, blob).changes === 0) {
        // Another timeline stored this one first: keep what it stored.
        const row = one.get(runId, meta.idx)!;
        return withChain({ ...meta, baseIdx: row.base_idx, bytes: row.bytes });
      }
      return withChain({ ...meta, baseIdx, bytes: blob.length });
    },
  };
}
