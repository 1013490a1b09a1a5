-- CreateTable
CREATE TABLE "flows" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "document" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "demo_key" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "runs" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "flow_id" TEXT NOT NULL,
    "flow_version" INTEGER NOT NULL,
    "document" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "parent_run_id" TEXT,
    "forked_at" INTEGER,
    "started_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" DATETIME,
    CONSTRAINT "runs_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flows" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "events" (
    "position" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "run_id" TEXT NOT NULL,
    "stream_id" TEXT NOT NULL,
    "stream_version" INTEGER NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "metadata" TEXT NOT NULL,
    "recorded_at" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "snapshots" (
    "run_id" TEXT NOT NULL,
    "stream_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,

    PRIMARY KEY ("run_id", "stream_id")
);

-- CreateTable
CREATE TABLE "outbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "run_id" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "headers" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "claimed_by" TEXT,
    "claimed_at" INTEGER,
    "published_at" INTEGER
);

-- CreateTable
CREATE TABLE "topic_messages" (
    "offset" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "run_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "headers" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "due_at" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "checkpoints" (
    "run_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,

    PRIMARY KEY ("run_id", "name")
);

-- CreateTable
CREATE TABLE "processed_messages" (
    "run_id" TEXT NOT NULL,
    "group_name" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "processed_at" INTEGER NOT NULL,

    PRIMARY KEY ("run_id", "group_name", "message_id")
);

-- CreateTable
CREATE TABLE "dead_letters" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "run_id" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "original_topic" TEXT NOT NULL,
    "group_name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "headers" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "errors" TEXT NOT NULL,
    "first_failure_at" INTEGER NOT NULL,
    "last_failure_at" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "resolved_at" INTEGER
);

-- CreateTable
CREATE TABLE "saga_instances" (
    "run_id" TEXT NOT NULL,
    "saga_name" TEXT NOT NULL,
    "instance_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "correlation_id" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,

    PRIMARY KEY ("run_id", "saga_name", "instance_id")
);

-- CreateTable
CREATE TABLE "projection_rows" (
    "run_id" TEXT NOT NULL,
    "projection" TEXT NOT NULL,
    "row_key" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,

    PRIMARY KEY ("run_id", "projection", "row_key")
);

-- CreateTable
CREATE TABLE "trace" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "run_id" TEXT NOT NULL,
    "at" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "from_node" TEXT,
    "to_node" TEXT,
    "message_id" TEXT,
    "correlation_id" TEXT,
    "causation_id" TEXT,
    "position" INTEGER,
    "summary" TEXT NOT NULL,
    "detail" TEXT
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "run_id" TEXT NOT NULL,
    "at" INTEGER NOT NULL,
    "severity" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "message" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "flows_demo_key_key" ON "flows"("demo_key");

-- CreateIndex
CREATE INDEX "runs_flow_id_idx" ON "runs"("flow_id");

-- CreateIndex
CREATE INDEX "events_run_id_position_idx" ON "events"("run_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "events_run_id_stream_id_stream_version_key" ON "events"("run_id", "stream_id", "stream_version");

-- CreateIndex
CREATE UNIQUE INDEX "events_run_id_event_id_key" ON "events"("run_id", "event_id");

-- CreateIndex
CREATE INDEX "outbox_run_id_published_at_id_idx" ON "outbox"("run_id", "published_at", "id");

-- CreateIndex
CREATE INDEX "topic_messages_run_id_topic_offset_idx" ON "topic_messages"("run_id", "topic", "offset");

-- CreateIndex
CREATE INDEX "dead_letters_run_id_status_idx" ON "dead_letters"("run_id", "status");

-- CreateIndex
CREATE INDEX "trace_run_id_seq_idx" ON "trace"("run_id", "seq");

-- CreateIndex
CREATE INDEX "trace_run_id_message_id_idx" ON "trace"("run_id", "message_id");

-- CreateIndex
CREATE INDEX "trace_run_id_correlation_id_idx" ON "trace"("run_id", "correlation_id");

-- CreateIndex
CREATE INDEX "alerts_run_id_id_idx" ON "alerts"("run_id", "id");
