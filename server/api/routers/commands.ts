// Commands: the command console of a run. The flow's commands with their payload fields (for a
// generated form), dispatch one, run a script (fast mode settles after each), and the run's
// command history. A guard or concurrency refusal is a result `{ status: "rejected", message }`.
import { z } from "zod";
import { commandForms, MAX_SCRIPT_COMMANDS, runsHost } from "../../runs";
import { router } from "../trpc";
import { command, runId, toCommandInput } from "./runInputs";
import { runProcedure } from "./runProcedure";

const host = () => runsHost();

export const commandsRouter = router({
  forms: runProcedure.input(z.object({ runId })).query(async ({ ctx, input }) => commandForms((await host().open(ctx.prisma, input.runId)).flow)),

  dispatch: runProcedure
    .input(z.object({ runId }).extend(command.shape))
    .mutation(async ({ ctx, input }) => (await host().open(ctx.prisma, input.runId)).dispatch(toCommandInput(input))),

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
