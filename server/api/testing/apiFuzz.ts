// Fuzzing every tRPC procedure through createCaller (random and well-typed-but-wrong inputs)
// and a bounded sample over real loopback HTTP: never a 500 or an unhandled rejection, and
// every refusal is a typed error whose formatted message is a plain sentence. The procedures are
// split in two shards (two test files), so the soak suite's 10,000 cases per target run in two
// processes at once.
import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anyInput } from "../../../test/soak/fuzz/mutate";
import { fuzzParameters, fuzzRuns } from "../../../test/soak/fuzz/runs";
import { appRouter } from "../root";
import { demoFlowId, setupRunsApi, type RunsApi } from "../routers/testing/runsApi";
import { startApiServer } from "../security/testing/apiServer";
import { fuzzSamples, type FuzzFixture } from "./fuzzSamples";

/** Codes a refusal may carry; INTERNAL_SERVER_ERROR (a 500) is the bug we hunt. */
const CLEAR_CODES = new Set(["BAD_REQUEST", "PARSE_ERROR", "NOT_FOUND", "CONFLICT", "FORBIDDEN", "PAYLOAD_TOO_LARGE", "PRECONDITION_FAILED", "UNPROCESSABLE_CONTENT", "METHOD_NOT_SUPPORTED", "TOO_MANY_REQUESTS"]);
/** Procedures that take no input ignore whatever is sent: a short run shows it. */
const NO_INPUT_RUNS = 100;
type ProcedureDef = { _def: { type: "query" | "mutation" | "subscription"; inputs: unknown[] } };
const procedures = Object.entries((appRouter._def as unknown as { procedures: Record<string, ProcedureDef> }).procedures).map(([path, procedure]) => ({
  path,
  type: procedure._def.type,
  takesInput: procedure._def.inputs.length > 0,
}));

/**
 * The first shard's routers (about half the fuzzing time); the second shard holds the others,
 * routers added later included, and the sample over real HTTP.
 */
const FIRST_SHARD_ROUTERS = new Set(["flows", "timeline", "trace", "faults", "health"]);

export type ApiFuzzShard = "first" | "second";

const shardOf = (path: string): ApiFuzzShard => (FIRST_SHARD_ROUTERS.has(path.split(".")[0]!) ? "first" : "second");

/** A fresh studio (migrated, demos seeded, its own run host) with a flow of the user's, a run and dead letters. */
async function studio(): Promise<{ t: RunsApi; fixture: FuzzFixture }> {
  const t = await setupRunsApi({ maxOpenRuns: 4 });
  const demoId = demoFlowId("bank-account");
  const user = await t.api.flows.create({ name: "Mine" });
  const run = await t.api.runs.start({ flowId: demoId, mode: "fast", seed: 1 });
  const opened = await t.api.commands.dispatch({ runId: run.run.id, aggregate: "Account", aggregateId: "acc-1", command: "OpenAccount", data: { owner: "Ada" } });
  const dlq = await t.api.runs.start({ flowId: demoFlowId("outbox-retries-dlq"), mode: "fast", seed: 1 });
  for (const stepId of ["healthy", "poison", "non-retryable"]) await t.api.tours.performStep({ runId: dlq.run.id, stepId });
  return { t, fixture: { demoId, userFlowId: user.id, runId: run.run.id, deadLetterRunId: dlq.run.id, messageId: opened.outcome.commandId } };
}

/** A formatted refusal is one plain sentence: no stack, no object dumps. */
function expectSentence(message: unknown): void {
  expect(typeof message).toBe("string");
  const text = message as string;
  expect(text.trim().length).toBeGreaterThan(0);
  expect(text).not.toMatch(/\n\s+at |\[object Object\]/);
  expect(text.length).toBeLessThan(4000);
}

/** JSON text of a value; "null" for what JSON cannot hold (BigInt), as a careless client might send. */
function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "null";
  } catch {
    return "null";
  }
}

