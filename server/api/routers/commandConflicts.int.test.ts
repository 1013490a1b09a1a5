// Concurrency conflicts at the command console: a stale expectedVersion answers CONFLICT with a
// sentence (and, over HTTP, the stream and versions as data) and appends nothing; with retryOnConflict the command is decided again on the latest
// state; a script keeps a conflict as one of its results.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "../security/testing/apiServer";
import { demoFlowId, setupRunsApi, type RunsApi } from "./testing/runsApi";

let t: RunsApi;
let server: ApiServer;
let runId: string;
const deposit = (amount: number) => ({ aggregate: "Account", aggregateId: "acc-1", command: "Deposit", data: { amount } });

beforeAll(async () => {
  t = await setupRunsApi();
  server = await startApiServer({ prisma: t.prisma });
  runId = (await t.api.runs.start({ flowId: demoFlowId("bank-account"), mode: "fast", seed: 1 })).run.id;
  await t.api.commands.dispatch({ runId, aggregate: "Account", aggregateId: "acc-1", command: "OpenAccount", data: { owner: "Ada" } });
});
afterAll(async () => {
  await server.close();
  await t.cleanup();
});

describe("commands: concurrency conflicts", () => {
  it("Given an account at version 1, When a deposit expects version 0, Then CONFLICT with the versions in a sentence and nothing is appended", async () => {
    const refused = await t.api.commands.dispatch({ runId, ...deposit(5), expectedVersion: 0 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(TRPCError);
    expect(refused).toMatchObject({
      code: "CONFLICT",
      message: "Concurrency conflict: Account acc-1 is at version 1, not the expected 0; it changed since it was read. Read it again and retry, or send retryOnConflict to decide against its latest state.",
    });
    const accepted = await t.api.commands.dispatch({ runId, ...deposit(5), expectedVersion: 1 });
    expect(accepted.outcome).toMatchObject({ status: "accepted", events: [{ streamVersion: 2 }] });
  });

  it("Given an account at version 2, When a deposit expecting version 1 is sent over HTTP, Then the CONFLICT carries the stream and both versions as data beside the sentence", async () => {
    const response = await fetch(`${server.origin}/api/trpc/commands.dispatch`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { runId, ...deposit(9), expectedVersion: 1 } }),
    });
    expect(response.status).toBe(409);
    const { error } = (await response.json()) as { error: { json: { message: string; data: { code: string; conflict: unknown } } } };
    expect(error.json.message).toMatch(/^Concurrency conflict: Account acc-1 is at version 2, not the expected 1; it changed since it was read\. Read it again/);
    expect(error.json.data).toMatchObject({ code: "CONFLICT", conflict: { streamId: "account-acc-1", expectedVersion: 1, actualVersion: 2 } });
  });

  it("Given a stale expectedVersion, When sent with retryOnConflict, Then it is decided on the latest state and both attempts are in the history", async () => {
    const before = (await t.api.commands.history({ runId })).total;
    const retried = await t.api.commands.dispatch({ runId, ...deposit(7), expectedVersion: 1, retryOnConflict: true });
    expect(retried.outcome).toMatchObject({ status: "accepted", events: [{ streamVersion: 3 }] });
    const history = await t.api.commands.history({ runId, afterSeq: before });
    expect(history.commands.map((c) => c.status)).toEqual(["rejected", "accepted"]);
  });

  it("Given a guard refusal, When dispatched with retryOnConflict, Then it stays a rejected result, not an error", async () => {
    const refused = await t.api.commands.dispatch({ runId, ...deposit(-1), retryOnConflict: true });
    expect(refused.outcome).toMatchObject({ status: "rejected", message: "A deposit must be a positive amount" });
  });

  it("Given a script with a stale expectedVersion, When run, Then the conflict is one of its results", async () => {
    const { outcomes } = await t.api.commands.script({ runId, commands: [{ ...deposit(1), expectedVersion: 0 }, deposit(1)] });
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "accepted"]);
    expect(outcomes[0]).toMatchObject({ conflict: { streamId: "account-acc-1", expectedVersion: 0, actualVersion: 3 } });
  });
});
