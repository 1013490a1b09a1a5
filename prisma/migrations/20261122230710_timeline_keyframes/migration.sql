-- CreateTable
CREATE TABLE "timeline_keyframes" (
    "run_id" TEXT NOT NULL,
    "idx" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "event_id" TEXT NOT NULL,
    "trace_seq" INTEGER NOT NULL,
    "definition_key" TEXT NOT NULL,
    "state" BLOB NOT NULL,

    PRIMARY KEY ("run_id", "idx")
);
