// The commands a person dispatched in a run (console, script, tour), in order, in the
// run_commands table: with the run's flow document and seed they replay or fork it. The command
// handler writes each one inside the transaction that commits its outcome, so a crash keeps both
// or neither; read by anyone.
import type { Command, JsonObject } from "../core/definitions";
import type { SqliteDatabase } from "./database";

export type CommandStatus = "accepted" | "rejected" | "duplicate";

export interface RecordedCommand {
  seq: number;
  /** Clock time (ms) of the dispatch. */
  at: number;
  messageId: string;
  correlationId: string;
  command: Command;
  status: CommandStatus;
  /** The rejection, in words. */
  message: string | null;
}

export type CommandToRecord = Omit<RecordedCommand, "seq">;

export interface CommandLog {
  /** Appends the command at the next seq (call it inside the transaction of its outcome). */
  record(entry: CommandToRecord): RecordedCommand;
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
  status: CommandStatus;
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
  // Read from the file each time (a primary-key lookup): a rolled-back transaction leaves no count behind.
  const last = db.prepare<[string], number | null>("SELECT MAX(seq) FROM run_commands WHERE run_id = ?").pluck();
  const count = () => last.get(runId) ?? 0;

  return {
    record(entry) {
      const seq = count() + 1;
      const { command } = entry;
      insert.run(runId, seq, entry.at, entry.messageId, entry.correlationId, command.aggregate, command.aggregateId, command.type, JSON.stringify(command.data), entry.status, entry.message);
      return { seq, ...entry };
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
    count,
  };
}
