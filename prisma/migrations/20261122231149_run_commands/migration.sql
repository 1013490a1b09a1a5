-- CreateTable
CREATE TABLE "run_commands" (
    "run_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" INTEGER NOT NULL,
    "message_id" TEXT NOT NULL,
    "correlation_id" TEXT NOT NULL,
    "aggregate" TEXT NOT NULL,
    "aggregate_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "message" TEXT,

    PRIMARY KEY ("run_id", "seq")
);
