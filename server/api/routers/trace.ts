// Trace: the live animation's feed. `stream` is a subscription (server-sent events) of a run's
// trace entries after a seq, in batches of at most 500, each with its canvas hop; it resumes from
// the last batch seen (tracked id = its last seq). `page` reads the same batches on request.
import { tracked } from "@trpc/server";
import { z } from "zod";
import { readTracePage, runsHost, streamTrace, TRACE_BATCH, type TraceBatch } from "../../runs";
import { router } from "../trpc";
import { asTRPCError, runProcedure } from "./runProcedure";
import { runId } from "./runInputs";

const afterSeq = z.int().min(0).default(0);

export const traceRouter = router({
  stream: runProcedure
    .input(z.object({ runId, afterSeq, lastEventId: z.string().regex(/^\d+$/).nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const from = input.lastEventId ? Number(input.lastEventId) : input.afterSeq;
      const batches = streamTrace({ host: runsHost(), prisma: ctx.prisma, runId: input.runId, afterSeq: from, ...(signal ? { signal } : {}) });
      try {
        for await (const batch of batches) yield tracked(String(batch.lastSeq), batch);
      } catch (error) {
        throw asTRPCError(error) ?? error;
      }
    }),

  page: runProcedure
    .input(z.object({ runId, afterSeq, limit: z.int().min(1).max(TRACE_BATCH).default(TRACE_BATCH) }))
    .query(async ({ ctx, input }): Promise<TraceBatch> => {
      return readTracePage(await runsHost().open(ctx.prisma, input.runId), input.afterSeq, input.limit);
    }),
});
