// One run's view of the SQLite file: every store part bound to run_id, sharing
// one connection and its transactions, so handler effects, checkpoints and
// processed ids can commit together. Synchronous, like better-sqlite3.

import { createAlertStore, type AlertStore } from "./alerts";
import { causalChain, type CausalChain } from "./causalChain";
import { createCommandLog, type CommandLog } from "./commandLog";
import { createInterventionLog, type InterventionLog } from "./interventionLog";
import { createCheckpoints, type Checkpoints } from "./checkpoints";
import type { SqliteDatabase } from "./database";
import { createDeadLetterStore, type DeadLetterStore } from "./deadLetters";
import { createEventStore, type EventStore } from "./events";
import { createOutbox, type Outbox } from "./outbox";
import { createProcessedMessages, type ProcessedMessages } from "./processed";
import { createProjectionStore, type ProjectionStore } from "./projections";
import { createSagaStore, type SagaStore } from "./sagas";
import { createSnapshotStore, type SnapshotStore } from "./snapshots";
import { createTopicLog, type TopicLog } from "./topics";
import { createTraceLog, type TraceLog } from "./trace";
import { transactionsOf } from "./transactions";

export interface RunStore {
  readonly runId: string;
  readonly db: SqliteDatabase;
  readonly events: EventStore;
  readonly snapshots: SnapshotStore;
  readonly outbox: Outbox;
  readonly topics: TopicLog;
  readonly checkpoints: Checkpoints;
  readonly processed: ProcessedMessages;
  readonly deadLetters: DeadLetterStore;
  readonly sagas: SagaStore;
  readonly projections: ProjectionStore;
  readonly trace: TraceLog;
  readonly alerts: AlertStore;
  /** The commands dispatched from outside the run (console, script, tour), with their outcomes. */
  readonly commands: CommandLog;
  /** What a person did to the run besides commands (faults, tour faults, redrives, discards), in order. */
  readonly interventions: InterventionLog;
  /** Runs `fn` (synchronous) in one transaction; nested calls become savepoints. */
  transaction<T>(fn: () => T): T;
  /** Runs `hook` once the current transaction commits (now if none is open). */
  afterCommit(hook: () => void): void;
  /** Runs async work inside one transaction (see Transactions.batch). */
  batch<T>(fn: () => Promise<T>): Promise<T>;
  causalChain(messageId: string): CausalChain | undefined;
  /** Latest clock time recorded by the run (events, trace), or undefined for a new run. */
  lastKnownTime(): number | undefined;
  /** Deletes every row of the run from every table that holds per-run rows (the runs row itself is Prisma's). */
  deleteRun(): void;
}

const RUN_TABLES = [
  "events",
  "snapshots",
  "outbox",
  "topic_messages",
  "checkpoints",
  "processed_messages",
  "dead_letters",
  "saga_instances",
  "projection_rows",
  "trace",
  "alerts",
  "run_commands",
  "run_interventions",
  "timeline_keyframes",
] as const;

export function createRunStore(db: SqliteDatabase, runId: string): RunStore {
  const tx = transactionsOf(db);
  const events = createEventStore(db, tx, runId);
  const outbox = createOutbox(db, tx, runId);
  const trace = createTraceLog(db, tx, runId);
  const deletes = RUN_TABLES.map((table) => db.prepare<[string]>(`DELETE FROM ${table} WHERE run_id = ?`));
  return {
    runId,
    db,
    events,
    snapshots: createSnapshotStore(db, runId),
    outbox,
    topics: createTopicLog(db, tx, runId),
    checkpoints: createCheckpoints(db, runId),
    processed: createProcessedMessages(db, runId),
    deadLetters: createDeadLetterStore(db, tx, outbox, runId),
    sagas: createSagaStore(db, runId),
    projections: createProjectionStore(db, runId),
    trace,
    alerts: createAlertStore(db, runId),
    commands: createCommandLog(db, runId),
    interventions: createInterventionLog(db, runId),
    transaction: tx.transaction,
    afterCommit: tx.afterCommit,
    batch: tx.batch,
    causalChain: (messageId) => causalChain(trace, messageId),
    lastKnownTime() {
      const times = [events.lastRecordedAt(), trace.lastAt()].filter((t): t is number => t !== undefined);
      return times.length === 0 ? undefined : Math.max(...times);
    },
    deleteRun() {
      tx.transaction(() => {
        for (const statement of deletes) statement.run(runId);
      });
    },
  };
}
