// The timeline router against a real SQLite file: the bank demo's tour replayed (state, diffs,
// filters, hops on the canvas, causal chains), forks with a changed command or an injected fault
// compared with their parent, a run that grows while its timeline is open, and clear errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyDiff, reverseDiff, type RecordsDiff, type WorldRecord } from "../../timetravel";
import { viewOf } from "../../timetravel/kernel/view";
import { demos } from "../../flow/demos";
import { sharedDatabase } from "../../runs";
import { createRunStore } from "../../store";
import { forkRun } from "./timelineFork";
import { closeTimelines, timelineOf } from "./timelineRuns";
import { demoFlowId, setupRunsApi, storeRowsOf, type RunsApi } from "./testing/runsApi";

let t: RunsApi;
let bankRun: string;
const BANK = demoFlowId("bank-account");
const SAGA = demoFlowId("order-saga-orchestrated");
const ACCOUNT = "account-acc-1";
const WITHDRAWN = "bank.account.withdrawn.v1";

beforeAll(async () => {
  t = await setupRunsApi();
  closeTimelines();
  const { run } = await t.api.runs.start({ flowId: BANK, mode: "fast", seed: 42 });
  bankRun = run.id;
  const tour = (await t.api.tours.get({ runId: bankRun }))!;
  for (const step of tour.steps) expect((await t.api.tours.performStep({ runId: bankRun, stepId: step.id })).ok).toBe(true);
});
afterAll(async () => {
  closeTimelines();
  await t.cleanup();
});

/** The balance an aggregate record holds (a test reads only account records). */
const balanceOf = (record: WorldRecord | undefined) => (record?.kind === "aggregate" ? record.state.balance : undefined);
const balanceAt = async (runId: string, index: number) => (await t.api.timeline.stateAt({ runId, index, parts: ["aggregates"] })).world.aggregates![ACCOUNT]!.state.balance;

describe("timeline: the bank demo's tour, replayed", () => {
  it("given the tour run to its end, when the timeline opens, then it holds the three events and the flow as it ran", async () => {
    const opened = await t.api.timeline.open({ runId: bankRun });
    expect(opened.length).toBe(3);
    expect(opened.run).toMatchObject({ id: bankRun, flowId: BANK, seed: 42, mode: "fast", parentRunId: null });
    expect(opened.flow.name).toBe("Bank account");
    expect(opened.forks).toEqual([]);
  });

  it("given positions around the withdrawal, when the state is read, then the balance is 200 before it and 150 after, in the aggregate and the read model", async () => {
    expect(await balanceAt(bankRun, 2)).toBe(200);
    expect(await balanceAt(bankRun, 3)).toBe(150);
    const before = await t.api.timeline.stateAt({ runId: bankRun, index: 0 });
    expect(before.event).toBeNull();
    expect(before.world.aggregates).toEqual({});
    const after = await t.api.timeline.stateAt({ runId: bankRun, index: 3 });
    expect(after.event).toMatchObject({ index: 3, type: WITHDRAWN, data: { amount: 50 }, aggregate: "Account", streamId: ACCOUNT });
    expect(after.world.readModels!.account_balances!.rows["acc-1"]).toMatchObject({ owner: "Ada", balance: 150 });
    expect(after.world.queues).toMatchObject({ outbox: [], retries: [], deadLetters: [] });
  });

  it("given only some panels visible, when the state is read, then only their parts come back", async () => {
    const state = await t.api.timeline.stateAt({ runId: bankRun, index: 3, parts: ["readModels", "queues"] });
    expect(Object.keys(state.world).sort()).toEqual(["queues", "readModels"]);
  });

  it("given the withdrawal, when its diff is asked, then the aggregate and the row go from 200 to 150; between 3 and 1 the diff runs backwards", async () => {
    const { diff, event } = await t.api.timeline.diffAt({ runId: bankRun, index: 3 });
    expect(event!.type).toBe(WITHDRAWN);
    expect(diff.updated[`aggregate:${ACCOUNT}`]!.map(balanceOf)).toEqual([200, 150]);
    expect(Object.keys(diff.updated)).toContain("row:account_balances:acc-1");
    const chunk = await t.api.timeline.diffs({ runId: bankRun, from: 1, count: 500 });
    expect(chunk.items.map((item) => item.index)).toEqual([2, 3]);
    expect(chunk.items[1]).toEqual(await t.api.timeline.diffAt({ runId: bankRun, index: 3 }));
    const back = await t.api.timeline.diffBetween({ runId: bankRun, from: 3, to: 1 });
    expect(back.diff.updated[`aggregate:${ACCOUNT}`]!.map(balanceOf)).toEqual([150, 0]);
  });

  it("given filters, when the log is paged, then an event type, an aggregate, a correlation id and text each narrow it", async () => {
    const byType = await t.api.timeline.events({ runId: bankRun, filter: { types: [WITHDRAWN] } });
    expect(byType.items.map((item) => item.index)).toEqual([3]);
    expect((await t.api.timeline.events({ runId: bankRun, filter: { aggregate: "Account" } })).items).toHaveLength(3);
    expect((await t.api.timeline.events({ runId: bankRun, filter: { correlationId: "bank-open" } })).items.map((item) => item.index)).toEqual([1]);
    expect((await t.api.timeline.events({ runId: bankRun, filter: { text: "ada" } })).items.map((item) => item.index)).toEqual([1]);
    expect((await t.api.timeline.events({ runId: bankRun, limit: 2 })).nextCursor).not.toBeNull();
  });

  it("given the withdrawal's moment, when its hops are asked, then each comes with the canvas nodes it travels between", async () => {
    const hops = await t.api.timeline.hopsAt({ runId: bankRun, index: 3 });
    const append = hops.find((hop) => hop.kind === "append")!;
    expect(append.hop).toMatchObject({ from: "account" });
    expect(append.hop!.to).toBeTruthy();
    expect(hops.some((hop) => hop.kind === "outbox-publish")).toBe(true);
  });

  it("given the withdrawal's event id, when its causal chain is asked, then the command that caused it is its ancestor", async () => {
    const { event } = await t.api.timeline.stateAt({ runId: bankRun, index: 3, parts: [] });
    const chain = (await t.api.timeline.causalChain({ runId: bankRun, messageId: event!.eventId }))!;
    expect(chain.message).toMatchObject({ messageId: event!.eventId, index: 3 });
    expect(chain.ancestors[0]).toMatchObject({ messageId: event!.causationId, kind: "command-accepted", index: null });
    expect(await t.api.timeline.causalChain({ runId: bankRun, messageId: "nope" })).toBeNull();
  });

  it("given the tour, when the run's commands are listed, then the four commands are there with the refused overdraft", async () => {
    const commands = await t.api.timeline.commands({ runId: bankRun });
    expect(commands.map((c) => [c.command.type, c.status])).toEqual([["OpenAccount", "accepted"], ["Deposit", "accepted"], ["Withdraw", "accepted"], ["Withdraw", "rejected"]]);
  });
});

