-- CreateTable
CREATE TABLE "run_interventions" (
    "run_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" INTEGER NOT NULL,
    "after_command" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "data" TEXT NOT NULL,

    PRIMARY KEY ("run_id", "seq")
);
