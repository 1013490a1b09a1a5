// Metrics: a cheap snapshot of a run for the metrics panel to poll (outbox depth, lag per group
// and topic, handler latency p50/p95/p99, throughput, dead letters, alerts, sagas by status).
import { z } from "zod";
import { metricsOf, runsHost } from "../../runs";
import { router } from "../trpc";
import { runId } from "./runInputs";
import { runProcedure } from "./runProcedure";

export const metricsRouter = router({
  snapshot: runProcedure.input(z.object({ runId })).query(async ({ ctx, input }) => metricsOf(await runsHost().open(ctx.prisma, input.runId))),
});
