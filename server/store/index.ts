// Public surface of server/store: open the SQLite file, bind a run, and the
// types and errors callers handle.

export { openDatabase, type SqliteDatabase, type OpenDatabaseOptions } from "./database";
export { createRunStore, type RunStore } from "./runStore";
export type { AppendOptions, AppendResult, EventStore, ReadAllOptions, ReadStreamOptions, StreamReducer } from "./events";
export { EVENT_COLUMNS, eventOfRow, type EventRow, type RawEventRow } from "./eventRow";
export type { Snapshot, SnapshotStore } from "./snapshots";
export type { Outbox } from "./outbox";
export type { TopicLog } from "./topics";
export type { Checkpoints } from "./checkpoints";
export type { ProcessedMessages } from "./processed";
export type { DeadLetterStore, ListDeadLettersOptions } from "./deadLetters";
export type { SagaStore } from "./sagas";
export type { ListRowsOptions, ProjectionStore } from "./projections";
export type { TraceLog } from "./trace";
export type { AlertStore } from "./alerts";
export type { CausalChain, ChainLink } from "./causalChain";
export { createInterventionLog, type InterventionLog, type RecordedIntervention } from "./interventionLog";
export { createCommandLog, type CommandLog, type CommandStatus, type CommandToRecord, type RecordedCommand } from "./commandLog";
export type { Subscription } from "./notifier";
export * from "./types";
export * from "./errors";
