// Concurrency conflicts at the command console: a stale expectedVersion answers CONFLICT with a
// sentence and appends nothing; with retryOnConflict the command is decided again on the latest
// state; a script keeps a conflict as one of its results.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoFlowId, setupRunsApi, type RunsApi } from "./testing/runsApi";

let t: RunsApi;
let runId: string;
const deposit = (amount: number) => ({ aggregate: "Account", aggregateId: "acc-1", command: "Deposit", data: { amount } });

beforeAll(async () => {
  t = await setupRunsApi();
  runId = (await t.api.runs.start({ flowId: demoFlowId("bank-account"), mode: "fast", seed: 1 })).run.id;
  await t.api.commands.dispatch({ runId, aggregate: "Account", aggregateId: "acc-1", command: "OpenAccount", data: { owner: "Ada" } });
});
afterAll(() => t.cleanup());

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
  });
});
