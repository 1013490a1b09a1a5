// The commands a person dispatched in a run (console, script, tour), in order, in the
// run_commands table: with the run's flow document and seed they replay or fork it. Written on the
// run's own connection right after each dispatch; read by anyone.
import type { Command, JsonObject } from "../core/definitions";
import type { DispatchResult } from "../runtime";
import type { SqliteDatabase } from "../store";

export interface RecordedCommand {
  seq: number;
  /** Clock time (ms) of the dispatch. */
  at: number;
  messageId: string;
  correlationId: string;
  command: Command;
  status: DispatchResult["status"];
  /** The rejection, in words. */
  message: string | null;
}

export interface CommandLog {
  record(at: number, command: Command, correlationId: string, result: DispatchResult): RecordedCommand;
  /** Commands after `afterSeq`, oldest first. */
  list(afterSeq?: number, limit?: number): RecordedCommand[];
  count(): number;
}

interface Row {
  seq: number;
  at: number;
  message_id: string;
  correlation_id: string;
  aggregate: string;
  aggregate_id: string;
  type: string;
  data: string;
  status: DispatchResult["status"];
  message: string | null;
}

export function createCommandLog(db: SqliteDatabase, runId: string): CommandLog {
  const insert = db.prepare<[string, number, number, string, string, string, string, string, string, string, string | null]>(
    `INSERT INTO run_commands (run_id, seq, at, message_id, correlation_id, aggregate, aggregate_id, type, data, status, message)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const select = db.prepare<[string, number, number], Row>(
    "SELECT seq, at, message_id, correlation_id, aggregate, aggregate_id, type, data, status, message FROM run_commands WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?",
  );
  const last = db.prepare<[string], number | null>("SELECT MAX(seq) FROM run_commands WHERE run_id = ?").pluck();
  let count = last.get(runId) ?? 0;

  return {
    record(at, command, correlationId, result) {
      const seq = count + 1;
      const message = result.status === "rejected" ? result.message : null;
      insert.run(runId, seq, at, result.commandId, correlationId, command.aggregate, command.aggregateId, command.type, JSON.stringify(command.data), result.status, message);
      count = seq;
      return { seq, at, messageId: result.commandId, correlationId, command, status: result.status, message };
    },
    list: (afterSeq = 0, limit = 1000) =>
      select.all(runId, afterSeq, limit).map((row) => ({
        seq: row.seq,
        at: row.at,
        messageId: row.message_id,
        correlationId: row.correlation_id,
        command: { aggregate: row.aggregate, aggregateId: row.aggregate_id, type: row.type, data: JSON.parse(row.data) as JsonObject },
        status: row.status,
        message: row.message,
      })),
    count: () => count,
  };
}
