// Public surface of server/timetravel: open a run's timeline, and the shapes
// of what it answers. The pure kernel (./kernel) folds; this layer reads the store.

export { openTimeline, type Timeline, type TimelineOptions } from "./timeline";
export { TimelineCursorError, TimelineIndexError } from "./errors";
export { reverseDiff, squashDiffs, applyDiff, isEmptyDiff, type RecordsDiff } from "./kernel/recordsDiff";
export { recordId } from "./kernel/records";
export type {
  AggregateRecord,
  DeadLetterRecord,
  OutboxRecord,
  PendingSend,
  ProjectionStallRecord,
  RetryRecord,
  RowRecord,
  SagaRecord,
  WorldRecord,
  WorldRecordKind,
} from "./kernel/records";
export type { OutboxPendingView, ReadModelView, WorldView } from "./kernel/view";
export type * from "./types";
