// What a person did to a run besides its commands (faults injected or cleared, tour faults, dead
// letters redriven or discarded), in order, in the run_interventions table: each with its clock
// time and the commands recorded before it, so a fork does it again at its moment. The store keeps
// the intervention as opaque JSON; server/runs gives it its shape. Read by anyone.
import type { JsonObject } from "../core/definitions";
import type { SqliteDatabase } from "./database";

export interface RecordedIntervention {
  seq: number;
  /** Clock time (ms) it was done at. */
  at: number;
  /** Commands of the run's command log recorded before it (their highest seq; 0 = none). */
  afterCommand: number;
  kind: string;
  data: JsonObject;
}

export interface InterventionLog {
  /** Appends at the next seq. */
  record(entry: Omit<RecordedIntervention, "seq">): RecordedIntervention;
  /** Every intervention, oldest first. */
  list(): RecordedIntervention[];
}

interface Row {
  seq: number;
  at: number;
  after_command: number;
  kind: string;
  data: string;
}

export function createInterventionLog(db: SqliteDatabase, runId: string): InterventionLog {
  const insert = db.prepare<[string, number, number, number, string, string]>(
    "INSERT INTO run_interventions (run_id, seq, at, after_command, kind, data) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const select = db.prepare<[string], Row>("SELECT seq, at, after_command, kind, data FROM run_interventions WHERE run_id = ? ORDER BY seq");
  const last = db.prepare<[string], number | null>("SELECT MAX(seq) FROM run_interventions WHERE run_id = ?").pluck();

  return {
    record(entry) {
      const seq = (last.get(runId) ?? 0) + 1;
      insert.run(runId, seq, entry.at, entry.afterCommand, entry.kind, JSON.stringify(entry.data));
      return { seq, ...entry };
    },
    list: () => select.all(runId).map((row) => ({ seq: row.seq, at: row.at, afterCommand: row.after_command, kind: row.kind, data: JSON.parse(row.data) as JsonObject })),
  };
}
