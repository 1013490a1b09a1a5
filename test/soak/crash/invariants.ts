// What the crash soak checks in the SQLite file, read by a connection of its own: the committed
// log and dead letters seen before a kill are still there after the restart, acknowledged events
// are durable, and once the runs settle: no gap or duplicate in any stream, each command's events
// appended once in one block, every command taken from outside in the run's command log, projections
// equal to the fold of the log, sagas terminal, the outbox drained, at most one open dead letter per
// message and group.
import { isDeepStrictEqual } from "node:util";
import type { JsonObject, SystemDefinition } from "../../../server/core/definitions";
import { indexSystem } from "../../../server/core/systemIndex";
import { foldProjection, storedRows } from "../../../server/runtime/testing/fold";
import { createRunStore, type SqliteDatabase } from "../../../server/store";

export interface FileSnapshot {
  /** Position → the event row as text. */
  events: Map<number, string>;
  /** Dead-letter id → its row. */
  deadLetters: Map<number, DeadLetterRow>;
}

interface DeadLetterRow {
  id: number;
  run_id: string;
  message_id: string;
  original_topic: string;
  group_name: string;
  payload: string;
  attempts: number;
  errors: string;
  first_failure_at: number;
  status: string;
}

/** An event the API acknowledged as committed. */
export interface Acknowledged {
  runId: string;
  streamId: string;
  type: string;
  streamVersion: number;
  position: number;
}

export function snapshotFile(db: SqliteDatabase): FileSnapshot {
  const events = new Map<number, string>();
  for (const row of db.prepare("SELECT position, run_id, stream_id, stream_version, event_id, type, data, metadata FROM events ORDER BY position").iterate() as Iterable<{ position: number }>) {
    events.set(row.position, JSON.stringify(row));
  }
  const deadLetters = new Map<number, DeadLetterRow>();
  for (const row of db.prepare("SELECT id, run_id, message_id, original_topic, group_name, payload, attempts, errors, first_failure_at, status FROM dead_letters").all() as DeadLetterRow[]) {
    deadLetters.set(row.id, row);
  }
  return { events, deadLetters };
}

/** Problems with what was committed before the kill, as the file holds it now. */
export function lostOrChanged(before: FileSnapshot, now: FileSnapshot, acknowledged: readonly Acknowledged[]): string[] {
  const problems: string[] = [];
  for (const [position, row] of before.events) {
    const after = now.events.get(position);
    if (after !== row) problems.push(after === undefined ? `event at position ${position} was committed, then lost` : `event at position ${position} changed: ${row} → ${after}`);
  }
  for (const ack of acknowledged) {
    const row = now.events.get(ack.position);
    const parsed = row === undefined ? undefined : (JSON.parse(row) as { run_id: string; stream_id: string; stream_version: number; type: string });
    if (!parsed || parsed.run_id !== ack.runId || parsed.stream_id !== ack.streamId || parsed.stream_version !== ack.streamVersion || parsed.type !== ack.type) {
      problems.push(`acknowledged ${ack.type} ${ack.streamId}@${ack.streamVersion} (position ${ack.position}) is not in the log as acknowledged`);
    }
  }
  for (const [id, letter] of before.deadLetters) {
    const after = now.deadLetters.get(id);
    if (!after) {
      problems.push(`dead letter ${id} (${letter.group_name}, ${letter.message_id}) disappeared`);
      continue;
    }
    const same = (["run_id", "message_id", "original_topic", "group_name", "payload", "first_failure_at"] as const).every((key) => after[key] === letter[key]);
    const errorsKept = JSON.stringify((JSON.parse(after.errors) as unknown[]).slice(0, (JSON.parse(letter.errors) as unknown[]).length)) === letter.errors;
    const statusMoved = after.status === letter.status || letter.status === "dead";
    if (!same || !errorsKept || after.attempts < letter.attempts || !statusMoved) problems.push(`dead letter ${id} lost its provenance: ${JSON.stringify(letter)} → ${JSON.stringify(after)}`);
  }
  return problems;
}

