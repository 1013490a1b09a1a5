// Commands: the command console of a run. The flow's commands with their payload fields (for a
// generated form), dispatch one, run a script (fast mode settles after each), and the run's
// command history. A guard refusal is a result `{ status: "rejected", message }`; a dispatch whose
// expectedVersion is stale is a CONFLICT error (its stream and versions in `data.conflict`), or — with retryOnConflict — decided again against
// the aggregate's latest state (both attempts stay in the command log). In a script, every refusal
// is a result.
import { z } from "zod";
import { commandForms, MAX_SCRIPT_COMMANDS, runsHost, type LiveRun } from "../../runs";
import { router } from "../trpc";
import { versionConflict } from "../versionConflict";
import { command, runId, toCommandInput } from "./runInputs";
import { runProcedure } from "./runProcedure";

const host = () => runsHost();

type Dispatched = Awaited<ReturnType<LiveRun["dispatch"]>>;

const conflicted = ({ outcome }: Dispatched) => outcome.status === "rejected" && outcome.conflict !== undefined;

/** The dispatch, or a CONFLICT error (the sentence, and the versions as `data.conflict`) when it was refused for a concurrency conflict. */
function refuseConflict(dispatched: Dispatched): Dispatched {
  const { outcome } = dispatched;
  if (outcome.status !== "rejected" || outcome.conflict === undefined) return dispatched;
  throw versionConflict(`${outcome.message} Read it again and retry, or send retryOnConflict to decide against its latest state.`, outcome.conflict);
}

export const commandsRouter = router({
  forms: runProcedure.input(z.object({ runId })).query(async ({ ctx, input }) => commandForms((await host().open(ctx.prisma, input.runId)).flow)),

  dispatch: runProcedure
    .input(z.object({ runId, retryOnConflict: z.boolean().default(false) }).extend(command.shape))
    .mutation(async ({ ctx, input }) => {
      const run = await host().open(ctx.prisma, input.runId);
      const first = await run.dispatch(toCommandInput(input));
      if (!conflicted(first) || !input.retryOnConflict) return refuseConflict(first);
      return refuseConflict(await run.dispatch(toCommandInput({ ...input, expectedVersion: undefined })));
    }),

  script: runProcedure
    .input(z.object({ runId, commands: z.array(command).min(1).max(MAX_SCRIPT_COMMANDS, `A script holds at most ${MAX_SCRIPT_COMMANDS.toLocaleString("en")} commands.`) }))
    .mutation(async ({ ctx, input }) => (await host().open(ctx.prisma, input.runId)).script(input.commands.map(toCommandInput))),

  history: runProcedure
    .input(z.object({ runId, afterSeq: z.int().min(0).default(0), limit: z.int().min(1).max(1000).default(200) }))
    .query(async ({ ctx, input }) => {
      const run = await host().open(ctx.prisma, input.runId);
      return { commands: run.commandLog.list(input.afterSeq, input.limit), total: run.commandLog.count() };
    }),
});
