// The runs router against a real SQLite file: starting runs of a seeded demo (recorded with
// version, document, seed and mode), the run bar in fast and live mode, reopening a run the
// registry forgot, and clear errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoFlowId, setupRunsApi, storeRowsOf, type RunsApi } from "./testing/runsApi";

let t: RunsApi;
beforeAll(async () => {
  t = await setupRunsApi({ maxOpenRuns: 2 });
});
afterAll(() => t.cleanup());

const BANK = demoFlowId("bank-account");
const account = (command: string, data: Record<string, string | number>, aggregateId = "acc-1") => ({ aggregate: "Account", aggregateId, command, data });

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("gave up waiting");
}

describe("runs: start and record", () => {
  it("given a seeded demo, when a run starts, then a Run row records the flow version, the document as it was, the seed and the mode", async () => {
    const started = await t.api.runs.start({ flowId: BANK, mode: "fast", seed: 42 });
    expect(started.run).toMatchObject({ flowId: BANK, flowVersion: 1, seed: 42, mode: "fast", status: "paused", endedAt: null });
    expect(started.state).toMatchObject({ runId: started.run.id, playing: false, commands: 0, failure: null });
    expect((started.document as { name: string }).name).toBe("Bank account");

    const listed = await t.api.runs.list({ flowId: BANK });
    expect(listed.map((view) => view.run.id)).toContain(started.run.id);
  });

  it("given no seed, then one is chosen and recorded", async () => {
    const started = await t.api.runs.start({ flowId: BANK, mode: "fast" });
    expect(started.run.seed).toBeGreaterThan(0);
    expect(started.state?.seed).toBe(started.run.seed);
  });
});

