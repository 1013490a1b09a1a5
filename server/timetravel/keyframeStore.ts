// The run's stored keyframes (table timeline_keyframes): the world's records
// after event `idx`, as deflated JSON, tagged with the definition (and format)
// they were folded with. Keyframes folded with another definition, or left by
// an earlier run of the same id, are deleted when the store is opened.

import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { RunStore } from "../store";
import type { WorldRecord } from "./kernel/records";

/** Bumped when the records' shape changes: keyframes of another format are folded again. */
const FORMAT = "tt1";

export interface KeyframeMeta {
  /** Ordinal of the event in the run's log (1 = the first). */
  idx: number;
  position: number;
  eventId: string;
  /** Last trace seq folded into the state. */
  traceSeq: number;
  /** Stored (deflated) size. */
  bytes: number;
}

export interface KeyframeStore {
  /** Every keyframe of the run, by idx. */
  list(): KeyframeMeta[];
  /** The records of a keyframe, or undefined when it is gone (deleted by a timeline opened with another definition). */
  load(idx: number): WorldRecord[] | undefined;
  /** Stores a keyframe (an existing one at the same idx wins) and returns its meta. */
  save(meta: Omit<KeyframeMeta, "bytes">, records: Iterable<WorldRecord>): KeyframeMeta;
}

interface MetaRow {
  idx: number;
  position: number;
  event_id: string;
  trace_seq: number;
  bytes: number;
}

export function openKeyframeStore(store: RunStore, definitionKey: string): KeyframeStore {
  const { db, runId } = store;
  const key = `${FORMAT}:${definitionKey}`;
  const stale = db.prepare<[string, string], number>("SELECT COUNT(*) FROM timeline_keyframes WHERE run_id = ? AND definition_key <> ?").pluck();
  const clear = db.prepare<[string]>("DELETE FROM timeline_keyframes WHERE run_id = ?");
  const metas = db.prepare<[string], MetaRow>(
    "SELECT idx, position, event_id, trace_seq, length(state) AS bytes FROM timeline_keyframes WHERE run_id = ? ORDER BY idx",
  );
  const eventIdAt = db.prepare<[string, number], string>("SELECT event_id FROM events WHERE run_id = ? AND position = ?").pluck();
  const state = db.prepare<[string, number], Buffer>("SELECT state FROM timeline_keyframes WHERE run_id = ? AND idx = ?").pluck();
  const insert = db.prepare<[string, number, number, string, number, string, Buffer]>(
    `INSERT OR IGNORE INTO timeline_keyframes (run_id, idx, position, event_id, trace_seq, definition_key, state) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  const last = metas.all(runId).at(-1);
  const foreign = stale.get(runId, key) ?? 0;
  if (foreign > 0 || (last !== undefined && eventIdAt.get(runId, last.position) !== last.event_id)) clear.run(runId);

  return {
    list: () => metas.all(runId).map((row) => ({ idx: row.idx, position: row.position, eventId: row.event_id, traceSeq: row.trace_seq, bytes: row.bytes })),
    load(idx) {
      const blob = state.get(runId, idx);
      return blob === undefined ? undefined : JSON.parse(inflateRawSync(blob).toString("utf8")) as WorldRecord[];
    },
    save(meta, records) {
      const blob = deflateRawSync(JSON.stringify([...records]), { level: 1 });
      insert.run(runId, meta.idx, meta.position, meta.eventId, meta.traceSeq, key, blob);
      return { ...meta, bytes: blob.length };
    },
  };
}
