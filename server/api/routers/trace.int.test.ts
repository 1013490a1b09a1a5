// The trace feed against a real SQLite file: the subscription yields a run's entries in order, in
// batches of at most 500, resumes after a given seq (or the last event id), wakes on new commits of
// a playing run, and maps every hop of a demo's tour to its canvas nodes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demos } from "../../flow/demos";
import type { TraceBatch } from "../../runs";
import { createCaller } from "../root";
import { createContextInner } from "../trpc";
import { demoFlowId, setupRunsApi, type RunsApi } from "./testing/runsApi";

let t: RunsApi;
beforeAll(async () => {
  t = await setupRunsApi();
});
afterAll(() => t.cleanup());

/** A caller whose subscriptions end when `signal` aborts. */
const callerWith = (signal: AbortSignal) => createCaller(createContextInner({ prisma: t.prisma }), { signal });
const account = (command: string, data: Record<string, string | number>, aggregateId: string) => ({ aggregate: "Account", aggregateId, command, data });

/** Reads batches from the subscription until `enough` says stop; the stream is then aborted. */
async function collect(input: { runId: string; afterSeq?: number; lastEventId?: string }, enough: (entries: number, batches: number) => boolean) {
  const abort = new AbortController();
  const stream = await callerWith(abort.signal).trace.stream(input);
  const batches: TraceBatch[] = [];
  let entries = 0;
  for await (const value of stream as AsyncIterable<unknown>) {
    const batch = (Array.isArray(value) ? value[1] : value) as TraceBatch;
    batches.push(batch);
    entries += batch.entries.length;
    if (enough(entries, batches.length)) break;
  }
  abort.abort();
  return batches;
}

describe("trace stream", () => {
  it("given a run with more than 500 entries, then the stream yields them in order in batches of at most 500, and resumes after a given seq", async () => {
    const { run } = await t.api.runs.start({ flowId: demoFlowId("bank-account"), mode: "fast" });
    const script = [account("OpenAccount", { owner: "Ada" }, "a"), ...Array.from({ length: 150 }, () => account("Deposit", { amount: 1 }, "a"))];
    await t.api.commands.script({ runId: run.id, commands: script });
    const all = (await t.api.trace.page({ runId: run.id })).entries;
    let total = all.length;
    for (let page = all; page.length === 500; ) {
      page = (await t.api.trace.page({ runId: run.id, afterSeq: page.at(-1)!.seq })).entries;
      total += page.length;
    }
    expect(total).toBeGreaterThan(600);

    const batches = await collect({ runId: run.id }, (entries) => entries >= total);
    const seqs = batches.flatMap((batch) => batch.entries.map((e) => e.seq));
    expect(seqs).toHaveLength(total);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(total);
    expect(Math.max(...batches.map((batch) => batch.entries.length))).toBe(500);
    expect(batches.every((batch) => batch.lastSeq === batch.entries.at(-1)!.seq)).toBe(true);

    const middle = seqs[300]!;
    const resumed = await collect({ runId: run.id, afterSeq: middle }, (entries) => entries >= total - 301);
    expect(resumed.flatMap((batch) => batch.entries.map((e) => e.seq))).toEqual(seqs.slice(301));
    const byEventId = await collect({ runId: run.id, lastEventId: String(middle) }, (entries) => entries >= total - 301);
    expect(byEventId[0]!.entries[0]!.seq).toBe(seqs[301]);
  });

  it("given a live run, when the stream is caught up and commands arrive, then their hops follow as they happen, each with its canvas hop", async () => {
    const { run } = await t.api.runs.start({ flowId: demoFlowId("bank-account"), mode: "live", speed: 16, play: true });
    const abort = new AbortController();
    const stream = (await callerWith(abort.signal).trace.stream({ runId: run.id })) as AsyncIterable<unknown>;
    const iterator = stream[Symbol.asyncIterator]();
    const seen: TraceBatch["entries"] = [];
    const reading = (async () => {
      while (!seen.some((e) => e.kind === "projection-updated")) {
        const next = await iterator.next();
        if (next.done) break;
        const batch = (Array.isArray(next.value) ? next.value[1] : next.value) as TraceBatch;
        seen.push(...batch.entries);
      }
    })();
    await t.api.commands.dispatch({ runId: run.id, ...account("OpenAccount", { owner: "Ada" }, "live-1") });
    await reading;
    abort.abort();
    await iterator.return?.();
    await t.api.runs.pause({ runId: run.id });
    expect(seen.map((e) => e.kind)).toEqual(["command-accepted", "append", "outbox-publish", "projection-updated"]);
    expect(seen.map((e) => e.hop?.edge ?? null)).toEqual(["handles:account-open->account", "appends:account->account-opened", null, "projects:account-opened->balances"]);
    expect(seen[2]!.hop).toMatchObject({ from: "account-outbox", to: "account-opened" });
  });

  it.each(demos.map((demo) => [demo.key] as const))("given the %s demo's tour on a run, then every hop names canvas nodes except the runtime's own command topics", async (key) => {
    const { run } = await t.api.runs.start({ flowId: demoFlowId(key), mode: "fast", seed: 7 });
    const tour = (await t.api.tours.get({ runId: run.id }))!;
    for (const step of tour.steps) await t.api.tours.performStep({ runId: run.id, stepId: step.id });
    const entries: TraceBatch["entries"] = [];
    for (let page = await t.api.trace.page({ runId: run.id }); page.entries.length > 0; page = await t.api.trace.page({ runId: run.id, afterSeq: page.lastSeq })) entries.push(...page.entries);
    const runtimeOwn = (name: string | null) => name === null || name === "commands" || name.startsWith("_commands");
    const unmapped = entries.filter((e) => (!runtimeOwn(e.fromNode) && e.hop?.from === null) || (!runtimeOwn(e.toNode) && e.hop?.to === null && e.kind !== "command-duplicate"));
    expect(unmapped.map((e) => `${e.kind} ${e.fromNode} -> ${e.toNode}`)).toEqual([]);
  });
});