describe("timeline: what-if forks", () => {
  it("given a fork before the withdrawal with Withdraw 120 instead of 50, then it replays the first two events as they were, ends at 80, and the comparison shows 150 against 80", async () => {
    const withdraw = (await t.api.timeline.commands({ runId: bankRun }))[2]!;
    const fork = await t.api.timeline.fork({
      runId: bankRun,
      at: 2,
      changes: [{ kind: "replace", seq: withdraw.seq, command: { aggregate: "Account", aggregateId: "acc-1", command: "Withdraw", data: { amount: 120 } } }],
    });
    expect(fork).toMatchObject({ cutAt: 2, length: 3, replayed: 2, continued: 2, warnings: [] });
    expect(fork.run).toMatchObject({ parentRunId: bankRun, forkedAt: 2, seed: 42, mode: "fast", status: "finished" });

    const original = await t.api.timeline.events({ runId: bankRun, limit: 2 });
    const forked = await t.api.timeline.events({ runId: fork.run.id, limit: 2 });
    const shape = (items: typeof original.items) => items.map((item) => [item.type, item.streamId, item.data, item.recordedAt]);
    expect(shape(forked.items)).toEqual(shape(original.items));
    expect(await balanceAt(fork.run.id, 3)).toBe(80);

    const compared = await t.api.timeline.compare({ runId: bankRun, otherRunId: fork.run.id });
    expect(compared.left.run.id).toBe(bankRun);
    expect(compared.right.length).toBe(3);
    expect(compared.diff.updated[`aggregate:${ACCOUNT}`]!.map(balanceOf)).toEqual([150, 80]);

    expect((await t.api.timeline.open({ runId: bankRun })).forks.map((f) => f.id)).toContain(fork.run.id);
    const forkCommands = await t.api.timeline.commands({ runId: fork.run.id });
    expect(forkCommands.map((c) => [c.command.type, c.command.data.amount ?? null, c.status])).toEqual([
      ["OpenAccount", null, "accepted"], ["Deposit", 200, "accepted"], ["Withdraw", 120, "accepted"], ["Withdraw", 500, "rejected"],
    ]);
  });

  it("given an order saga that completed, when forked right after the order was placed with stock failing, then the fork compensates and the comparison shows it", async () => {
    const { run } = await t.api.runs.start({ flowId: SAGA, mode: "fast", seed: 7 });
    await t.api.commands.dispatch({ runId: run.id, aggregate: "Order", aggregateId: "o-1", command: "PlaceOrder", data: { sku: "LAMP", quantity: 1, amount: 40 } });
    const end = await t.api.timeline.open({ runId: run.id });
    const done = await t.api.timeline.stateAt({ runId: run.id, index: end.length, parts: ["sagas"] });
    expect(done.world.sagas!.OrderFulfilment!["o-1"]!.status).toBe("completed");

    const fork = await t.api.timeline.fork({ runId: run.id, at: 1, changes: [{ kind: "fault", fault: { kind: "service-fail-next", service: "Inventory", operation: "ReserveStock", count: 1 } }] });
    expect(fork.cutAt).toBe(1);
    const compared = await t.api.timeline.compare({ runId: run.id, otherRunId: fork.run.id });
    expect(compared.diff.updated["saga:OrderFulfilment:o-1"]!.map((record) => (record.kind === "saga" ? record.status : record.kind))).toEqual(["completed", "compensated"]);

    // Stepping with diffs: each event's diff (or its reverse) moves the records from one stateAt to the next.
    const opened = await t.api.timeline.open({ runId: fork.run.id });
    const projections = opened.flow.projections.map((projection) => projection.name);
    const worlds = await Promise.all(Array.from({ length: opened.length + 1 }, (_, index) => t.api.timeline.stateAt({ runId: fork.run.id, index }).then((state) => state.world)));
    const diffs = await Promise.all(Array.from({ length: opened.length + 1 }, (_, index) => t.api.timeline.diffAt({ runId: fork.run.id, index }).then((step) => step.diff)));
    const records = new Map<string, WorldRecord>();
    const move = (diff: RecordsDiff<WorldRecord>) => {
      applyDiff(records, diff);
      return viewOf(records.values(), projections);
    };
    expect(move(diffs[0]!), "the origin").toEqual(worlds[0]);
    for (let index = 1; index <= opened.length; index++) expect(move(diffs[index]!), `forward to ${index}`).toEqual(worlds[index]);
    for (let index = opened.length; index >= 1; index--) expect(move(reverseDiff(diffs[index]!)), `back to ${index - 1}`).toEqual(worlds[index - 1]);
  });

  // Every teaching demo whose tour injects a fault or redrives dead letters.
  const intervening = demos.filter((demo) => demo.tour?.steps.some((step) => step.action.kind === "fault" || step.action.kind === "redrive")).map((demo) => demo.key);
  it.each(intervening)("given the %s tour run to its end, when forked at the start with no change, then the fork does its faults and redrives again and ends as the run did", async (key) => {
    const { run } = await t.api.runs.start({ flowId: demoFlowId(key), mode: "fast", seed: 13 });
    const tour = (await t.api.tours.get({ runId: run.id }))!;
    for (const step of tour.steps) expect((await t.api.tours.performStep({ runId: run.id, stepId: step.id })).ok).toBe(true);
    const parent = await t.api.timeline.open({ runId: run.id });

    // No change at all (the API asks for one; the fork itself does not): a replay of what was recorded.
    const fork = await forkRun(t.prisma, t.host, await timelineOf(t.prisma, run.id), 0, []);
    expect(fork).toMatchObject({ length: parent.length, warnings: [] });
    // Dead letters are numbered by the file's table, which both runs share: compared without their ids.
    const end = async (runId: string, length: number) => {
      const { world } = await t.api.timeline.stateAt({ runId, index: length });
      return { ...world, queues: { ...world.queues!, deadLetters: world.queues!.deadLetters.map(({ id: _id, ...letter }) => letter) } };
    };
    expect(await end(fork.run.id, fork.length)).toEqual(await end(run.id, parent.length));
  });

  it("given faults injected and cleared from the fault panel between commands, when forked before them, then the fork applies each at its moment", async () => {
    const { run } = await t.api.runs.start({ flowId: SAGA, mode: "fast", seed: 17 });
    const order = (id: string) => t.api.commands.dispatch({ runId: run.id, aggregate: "Order", aggregateId: id, command: "PlaceOrder", data: { sku: "LAMP", quantity: 1, amount: 40 } });
    await order("o-1");
    const { key } = await t.api.faults.inject({ runId: run.id, fault: { kind: "service-failure-rate", service: "Inventory", operation: "ReserveStock", probability: 1 } });
    await order("o-2");
    await t.api.faults.clear({ runId: run.id, key });
    await order("o-3");
    const statuses = async (runId: string) => {
      const { length } = await t.api.timeline.open({ runId });
      const sagas = (await t.api.timeline.stateAt({ runId, index: length, parts: ["sagas"] })).world.sagas!.OrderFulfilment!;
      return ["o-1", "o-2", "o-3"].map((id) => sagas[id]?.status);
    };
    expect(await statuses(run.id)).toEqual(["completed", "compensated", "completed"]);

    const fork = await forkRun(t.prisma, t.host, await timelineOf(t.prisma, run.id), 1, []);
    expect(await statuses(fork.run.id)).toEqual(["completed", "compensated", "completed"]);
  });

  it("given a change to a command before the position, or an unknown service, then the fork is refused with the reason and leaves no run behind", async () => {
    const before = (await t.api.runs.list({ flowId: BANK })).length;
    await expect(
      t.api.timeline.fork({ runId: bankRun, at: 3, changes: [{ kind: "skip", seq: 1 }] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("not after the fork position") });
    await expect(
      t.api.timeline.fork({ runId: bankRun, at: 1, changes: [{ kind: "fault", fault: { kind: "service-fail-next", service: "Nope", operation: "X", count: 1 } }] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await t.api.runs.list({ flowId: BANK })).length).toBe(before);
  });
});

describe("timeline: a run that goes on, and errors", () => {
  it("given a run whose timeline is open, when more commands land, then opening it again shows the new events", async () => {
    const { run } = await t.api.runs.start({ flowId: BANK, mode: "fast", seed: 3 });
    await t.api.commands.dispatch({ runId: run.id, aggregate: "Account", aggregateId: "b", command: "OpenAccount", data: { owner: "Bo" } });
    expect((await t.api.timeline.open({ runId: run.id })).length).toBe(1);
    await t.api.commands.dispatch({ runId: run.id, aggregate: "Account", aggregateId: "b", command: "Deposit", data: { amount: 9 } });
    expect((await t.api.timeline.open({ runId: run.id })).length).toBe(2);
    expect((await t.api.timeline.stateAt({ runId: run.id, index: 2 })).world.aggregates!["account-b"]!.state.balance).toBe(9);
  });

  it("given a position past the end, an unknown run or two runs of different flows, then each is refused in a plain sentence", async () => {
    await expect(t.api.timeline.stateAt({ runId: bankRun, index: 4 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("goes from 0 (before the first event) to 3") });
    await expect(t.api.timeline.open({ runId: "no-such-run" })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("no-such-run") });
    const other = await t.api.runs.start({ flowId: SAGA, mode: "fast" });
    await expect(t.api.timeline.compare({ runId: bankRun, otherRunId: other.run.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("different flows") });
  });
});

describe("timeline: keyframes built while a run records", () => {
  it("given a run recorded through the studio, when its work is done, then its keyframes already cover its log before anyone opens its timeline", async () => {
    const { run } = await t.api.runs.start({ flowId: BANK, mode: "fast", seed: 11 });
    const deposits = Array.from({ length: 700 }, (_, i) => ({ aggregate: "Account", aggregateId: "kf", command: "Deposit", data: { amount: 1 + (i % 5) } }));
    await t.api.commands.script({ runId: run.id, commands: [{ aggregate: "Account", aggregateId: "kf", command: "OpenAccount", data: { owner: "Kai" } }, ...deposits] });
    await t.host.keyframes.settled();

    const keyframes = sharedDatabase().prepare<[string], { idx: number }>("SELECT idx FROM timeline_keyframes WHERE run_id = ? ORDER BY idx").all(run.id).map((row) => row.idx);
    expect(keyframes).toEqual([200, 400, 600]);
    const { length } = await t.api.timeline.open({ runId: run.id });
    expect(length).toBe(701);
    const end = await t.api.timeline.stateAt({ runId: run.id, index: length, parts: ["aggregates"] });
    expect(end.world.aggregates!["account-kf"]!.state.balance).toBe(deposits.reduce((sum, deposit) => sum + deposit.data.amount, 0));
  });
});

describe("timeline: a deleted run", () => {
  it("given a run with commands, trace, events and stored keyframes, when it is deleted, then no table keeps a row of it and another run keeps its own", async () => {
    const { run } = await t.api.runs.start({ flowId: BANK, mode: "fast", seed: 5 });
    const deposits = Array.from({ length: 240 }, () => ({ aggregate: "Account", aggregateId: "k", command: "Deposit", data: { amount: 1 } }));
    await t.api.commands.script({ runId: run.id, commands: [{ aggregate: "Account", aggregateId: "k", command: "OpenAccount", data: { owner: "Kim" } }, ...deposits] });
    const { length } = await t.api.timeline.open({ runId: run.id });
    await t.api.timeline.stateAt({ runId: run.id, index: length, parts: ["aggregates"] });
    await t.host.keyframes.settled();
    const recorded = storeRowsOf(run.id);
    for (const table of ["events", "trace", "run_commands", "timeline_keyframes", "projection_rows"]) expect(recorded[table], table).toBeGreaterThan(0);
    const others = storeRowsOf(bankRun);

    createRunStore(sharedDatabase(), run.id).deleteRun();

    expect(Object.entries(storeRowsOf(run.id)).filter(([, count]) => count > 0)).toEqual([]);
    expect(storeRowsOf(bankRun)).toEqual(others);
  });
});
