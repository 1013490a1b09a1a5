// Runs: the run bar of the studio. Start a run of a flow (recorded with the flow version, the
// document as it was, seed and mode), play, pause, step, speed, reset, finish; list a flow's runs;
// read models, saga instances and alerts of a run. Thin: validate, call server/runs, return.
import { z } from "zod";
import { alerts, currentRun, describeRun, listRuns, readModelRows, readModels, runsHost, sagaInstances } from "../../runs";
import { router } from "../trpc";
import { mode, runId, seed, speed } from "./runInputs";
import { runProcedure } from "./runProcedure";

const host = () => runsHost();

export const runsRouter = router({
  /** Starts a run of the flow as it is now; paused unless `play` (live mode). */
  start: runProcedure
    .input(z.object({ flowId: z.string().min(1).max(100), mode: mode.default("live"), seed: seed.optional(), speed: speed.optional(), play: z.boolean().default(false) }))
    .mutation(async ({ ctx, input }) => describeRun(ctx.prisma, await host().start(ctx.prisma, input))),

  list: runProcedure
    .input(z.object({ flowId: z.string().min(1).max(100), limit: z.int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => listRuns(ctx.prisma, host(), input.flowId, input.limit)),

  /** The run a studio page of the flow reattaches to on load (its newest live run, open and not finished), or null. */
  current: runProcedure
    .input(z.object({ flowId: z.string().min(1).max(100) }))
    .query(({ ctx, input }) => currentRun(ctx.prisma, host(), input.flowId)),

  /** The run with its document and live state (reopened from the store when not open). */
  get: runProcedure.input(z.object({ runId })).query(async ({ ctx, input }) => describeRun(ctx.prisma, await host().open(ctx.prisma, input.runId))),

  play: runProcedure.input(z.object({ runId })).mutation(async ({ ctx, input }) => (await host().open(ctx.prisma, input.runId)).play()),
  pause: runProcedure.input(z.object({ runId })).mutation(async ({ ctx, input }) => (await host().open(ctx.prisma, input.runId)).pause()),

  /** Paused runs only: `count` units of work, one at a time (the clock jumps to the next due work). */
  step: runProcedure
    .input(z.object({ runId, count: z.int().min(1).max(1000).default(1) }))
    .mutation(async ({ ctx, input }) => {
      const run = await host().open(ctx.prisma, input.runId);
      let steps = 0;
      while (steps < input.count && (await run.step()).worked) steps++;
      return { steps, idle: steps < input.count, state: run.state() };
    }),

  /** Paused runs: does everything that is due, at any time, jumping the clock ahead (fast-forward to quiescence). */
  settle: runProcedure.input(z.object({ runId })).mutation(async ({ ctx, input }) => {
    const run = await host().open(ctx.prisma, input.runId);
    return { settled: await run.settle(), state: run.state() };
  }),

  setSpeed: runProcedure.input(z.object({ runId, speed })).mutation(async ({ ctx, input }) => (await host().open(ctx.prisma, input.runId)).setSpeed(input.speed)),

  /** Finishes the run and starts a new one of the same flow (its current version); same seed, mode and speed unless given. */
  reset: runProcedure
    .input(z.object({ runId, seed: seed.optional(), mode: mode.optional(), speed: speed.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { runId: id, ...options } = input;
      return describeRun(ctx.prisma, await host().reset(ctx.prisma, id, options));
    }),

  finish: runProcedure.input(z.object({ runId })).mutation(async ({ ctx, input }) => {
    const { document: _document, ...run } = await host().finish(ctx.prisma, input.runId);
    return run;
  }),

  readModels: runProcedure.input(z.object({ runId })).query(async ({ ctx, input }) => readModels(await host().open(ctx.prisma, input.runId))),

  rows: runProcedure
    .input(z.object({ runId, projection: z.string().min(1).max(100), afterKey: z.string().max(500).default(""), limit: z.int().min(1).max(500).default(100) }))
    .query(async ({ ctx, input }) => readModelRows(await host().open(ctx.prisma, input.runId), input.projection, input.afterKey, input.limit)),

  sagas: runProcedure
    .input(
      z.object({
        runId,
        saga: z.string().min(1).max(100).optional(),
        status: z.enum(["running", "compensating", "completed", "compensated", "needs-attention"]).optional(),
        limit: z.int().min(1).max(500).default(100),
      }),
    )
    .query(async ({ ctx, input }) => sagaInstances(await host().open(ctx.prisma, input.runId), input)),

  alerts: runProcedure
    .input(z.object({ runId, afterId: z.int().min(0).default(0), limit: z.int().min(1).max(500).default(100) }))
    .query(async ({ ctx, input }) => alerts(await host().open(ctx.prisma, input.runId), input.afterId, input.limit)),
});
