// Dead letters: the dead-letter inbox of a run (provenance, errors, attempts), a preview of a
// redrive (which messages, to which topic and group, how long at the rate limit), redrive one,
// redrive many as a paced job (at most `perSecond`, enforced in the server) with progress and
// cancel, and discard.
import { z } from "zod";
import { discard, listDeadLetters, previewRedrive, redriveOne, runsHost, selectDeadLetters } from "../../runs";
import { router } from "../trpc";
import { deadLetterSelection, perSecond, runId } from "./runInputs";
import { runProcedure } from "./runProcedure";

const host = () => runsHost();
const DEFAULT_PER_SECOND = 10;

export const deadLettersRouter = router({
  list: runProcedure
    .input(z.object({ runId, status: z.enum(["dead", "redriven", "discarded", "all"]).default("dead"), afterId: z.int().min(0).default(0), limit: z.int().min(1).max(500).default(100) }))
    .query(async ({ ctx, input }) => listDeadLetters(await host().open(ctx.prisma, input.runId), input)),

  preview: runProcedure
    .input(z.object({ runId, selection: deadLetterSelection, perSecond: perSecond.default(DEFAULT_PER_SECOND) }))
    .query(async ({ ctx, input }) => previewRedrive(await host().open(ctx.prisma, input.runId), input.selection, input.perSecond)),

  redrive: runProcedure
    .input(z.object({ runId, id: z.int().min(1) }))
    .mutation(async ({ ctx, input }) => redriveOne(await host().open(ctx.prisma, input.runId), input.id)),

  /** Starts a paced redrive of the selection (refused while one runs); poll redriveStatus. */
  redriveMany: runProcedure
    .input(z.object({ runId, selection: deadLetterSelection, perSecond: perSecond.default(DEFAULT_PER_SECOND) }))
    .mutation(async ({ ctx, input }) => {
      const run = await host().open(ctx.prisma, input.runId);
      const { letters } = selectDeadLetters(run, input.selection);
      return host().redrives.start(run, letters.map((letter) => letter.id), input.perSecond);
    }),

  redriveStatus: runProcedure.input(z.object({ runId })).query(({ input }) => host().redrives.status(input.runId)),

  cancelRedrive: runProcedure.input(z.object({ runId })).mutation(async ({ input }) => {
    host().redrives.cancel(input.runId);
    return host().redrives.settled(input.runId);
  }),

  discard: runProcedure
    .input(z.object({ runId, ids: z.array(z.int().min(1)).min(1).max(1000) }))
    .mutation(async ({ ctx, input }) => discard(await host().open(ctx.prisma, input.runId), input.ids)),
});
