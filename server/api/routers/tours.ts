// Tours: a teaching demo's guided tour on a live run. `get` gives the tour (null for flows that
// are not demos), `performStep` does one step's action on the run, settles it and returns the
// expectation results, `restartAt` starts a new run and replays the steps before a step (back).
import { z } from "zod";
import { describeRun, performTourStep, restartTourAt, runsHost, tourOf } from "../../runs";
import { router } from "../trpc";
import { runId } from "./runInputs";
import { runProcedure } from "./runProcedure";

const host = () => runsHost();
const stepId = z.string().min(1).max(100);

export const toursRouter = router({
  get: runProcedure.input(z.object({ runId })).query(async ({ ctx, input }) => tourOf(ctx.prisma, await host().open(ctx.prisma, input.runId))),

  performStep: runProcedure
    .input(z.object({ runId, stepId }))
    .mutation(async ({ ctx, input }) => performTourStep(ctx.prisma, await host().open(ctx.prisma, input.runId), input.stepId)),

  restartAt: runProcedure.input(z.object({ runId, stepId })).mutation(async ({ ctx, input }) => {
    const { run, performed } = await restartTourAt(host(), ctx.prisma, await host().open(ctx.prisma, input.runId), input.stepId);
    return { ...(await describeRun(ctx.prisma, run)), performed };
  }),
});