/** Problems of a settled run: its streams, command blocks, projections, sagas, outbox and dead letters. */
export async function settledRunProblems(db: SqliteDatabase, runId: string, definition: SystemDefinition): Promise<string[]> {
  const problems: string[] = [];
  const streams = db
    .prepare("SELECT stream_id AS stream, COUNT(*) AS n, MIN(stream_version) AS low, MAX(stream_version) AS high FROM events WHERE run_id = ? GROUP BY stream_id")
    .all(runId) as { stream: string; n: number; low: number; high: number }[];
  for (const s of streams) if (s.low !== 1 || s.high !== s.n) problems.push(`stream ${s.stream} holds ${s.n} events at versions ${s.low}..${s.high}`);

  const byCommand = db
    .prepare(
      // An accepted command's events are its one block (their causation is the command). Events a
      // service stored for a call are left out: a non-idempotent service performs a call delivered
      // again after a kill once more, as at-least-once delivery promises.
      `SELECT json_extract(e.metadata, '$.causationId') AS command, e.stream_id AS stream, e.stream_version AS version, e.position AS position
       FROM events e WHERE e.run_id = ?
         AND json_extract(e.metadata, '$.causationId') IN (SELECT message_id FROM trace WHERE run_id = ? AND kind = 'command-accepted')
       ORDER BY command, e.position`,
    )
    .all(runId, runId) as { command: string; stream: string; version: number; position: number }[];
  for (let i = 1; i < byCommand.length; i++) {
    const [a, b] = [byCommand[i - 1]!, byCommand[i]!];
    if (a.command === b.command && (a.stream !== b.stream || b.version !== a.version + 1 || b.position !== a.position + 1)) {
      problems.push(`command ${a.command} appended to ${a.stream}@${a.version} and again to ${b.stream}@${b.version}: not one block`);
    }
  }

  // A command from outside (console, tour) is its own cause; its outcome and its record commit together.
  const taken = db
    .prepare(
      `SELECT message_id || ' ' || (CASE kind WHEN 'command-accepted' THEN 'accepted' ELSE 'rejected' END) FROM trace
       WHERE run_id = ? AND kind IN ('command-accepted', 'command-rejected') AND message_id = causation_id ORDER BY seq`,
    )
    .pluck()
    .all(runId) as string[];
  const logged = db.prepare("SELECT message_id || ' ' || status FROM run_commands WHERE run_id = ? AND status <> 'duplicate' ORDER BY seq").pluck().all(runId) as string[];
  const [takenSet, loggedSet] = [new Set(taken), new Set(logged)];
  const missing = taken.filter((c) => !loggedSet.has(c));
  const extra = logged.filter((c) => !takenSet.has(c));
  if (missing.length > 0 || extra.length > 0 || taken.length !== logged.length) {
    problems.push(`the command log differs from the commands taken: ${missing.length} taken but not logged (${missing.slice(0, 3).join(", ")}), ${extra.length} logged but not taken (${extra.slice(0, 3).join(", ")})`);
  }

  const pending = (db.prepare("SELECT COUNT(*) FROM outbox WHERE run_id = ? AND published_at IS NULL").pluck().get(runId) as number) ?? 0;
  if (pending > 0) problems.push(`the outbox still holds ${pending} unpublished rows`);

  const open = db.prepare("SELECT saga_name || ' ' || instance_id || ' ' || status FROM saga_instances WHERE run_id = ? AND status IN ('running', 'compensating')").pluck().all(runId) as string[];
  for (const saga of open) problems.push(`saga ${saga} did not reach a terminal state`);

  const doubled = db
    .prepare("SELECT group_name || ' ' || message_id FROM dead_letters WHERE run_id = ? AND status = 'dead' GROUP BY group_name, message_id HAVING COUNT(*) > 1")
    .pluck()
    .all(runId) as string[];
  for (const letter of doubled) problems.push(`message ${letter} is dead-lettered more than once`);

  const store = createRunStore(db, runId);
  const { upcasters } = indexSystem(definition);
  for (const projection of definition.projections) {
    const folded: Record<string, JsonObject> = await foldProjection(store, projection, upcasters);
    const stored = storedRows(store, projection.name);
    if (!isDeepStrictEqual(stored, folded)) problems.push(`projection ${projection.name} differs from the fold of the log: stored ${JSON.stringify(stored).slice(0, 300)}, folded ${JSON.stringify(folded).slice(0, 300)}`);
  }
  return problems;
}
