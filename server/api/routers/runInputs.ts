// zod inputs shared by the run routers: run ids, commands, dead-letter selections, faults.
import { z } from "zod";
import { MAX_COMMAND_DATA_CHARS, MAX_DEAD_LETTERS_PER_REQUEST, MAX_REDRIVE_PER_SECOND, MAX_SPEED, MIN_SPEED } from "../../runs";

export const runId = z.string().min(1).max(100);
export const speed = z.number().min(MIN_SPEED, `The speed is at least ×${MIN_SPEED}.`).max(MAX_SPEED, `The speed is at most ×${MAX_SPEED}.`);
export const seed = z.int().min(0).max(2 ** 31 - 1);
export const mode = z.enum(["live", "fast"]);
const name = z.string().min(1).max(200);

export const command = z.object({
  aggregate: name,
  aggregateId: z.string().min(1, "Give the aggregate id.").max(200),
  command: name,
  data: z
    .record(z.string(), z.json())
    .default({})
    .refine((data) => JSON.stringify(data).length <= MAX_COMMAND_DATA_CHARS, `A command's data is at most ${MAX_COMMAND_DATA_CHARS.toLocaleString("en")} characters of JSON.`),
  correlationId: z.string().min(1).max(200).optional(),
  /** Decide only if the aggregate is at this stream version (0 = new): otherwise a concurrency-conflict rejection. */
  expectedVersion: z.int().min(0).optional(),
});

export const deadLetterSelection = z
  .object({
    ids: z.array(z.int().min(1)).min(1).max(MAX_DEAD_LETTERS_PER_REQUEST).optional(),
    group: name.optional(),
    topic: name.optional(),
  })
  .refine((selection) => selection.ids !== undefined || selection.group !== undefined || selection.topic !== undefined, "Pick dead letters by ids, group or topic.");

export const perSecond = z.number().min(0.1).max(MAX_REDRIVE_PER_SECOND, `Redrives run at most ${MAX_REDRIVE_PER_SECOND} per second.`);

const count = z.int().min(1).max(1000);
export const fault = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("service-fail-next"), service: name, operation: name, count }),
  z.object({ kind: z.literal("service-failure-rate"), service: name, operation: name, probability: z.number().gt(0).max(1) }),
  z.object({ kind: z.literal("handler-error"), group: name, count, retryable: z.boolean() }),
  z.object({ kind: z.literal("slow-consumer"), group: name, delayMs: z.int().min(1).max(60_000) }),
  z.object({ kind: z.literal("duplicate-delivery"), group: name, count }),
  z.object({ kind: z.literal("relay-paused") }),
]);

/** A console command as the runtime takes it. */
export function toCommandInput(input: z.output<typeof command>) {
  return {
    command: { aggregate: input.aggregate, aggregateId: input.aggregateId, type: input.command, data: input.data },
    ...(input.correlationId === undefined ? {} : { correlationId: input.correlationId }),
    ...(input.expectedVersion === undefined ? {} : { expectedVersion: input.expectedVersion }),
  };
}
