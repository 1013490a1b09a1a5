// Faults: inject a fault into a run (a service failing its next calls or at a rate, a group's
// handler throwing, a slowed group, duplicate deliveries, a paused relay), list the faults in
// force with the canvas nodes that show them, and clear one.
import { z } from "zod";
import { faultViews, runsHost } from "../../runs";
import { router } from "../trpc";
import { fault, runId } from "./runInputs";
import { runProcedure } from "./runProcedure";

const host = () => runsHost();

export const faultsRouter = router({
  list: runProcedure.input(z.object({ runId })).query(async ({ ctx, input }) => faultViews(await host().open(ctx.prisma, input.runId))),

  /** Replaces a fault of the same key (same kind and target); returns its key and every fault in force. */
  inject: runProcedure.input(z.object({ runId, fault })).mutation(async ({ ctx, input }) => {
    const run = await host().open(ctx.prisma, input.runId);
    const { key } = await run.injectFault(input.fault);
    return { key, faults: faultViews(run) };
  }),

  clear: runProcedure.input(z.object({ runId, key: z.string().min(1).max(300) })).mutation(async ({ ctx, input }) => {
    const run = await host().open(ctx.prisma, input.runId);
    await run.clearFault(input.key);
    return { faults: faultViews(run) };
  }),
});
