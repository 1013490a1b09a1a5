// The command console against a real SQLite file: the flow's command forms, dispatch with
// rejections as results, fast-mode scripts that settle after each command, and the command log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoFlowId, setupRunsApi, type RunsApi } from "./testing/runsApi";

let t: RunsApi;
beforeAll(async () => {
  t = await setupRunsApi();
});
afterAll(() => t.cleanup());

const account = (command: string, data: Record<string, string | number>, aggregateId = "acc-1") => ({ aggregate: "Account", aggregateId, command, data });

describe("commands", () => {
  it("given the bank demo, then the console lists each command with its payload fields, guards and events", async () => {
    const { run } = await t.api.runs.start({ flowId: demoFlowId("bank-account"), mode: "fast" });
    const forms = await t.api.commands.forms({ runId: run.id });
    expect(forms.map((form) => form.command)).toEqual(["OpenAccount", "Deposit", "Withdraw"]);
    expect(forms[2]).toMatchObject({
      aggregate: "Account",
      node: "account-withdraw",
      aggregateNode: "account",
      streamPrefix: "account",
      payload: [{ name: "amount", type: "number", required: true }],
      guards: ["The account is not open", "A withdrawal must be a positive amount", "Insufficient funds"],
      emits: ["bank.account.withdrawn.v1"],
    });
  });

  it("given a fast run, when commands are dispatched, then each settles at once and a guard's refusal comes back as a result with its message", async () => {
    const { run } = await t.api.runs.start({ flowId: demoFlowId("bank-account"), mode: "fast", seed: 5 });
    const opened = await t.api.commands.dispatch({ runId: run.id, ...account("OpenAccount", { owner: "Ada" }), correlationId: "c-open" });
    expect(opened.outcome).toMatchObject({ status: "accepted", correlationId: "c-open", streamId: "account-acc-1", events: [{ type: "bank.account.opened.v1", streamVersion: 1 }] });
    expect(opened.settled).toMatchObject({ idle: true, warning: null });
    expect((await t.api.runs.rows({ runId: run.id, projection: "account_balances" })).rows).toEqual([expect.objectContaining({ key: "acc-1", data: { owner: "Ada", balance: 0 } })]);

    const refused = await t.api.commands.dispatch({ runId: run.id, ...account("Withdraw", { amount: 500 }) });
    expect(refused.outcome).toMatchObject({ status: "rejected", message: "Insufficient funds" });

    const unknown = await t.api.commands.dispatch({ runId: run.id, aggregate: "Ledger", aggregateId: "x", command: "Post", data: {} });
    expect(unknown.outcome).toMatchObject({ status: "rejected", message: 'There is no aggregate named "Ledger".' });

    const history = await t.api.commands.history({ runId: run.id });
    expect(history.total).toBe(3);
    expect(history.commands.map((c) => [c.seq, c.command.type, c.status, c.message])).toEqual([
      [1, "OpenAccount", "accepted", null],
      [2, "Withdraw", "rejected", "Insufficient funds"],
      [3, "Post", "rejected", 'There is no aggregate named "Ledger".'],
    ]);
    expect(history.commands[0]).toMatchObject({ correlationId: "c-open", command: { aggregateId: "acc-1", data: { owner: "Ada" } } });
  });

  it("given a command that expects an older version of its aggregate, then the concurrency conflict comes back as a CONFLICT error with a sentence", async () => {
    const { run } = await t.api.runs.start({ flowId: demoFlowId("bank-account"), mode: "fast" });
    await t.api.commands.dispatch({ runId: run.id, ...account("OpenAccount", { owner: "Ed" }) });
    await expect(t.api.commands.dispatch({ runId: run.id, ...account("Deposit", { amount: 5 }), expectedVersion: 0 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^Concurrency conflict: Account acc-1 is at version 1, not the expected 0; it changed since it was read\./),
    });
    const fresh = await t.api.commands.dispatch({ runId: run.id, ...account("Deposit", { amount: 5 }), expectedVersion: 1 });
    expect(fresh.outcome).toMatchObject({ status: "accepted", events: [{ streamVersion: 2 }] });
  });

  it("given a fast run, when a script runs, then the commands go in order, each settled before the next, and the read model shows the end", async () => {
    const { run } = await t.api.runs.start({ flowId: demoFlowId("bank-account"), mode: "fast" });
    const script = [account("OpenAccount", { owner: "Cy" }), ...Array.from({ length: 20 }, () => account("Deposit", { amount: 5 })), account("Withdraw", { amount: 1000 })];
    const result = await t.api.commands.script({ runId: run.id, commands: script });
    expect(result.outcomes.map((o) => o.status)).toEqual([...Array(21).fill("accepted"), "rejected"]);
    expect(result.settled).toMatchObject({ idle: true });
    expect((await t.api.runs.rows({ runId: run.id, projection: "account_balances" })).rows[0]!.data).toMatchObject({ balance: 100 });
    expect((await t.api.commands.history({ runId: run.id })).total).toBe(22);
  });

  it("given the same flow, seed and script, when run twice, then the two logs are the same, event for event", async () => {
    const script = [account("OpenAccount", { owner: "Di" }), account("Deposit", { amount: 12 }), account("Withdraw", { amount: 2 })];
    const logs: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const { run } = await t.api.runs.start({ flowId: demoFlowId("bank-account"), mode: "fast", seed: 77 });
      await t.api.commands.script({ runId: run.id, commands: script });
      const page = await t.api.trace.page({ runId: run.id });
      logs.push(page.entries.map((e) => `${e.at} ${e.kind} ${e.messageId} ${e.summary}`));
    }
    expect(logs[1]).toEqual(logs[0]);
  });

  it("given too many commands or too much data, then the request is refused with the limit", async () => {
    const { run } = await t.api.runs.start({ flowId: demoFlowId("bank-account"), mode: "fast" });
    await expect(t.api.commands.script({ runId: run.id, commands: Array.from({ length: 1001 }, () => account("Deposit", { amount: 1 })) })).rejects.toThrow(/at most 1,000 commands/);
    await expect(t.api.commands.dispatch({ runId: run.id, ...account("OpenAccount", { owner: "x".repeat(70_000) }) })).rejects.toThrow(/at most 64,000 characters/);
  });
});
