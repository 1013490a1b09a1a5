// The procedure every run router uses: errors of server/runs, the runtime, the store, the flow
// compiler, tours and Kafka mode reach the user as tRPC errors with the right code and their plain sentence.
import { TRPCError } from "@trpc/server";
import { FlowCompileError } from "../../flow/compile";
import { SnippetError } from "../../flow/snippets";
import { UnknownNameError } from "../../runtime";
import { KafkaConfigError, KafkaTopicError, NotSettledError } from "../../runtime/kafka";
import { RunLimitError, RunNotFoundError, RunStateError } from "../../runs";
import { DeadLetterNotFoundError } from "../../store";
import { TourActionError } from "../../tours/runTour";
import { publicProcedure } from "../trpc";

const MAX_PROBLEMS_SHOWN = 5;

/** The tRPC error for a known failure of a run request; undefined for anything else. */
export function asTRPCError(error: unknown): TRPCError | undefined {
  if (error instanceof RunNotFoundError || error instanceof DeadLetterNotFoundError) return new TRPCError({ code: "NOT_FOUND", message: error.message, cause: error });
  if (error instanceof RunStateError || error instanceof TourActionError) return new TRPCError({ code: "CONFLICT", message: error.message, cause: error });
  if (error instanceof RunLimitError) return new TRPCError({ code: "TOO_MANY_REQUESTS", message: error.message, cause: error });
  if (error instanceof FlowCompileError) {
    const shown = error.problems.slice(0, MAX_PROBLEMS_SHOWN).map((problem) => `${problem.path}: ${problem.message}`).join("; ");
    const more = error.problems.length > MAX_PROBLEMS_SHOWN ? ` (and ${error.problems.length - MAX_PROBLEMS_SHOWN} more)` : "";
    return new TRPCError({ code: "BAD_REQUEST", message: `The flow cannot run: ${shown}${more}. Fix the problems listed in the studio first.`, cause: error });
  }
  if (error instanceof UnknownNameError || error instanceof SnippetError || error instanceof RangeError) return new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
  if (error instanceof NotSettledError) return new TRPCError({ code: "TIMEOUT", message: error.message, cause: error });
  if (error instanceof KafkaConfigError || error instanceof KafkaTopicError) return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: error.message, cause: error });
  // kafkajs' error classes are not importable from ESM; their names all start with "KafkaJS".
  if (error instanceof Error && error.name.startsWith("KafkaJS")) {
    return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: `The Kafka broker did not answer (${error.message}); check KAFKA_BROKERS and that the broker is running.`, cause: error });
  }
  return undefined;
}

export const runProcedure = publicProcedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const known = asTRPCError(result.error.cause);
    if (known) throw known;
  }
  return result;
});