async function call(api: RunsApi["api"], path: string, type: string, input: unknown): Promise<void> {
  const [group, name] = path.split(".") as [string, string];
  const procedure = (api as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[group]![name]!;
  const result = await procedure(input);
  // A subscription's input is checked when it is opened; it is closed at once, unread.
  if (type === "subscription") await (result as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
}

/** The fuzz tests of one shard's procedures (the first also checks every procedure has samples; the second adds the HTTP sample). */
export function describeApiFuzz(shard: ApiFuzzShard): void {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => {
    process.on("unhandledRejection", onUnhandled);
  });
  afterAll(() => {
    process.off("unhandledRejection", onUnhandled);
  });

  describe(`fuzzing every tRPC input (${shard} shard)`, () => {
    if (shard === "first") {
      it("Given the app router, When its procedures are listed, Then each has fuzz samples", () => {
        const missing = procedures.filter(({ path }) => !(path in fuzzSamples)).map(({ path }) => path);
        expect(missing, "add samples for these procedures to server/api/testing/fuzzSamples.ts").toEqual([]);
      });
    }

    it.each(procedures.filter(({ path }) => shardOf(path) === shard))("Given $path, When called with random and well-typed-but-wrong inputs, Then it answers or refuses with a clear typed error", async ({ path, type, takesInput }) => {
      const { t, fixture } = await studio();
      const samples = (fuzzSamples[path] ?? (() => [undefined]))(fixture);
      await fc.assert(
        fc.asyncProperty(anyInput(samples), async (input) => {
          try {
            await call(t.api, path, type, input);
          } catch (error) {
            expect(error).toBeInstanceOf(TRPCError);
            const trpcError = error as TRPCError;
            expect(CLEAR_CODES.has(trpcError.code), `${trpcError.code}: ${trpcError.message}`).toBe(true);
            const shape = getErrorShape({ config: appRouter._def._config, error: trpcError, type, path, input, ctx: undefined });
            expectSentence(shape.message);
          }
        }),
        takesInput ? fuzzParameters(path.length * 7919, 60) : { ...fuzzParameters(path.length * 7919, 10), numRuns: Math.min(fuzzRuns(10), NO_INPUT_RUNS) },
      ).finally(() => t.cleanup());
      expect(unhandled).toEqual([]);
    });

    if (shard === "first") return;

    it("Given random requests over real HTTP, When sent, Then the status is 200 or a 4xx with a sentence, never a 500", async () => {
      const { t, fixture } = await studio();
      const server = await startApiServer({ prisma: t.prisma });
      try {
        const requests = fc.constantFrom(...procedures.filter((p) => p.type !== "subscription"), { path: "flows.nothing", type: "query" as const }).chain((procedure) => {
          const samples = (fuzzSamples[procedure.path] ?? (() => [undefined]))(fixture);
          return fc.record({
            procedure: fc.constant(procedure),
            input: anyInput(samples),
            shape: fc.constantFrom("json", "raw", "wrong-method", "batch"),
            raw: fc.string({ unit: "binary", maxLength: 100 }),
          });
        });
        await fc.assert(
          fc.asyncProperty(requests, async (r) => {
            const body = r.shape === "raw" ? r.raw : jsonText({ json: r.input });
            const asQuery = r.procedure.type === "query" ? r.shape !== "wrong-method" : r.shape === "wrong-method";
            const batch = r.shape === "batch" ? "?batch=1" : "";
            const url = `${server.origin}/api/trpc/${r.procedure.path}${batch}`;
            const response = asQuery
              ? await fetch(`${url}${batch ? "&" : "?"}input=${encodeURIComponent(batch ? `{"0":${body}}` : body)}`)
              : await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: batch ? `{"0":${body}}` : body });
            expect(response.status, `${r.procedure.path} ${r.shape}`).not.toBeGreaterThanOrEqual(500);
            if (response.status === 431) {
              expect(await response.text()).toMatch(/^The request's URL or headers are too large/);
              return;
            }
            const answer = (await response.json()) as unknown;
            const errors = (Array.isArray(answer) ? answer : [answer]).map((item) => (item as { error?: { json: { message: unknown } } }).error).filter((e) => e !== undefined);
            if (response.status >= 400) expect(errors.length).toBeGreaterThan(0);
            for (const error of errors) expectSentence(error!.json.message);
          }),
          { ...fuzzParameters(4242, 40), numRuns: Math.min(fuzzRuns(40), 1000) },
        );
      } finally {
        await server.close();
        await t.cleanup();
      }
      expect(unhandled).toEqual([]);
    });
  });
}
