// TEMPORARY test helper: the CREATE TABLE statements equivalent to the runtime
// tables of prisma/schema.prisma, used until server/db/migrate.ts lands.
// Replace its use by applyMigrations(dbFile) then delete this file.

export const RUNTIME_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS "events" (
  "position" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "run_id" TEXT NOT NULL, "stream_id" TEXT NOT NULL, "stream_version" INTEGER NOT NULL,
  "event_id" TEXT NOT NULL, "type" TEXT NOT NULL, "data" TEXT NOT NULL, "metadata" TEXT NOT NULL,
  "recorded_at" INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS "events_run_id_stream_id_stream_version_key" ON "events"("run_id", "stream_id", "stream_version");
CREATE UNIQUE INDEX IF NOT EXISTS "events_run_id_event_id_key" ON "events"("run_id", "event_id");
CREATE INDEX IF NOT EXISTS "events_run_id_position_idx" ON "events"("run_id", "position");
CREATE TABLE IF NOT EXISTS "snapshots" (
  "run_id" TEXT NOT NULL, "stream_id" TEXT NOT NULL, "version" INTEGER NOT NULL, "state" TEXT NOT NULL,
  "created_at" INTEGER NOT NULL, PRIMARY KEY ("run_id", "stream_id")
);
CREATE TABLE IF NOT EXISTS "outbox" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "run_id" TEXT NOT NULL, "message_id" TEXT NOT NULL, "topic" TEXT NOT NULL, "key" TEXT NOT NULL,
  "headers" TEXT NOT NULL, "payload" TEXT NOT NULL, "created_at" INTEGER NOT NULL,
  "claimed_by" TEXT, "claimed_at" INTEGER, "published_at" INTEGER
);
CREATE INDEX IF NOT EXISTS "outbox_run_id_published_at_id_idx" ON "outbox"("run_id", "published_at", "id");
CREATE TABLE IF NOT EXISTS "topic_messages" (
  "offset" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "run_id" TEXT NOT NULL, "topic" TEXT NOT NULL, "key" TEXT NOT NULL, "message_id" TEXT NOT NULL,
  "headers" TEXT NOT NULL, "payload" TEXT NOT NULL, "due_at" INTEGER NOT NULL, "created_at" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS "topic_messages_run_id_topic_offset_idx" ON "topic_messages"("run_id", "topic", "offset");
CREATE TABLE IF NOT EXISTS "checkpoints" (
  "run_id" TEXT NOT NULL, "name" TEXT NOT NULL, "position" INTEGER NOT NULL, "updated_at" INTEGER NOT NULL,
  PRIMARY KEY ("run_id", "name")
);
CREATE TABLE IF NOT EXISTS "processed_messages" (
  "run_id" TEXT NOT NULL, "group_name" TEXT NOT NULL, "message_id" TEXT NOT NULL, "processed_at" INTEGER NOT NULL,
  PRIMARY KEY ("run_id", "group_name", "message_id")
);
CREATE TABLE IF NOT EXISTS "dead_letters" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "run_id" TEXT NOT NULL, "message_id" TEXT NOT NULL, "original_topic" TEXT NOT NULL, "group_name" TEXT NOT NULL,
  "key" TEXT NOT NULL, "headers" TEXT NOT NULL, "payload" TEXT NOT NULL, "attempts" INTEGER NOT NULL,
  "errors" TEXT NOT NULL, "first_failure_at" INTEGER NOT NULL, "last_failure_at" INTEGER NOT NULL,
  "status" TEXT NOT NULL, "resolved_at" INTEGER
);
CREATE INDEX IF NOT EXISTS "dead_letters_run_id_status_idx" ON "dead_letters"("run_id", "status");
CREATE TABLE IF NOT EXISTS "saga_instances" (
  "run_id" TEXT NOT NULL, "saga_name" TEXT NOT NULL, "instance_id" TEXT NOT NULL, "status" TEXT NOT NULL,
  "state" TEXT NOT NULL, "version" INTEGER NOT NULL, "correlation_id" TEXT NOT NULL, "updated_at" INTEGER NOT NULL,
  PRIMARY KEY ("run_id", "saga_name", "instance_id")
);
CREATE TABLE IF NOT EXISTS "projection_rows" (
  "run_id" TEXT NOT NULL, "projection" TEXT NOT NULL, "row_key" TEXT NOT NULL, "data" TEXT NOT NULL,
  "updated_at" INTEGER NOT NULL, PRIMARY KEY ("run_id", "projection", "row_key")
);
CREATE TABLE IF NOT EXISTS "trace" (
  "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "run_id" TEXT NOT NULL, "at" INTEGER NOT NULL, "kind" TEXT NOT NULL, "from_node" TEXT, "to_node" TEXT,
  "message_id" TEXT, "correlation_id" TEXT, "causation_id" TEXT, "position" INTEGER,
  "summary" TEXT NOT NULL, "detail" TEXT
);
CREATE INDEX IF NOT EXISTS "trace_run_id_seq_idx" ON "trace"("run_id", "seq");
CREATE INDEX IF NOT EXISTS "trace_run_id_message_id_idx" ON "trace"("run_id", "message_id");
CREATE INDEX IF NOT EXISTS "trace_run_id_correlation_id_idx" ON "trace"("run_id", "correlation_id");
CREATE TABLE IF NOT EXISTS "alerts" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "run_id" TEXT NOT NULL, "at" INTEGER NOT NULL, "severity" TEXT NOT NULL, "source" TEXT NOT NULL, "message" TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS "alerts_run_id_id_idx" ON "alerts"("run_id", "id");
`;