describe("runs: the run bar", () => {
  it("given a live run playing at ×16, when a command is dispatched, then the run plays it out in wall time; paused, it steps one hop at a time", async () => {
    const { run } = await t.api.runs.start({ flowId: BANK, mode: "live", speed: 16, play: true });
    expect((await t.api.runs.get({ runId: run.id })).run.status).toBe("running");
    await t.api.commands.dispatch({ runId: run.id, ...account("OpenAccount", { owner: "Ada" }) });
    await waitFor(async () => (await t.api.runs.rows({ runId: run.id, projection: "account_balances" })).rows.length === 1);

    const paused = await t.api.runs.pause({ runId: run.id });
    expect(paused.playing).toBe(false);
    expect((await t.api.runs.get({ runId: run.id })).run.status).toBe("paused");
    const before = await t.api.trace.page({ runId: run.id });
    await t.api.commands.dispatch({ runId: run.id, ...account("Deposit", { amount: 5 }) });
    const afterDispatch = await t.api.trace.page({ runId: run.id, afterSeq: before.lastSeq });
    expect(afterDispatch.entries.map((e) => e.kind)).toEqual(["command-accepted", "append"]);

    const stepped = await t.api.runs.step({ runId: run.id });
    expect(stepped.steps).toBe(1);
    const afterStep = await t.api.trace.page({ runId: run.id, afterSeq: afterDispatch.lastSeq });
    expect(afterStep.entries.map((e) => e.kind)).toEqual(["outbox-publish"]);
    const settled = await t.api.runs.settle({ runId: run.id });
    expect(settled.settled.idle).toBe(true);
    expect((await t.api.runs.rows({ runId: run.id, projection: "account_balances" })).rows[0]!.data).toMatchObject({ balance: 5 });
  });

  it("given a live run, when the speed changes, then clock time stays continuous; speeds outside ×0.25..×16 are refused", async () => {
    const { run } = await t.api.runs.start({ flowId: BANK, mode: "live", speed: 1 });
    const before = (await t.api.runs.get({ runId: run.id })).state!.now;
    const faster = await t.api.runs.setSpeed({ runId: run.id, speed: 8 });
    expect(faster.speed).toBe(8);
    expect(faster.now).toBeGreaterThanOrEqual(before);
    await expect(t.api.runs.setSpeed({ runId: run.id, speed: 32 })).rejects.toThrow(/at most ×16/);
  });

  it("given a fast run, then play and speed are refused with the reason, and a playing run refuses to step", async () => {
    const fast = await t.api.runs.start({ flowId: BANK, mode: "fast" });
    await expect(t.api.runs.play({ runId: fast.run.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("fast run") });
    const live = await t.api.runs.start({ flowId: BANK, mode: "live", play: true });
    await expect(t.api.runs.step({ runId: live.run.id })).rejects.toThrow(/pause it to step/);
    await t.api.runs.pause({ runId: live.run.id });
  });

  it("given a run, when reset, then it is finished and a new run of the flow starts with the same seed and mode", async () => {
    const first = await t.api.runs.start({ flowId: BANK, mode: "fast", seed: 9 });
    await t.api.commands.dispatch({ runId: first.run.id, ...account("OpenAccount", { owner: "Ada" }) });
    const fresh = await t.api.runs.reset({ runId: first.run.id });
    expect(fresh.run).toMatchObject({ seed: 9, mode: "fast", status: "paused" });
    expect(fresh.run.id).not.toBe(first.run.id);
    expect(fresh.state!.commands).toBe(0);
    const old = (await t.api.runs.list({ flowId: BANK })).find((view) => view.run.id === first.run.id)!;
    expect(old.run.status).toBe("finished");
    expect(old.run.endedAt).not.toBeNull();
  });
});

describe("runs: the current run of a flow (a studio page reloaded during a live run finds it)", () => {
  it("given a flow's live run, then it is current with its state and newest trace seq, until a reset replaces it or it finishes; a fast run is never current", async () => {
    const { id: flowId } = await t.api.flows.duplicate({ id: BANK });
    expect(await t.api.runs.current({ flowId })).toBeNull();

    const live = await t.api.runs.start({ flowId, mode: "live" });
    await t.api.commands.dispatch({ runId: live.run.id, ...account("OpenAccount", { owner: "Ada" }) });
    const paused = await t.api.runs.current({ flowId });
    const trace = await t.api.trace.page({ runId: live.run.id, afterSeq: 0 });
    expect(paused).toMatchObject({ run: { id: live.run.id, mode: "live" }, state: { playing: false, commands: 1 }, traceSeq: trace.lastSeq });
    expect(trace.lastSeq).toBeGreaterThan(0);
    await t.api.runs.play({ runId: live.run.id });
    expect((await t.api.runs.current({ flowId }))?.state.playing).toBe(true);

    const fresh = await t.api.runs.reset({ runId: live.run.id });
    expect(await t.api.runs.current({ flowId })).toMatchObject({ run: { id: fresh.run.id }, traceSeq: 0 });
    await t.api.runs.finish({ runId: fresh.run.id });
    expect(await t.api.runs.current({ flowId })).toBeNull();

    await t.api.runs.start({ flowId, mode: "fast" });
    expect(await t.api.runs.current({ flowId })).toBeNull();
  });
});

describe("runs: reopening", () => {
  it("given a finished run, when it is given more work, then it is reopened and recorded as paused again", async () => {
    const { run } = await t.api.runs.start({ flowId: BANK, mode: "fast" });
    const finished = await t.api.runs.finish({ runId: run.id });
    expect(finished).toMatchObject({ status: "finished" });
    expect((await t.api.runs.get({ runId: run.id })).state!.status).toBe("finished");
    await t.api.commands.dispatch({ runId: run.id, ...account("OpenAccount", { owner: "Flo" }) });
    const again = await t.api.runs.get({ runId: run.id });
    expect(again.run).toMatchObject({ status: "paused", endedAt: null });
    expect(again.state!.status).toBe("paused");
  });

  it("given more runs than the registry holds, when a forgotten run is asked for, then its engine is re-created from the store and carries on", async () => {
    const first = await t.api.runs.start({ flowId: BANK, mode: "fast", seed: 3 });
    await t.api.commands.dispatch({ runId: first.run.id, ...account("OpenAccount", { owner: "Ada" }) });
    await t.api.commands.dispatch({ runId: first.run.id, ...account("Deposit", { amount: 70 }) });
    await t.api.runs.start({ flowId: BANK, mode: "fast" });
    await t.api.runs.start({ flowId: BANK, mode: "fast" });
    expect(t.host.openIds()).not.toContain(first.run.id);
    expect(t.host.openIds()).toHaveLength(2);

    const reopened = await t.api.runs.get({ runId: first.run.id });
    expect(reopened.state).toMatchObject({ commands: 2, seed: 3 });
    const again = await t.api.commands.dispatch({ runId: first.run.id, ...account("OpenAccount", { owner: "Ada" }) });
    expect(again.outcome).toMatchObject({ status: "rejected", message: "The account is already open" });
    const withdrawn = await t.api.commands.dispatch({ runId: first.run.id, ...account("Withdraw", { amount: 20 }) });
    expect(withdrawn.outcome.status).toBe("accepted");
    expect((await t.api.runs.rows({ runId: first.run.id, projection: "account_balances" })).rows[0]!.data).toMatchObject({ balance: 50 });
  });

  it("given a process that forgot every run (a restart), then a run is reopened paused and its history is intact", async () => {
    const { run } = await t.api.runs.start({ flowId: BANK, mode: "live", play: true });
    await t.api.commands.dispatch({ runId: run.id, ...account("OpenAccount", { owner: "Bo" }) });
    await t.host.close();
    const reopened = await t.api.runs.get({ runId: run.id });
    expect(reopened.state).toMatchObject({ playing: false, commands: 1 });
    expect(reopened.run.status).toBe("paused");
    expect((await t.api.commands.history({ runId: run.id })).commands.map((c) => c.command.type)).toEqual(["OpenAccount"]);
  });
});

describe("runs: a deleted flow", () => {
  it("given a copy of a demo with a live run open and a finished fast run, when the flow is deleted, then both runs are closed and no table keeps a row of them", async () => {
    const { id: flowId } = await t.api.flows.duplicate({ id: BANK, name: "Doomed bank" });
    const live = (await t.api.runs.start({ flowId, mode: "live", speed: 16, play: true })).run;
    await t.api.commands.dispatch({ runId: live.id, ...account("OpenAccount", { owner: "Ada" }) });
    await waitFor(async () => (await t.api.runs.rows({ runId: live.id, projection: "account_balances" })).rows.length === 1);
    const fast = (await t.api.runs.start({ flowId, mode: "fast", seed: 3 })).run;
    await t.api.commands.script({ runId: fast.id, commands: [account("OpenAccount", { owner: "Bo" }), account("Deposit", { amount: 7 })] });
    await t.api.runs.finish({ runId: fast.id });
    for (const run of [live, fast]) expect(storeRowsOf(run.id).events, run.id).toBeGreaterThan(0);

    await t.api.flows.delete({ id: flowId });

    expect(t.host.openIds()).not.toContain(live.id);
    for (const run of [live, fast]) expect(Object.entries(storeRowsOf(run.id)).filter(([, count]) => count > 0), run.id).toEqual([]);
    await expect(t.api.runs.get({ runId: fast.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("runs: errors", () => {
  it("given unknown ids, then NOT_FOUND with a sentence", async () => {
    await expect(t.api.runs.start({ flowId: "nope", mode: "fast" })).rejects.toMatchObject({ code: "NOT_FOUND", message: 'No flow with id "nope".' });
    await expect(t.api.runs.get({ runId: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("given a flow with problems, then the run is refused with them and no Run row is written", async () => {
    const { id } = await t.api.flows.create({ name: "Broken" });
    const flow = await t.api.flows.get({ id });
    const document = { ...(flow.document as object), projections: [{ id: "p", name: "p", handlers: [{ id: "h", event: "no.such.event.v1", key: "meta.key", op: "upsert" }] }] };
    await t.api.flows.update({ id, version: flow.version, document: document as never });
    await expect(t.api.runs.start({ flowId: id, mode: "fast" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("The flow cannot run") });
    expect(await t.api.runs.list({ flowId: id })).toEqual([]);
  });
});
