// Timeline: the replay view of a run (`/flows/[id]/runs/[runId]`). A run's record and flow, the
// state of every aggregate, read model, saga and queue after any event (only the parts asked for),
// what an event changed, a filtered page of the log, the hops of an event's moment mapped to the
// canvas, the causal chain of a message; forking a run at a position with a change (what-if), and
// comparing the final worlds of two runs. Thin: validate, call server/timetravel, return.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { runsHost, sharedDatabase } from "../../runs";
import { createCommandLog } from "../../store";
import { TimelineCursorError, TimelineIndexError, type WorldView } from "../../timetravel";
import { router } from "../trpc";
import { compareWorlds } from "./timelineCompare";
import { ForkError, forkRun, type ForkChange } from "./timelineFork";
import { refreshedTimelineOf, timelineOf, withTimeline } from "./timelineRuns";
import { command, fault, runId, toCommandInput } from "./runInputs";
import { runProcedure } from "./runProcedure";

const index = z.int().min(0);
const PARTS = ["aggregates", "readModels", "sagas", "queues"] as const;
export type WorldPart = (typeof PARTS)[number];
const text = z.string().min(1).max(200);
/** Event diffs one request may carry. */
const MAX_DIFFS = 500;

/** Errors of the time-travel layer reach the user as BAD_REQUEST with their sentence. */
const timelineProcedure = runProcedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof TimelineIndexError || cause instanceof TimelineCursorError || cause instanceof ForkError) {
      throw new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
    }
  }
  return result;
});

/** Only the parts of the world the visible panels show. */
function partsOf(world: WorldView, parts: readonly WorldPart[]): Partial<WorldView> {
  return Object.fromEntries(parts.map((part) => [part, world[part]]));
}

const change = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fault"), fault }),
  z.object({ kind: z.literal("insert"), command }),
  z.object({ kind: z.literal("replace"), seq: z.int().min(1), command }),
  z.object({ kind: z.literal("skip"), seq: z.int().min(1) }),
]);

function forkChange(input: z.output<typeof change>): ForkChange {
  switch (input.kind) {
    case "fault":
      return input;
    case "insert":
      return { kind: "insert", command: toCommandInput(input.command) };
    case "replace":
      return { kind: "replace", seq: input.seq, command: toCommandInput(input.command) };
    case "skip":
      return input;
    default: {
      const unknown: never = input;
      throw new Error(`Unknown fork change ${JSON.stringify(unknown)}.`);
    }
  }
}

export const timelineRouter = router({
  /** The run (record, flow as it ran, events so far), its parent when it is a fork, and its forks. */
  open: timelineProcedure.input(z.object({ runId })).query(async ({ ctx, input }) => {
    const { run, flow, timeline } = await refreshedTimelineOf(ctx.prisma, input.runId);
    const forks = await ctx.prisma.run.findMany({
      where: { parentRunId: run.id },
      orderBy: { startedAt: "desc" },
      take: 50,
      select: { id: true, forkedAt: true, startedAt: true, status: true },
    });
    return { run, flow, length: timeline.length, forks };
  }),

  /** Everything after event `index` (0 = before the first), or part-way at a hop of its moment; only `parts`. */
  stateAt: timelineProcedure
    .input(z.object({ runId, index, hop: z.int().min(0).optional(), parts: z.array(z.enum(PARTS)).max(PARTS.length).default([...PARTS]) }))
    .query(({ ctx, input }) =>
      withTimeline(ctx.prisma, input.runId, async ({ timeline }) => {
        const state = await timeline.stateAt(input.index, input.hop === undefined ? {} : { hop: input.hop });
        return { ...state, world: partsOf(state.world, input.parts) };
      }),
    ),

  /** What event `index` changed: a reversible diff of records (apply it to step forward, its reverse to step back). */
  diffAt: timelineProcedure.input(z.object({ runId, index })).query(({ ctx, input }) => withTimeline(ctx.prisma, input.runId, ({ timeline }) => timeline.diffAt(input.index))),

  /** The diffs of events from+1 … from+count (clipped to the log): the browser scrubs through them without asking for each position. */
  diffs: timelineProcedure
    .input(z.object({ runId, from: index, count: z.int().min(1).max(MAX_DIFFS) }))
    .query(({ ctx, input }) =>
      withTimeline(ctx.prisma, input.runId, async ({ timeline }) => {
        const last = Math.min(timeline.length, input.from + input.count);
        const items = [];
        for (let i = input.from + 1; i <= last; i++) items.push(await timeline.diffAt(i));
        return { from: input.from, items };
      }),
    ),

  diffBetween: timelineProcedure
    .input(z.object({ runId, from: index, to: index }))
    .query(({ ctx, input }) => withTimeline(ctx.prisma, input.runId, ({ timeline }) => timeline.diffBetween(input.from, input.to))),

  /** A page of the log, filtered by aggregate, stream, event types, correlation id and text; continue with nextCursor. */
  events: timelineProcedure
    .input(
      z.object({
        runId,
        filter: z
          .object({ aggregate: text.optional(), streamId: text.optional(), types: z.array(text).max(50).optional(), correlationId: text.optional(), text: text.optional() })
          .default({}),
        cursor: z.string().max(200).nullish(),
        fromIndex: index.optional(),
        limit: z.int().min(1).max(500).default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { runId: _runId, ...request } = input;
      return withTimeline(ctx.prisma, input.runId, ({ timeline }) => timeline.eventsPage(request));
    }),

  /** The trace hops of event `index`'s moment, each with where it shows on the canvas. */
  hopsAt: timelineProcedure
    .input(z.object({ runId, index, limit: z.int().min(1).max(500).default(200) }))
    .query(({ ctx, input }) =>
      withTimeline(ctx.prisma, input.runId, async ({ timeline, mapping }) => {
        const entries = await timeline.hopsAt(input.index, input.limit);
        return entries.map((entry) => ({ ...entry, hop: mapping.hop(entry) }));
      }),
    ),

  /** Ancestors (nearest first) and descendants of a message, with the event index of each event among them. */
  causalChain: timelineProcedure
    .input(z.object({ runId, messageId: text }))
    .query(async ({ ctx, input }) => (await withTimeline(ctx.prisma, input.runId, ({ timeline }) => timeline.causalChain(input.messageId))) ?? null),

  /** The commands a person dispatched in the run, in order (what a fork replays). */
  commands: timelineProcedure
    .input(z.object({ runId, afterSeq: z.int().min(0).default(0), limit: z.int().min(1).max(1000).default(200) }))
    .query(async ({ ctx, input }) => {
      const { run } = await timelineOf(ctx.prisma, input.runId);
      return createCommandLog(sharedDatabase(), run.id).list(input.afterSeq, input.limit);
    }),

  /**
   * What-if: a new run re-executed from this run's commands (same flow document and seed) up to event
   * `at`, then the changes, then the rest of the commands, to idle in fast mode.
   */
  fork: timelineProcedure
    .input(z.object({ runId, at: index, changes: z.array(change).min(1, "Give at least one change: a fault, or a command to add, replace or leave out.").max(20) }))
    .mutation(async ({ ctx, input }) => {
      const source = await timelineOf(ctx.prisma, input.runId);
      return forkRun(ctx.prisma, runsHost(), source, input.at, input.changes.map(forkChange));
    }),

  /** The final worlds of two runs (a run and its fork) side by side, and what differs from the first to the second. */
  compare: timelineProcedure.input(z.object({ runId, otherRunId: runId })).query(async ({ ctx, input }) => {
    const end = async (id: string) => {
      const { run, timeline, lock } = await refreshedTimelineOf(ctx.prisma, id);
      const state = await lock.run(() => timeline.stateAt(timeline.length));
      return { run, length: timeline.length, world: state.world };
    };
    const left = await end(input.runId);
    const right = await end(input.otherRunId);
    if (left.run.flowId !== right.run.flowId) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `Runs ${input.runId} and ${input.otherRunId} are of different flows; compare a run with its forks.` });
    }
    return { left, right, diff: compareWorlds(left.world, right.world) };
  }),
});
