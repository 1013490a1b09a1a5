// The live model and token planner folded over the real trace of teaching-demo tours (a real
// SQLite file, the runs API through createCaller): what each node would show at the end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoFlowId, setupRunsApi, type RunsApi } from "@/server/api/routers/testing/runsApi";
import { demos } from "@/server/flow/demos";
import { flowToGraph } from "@/server/flow/graph";
import { createLiveModel, type HopEntry, type NodeLive } from "./liveModel";
import { createTokenPlanner, mergeTokens, type TokenSpec } from "./tokenPlan";
import { topologyOf } from "./topology";

let t: RunsApi;
beforeAll(async () => {
  t = await setupRunsApi();
});
afterAll(() => t.cleanup());

/** Runs every step of a demo's tour on a live run, then folds its whole trace. */
async function tourRun(key: string) {
  const { run } = await t.api.runs.start({ flowId: demoFlowId(key), mode: "live" });
  const tour = await t.api.tours.get({ runId: run.id });
  for (const step of tour!.steps) expect((await t.api.tours.performStep({ runId: run.id, stepId: step.id })).ok).toBe(true);
  const entries: HopEntry[] = [];
  for (let after = 0; ; ) {
    const page = await t.api.trace.page({ runId: run.id, afterSeq: after });
    entries.push(...page.entries);
    if (page.entries.length < 500) break;
    after = page.lastSeq;
  }
  const topology = topologyOf(flowToGraph(demos.find((demo) => demo.key === key)!.flow));
  const model = createLiveModel(topology);
  const planner = createTokenPlanner(topology);
  const tokens: TokenSpec[] = [];
  for (const entry of entries) {
    model.apply(entry);
    const token = planner.plan(entry);
    if (token) tokens.push(token);
  }
  const nodes: Record<string, NodeLive> = Object.fromEntries(model.takeChanges());
  return { nodes, tokens, entries };
}

describe("live model on demo tours", () => {
  it("given the orchestrated saga tour, then each instance ends in its status, the refund travelled backwards as a compensation, and the outbox is empty", async () => {
    const { nodes, tokens } = await tourRun("order-saga-orchestrated");
    const lines = Object.fromEntries(nodes.fulfilment!.sagas!.lines.map((line) => [line.instanceId, line.status]));
    expect(lines).toEqual({ "o-100": "completed", "o-101": "compensated", "o-102": "compensated", "o-103": "needs-attention" });
    expect(nodes.fulfilment!.sagas!.byStatus).toMatchObject({ completed: 1, compensated: 2, "needs-attention": 1 });
    expect(nodes["step-charge"]!.compensations).toBe(2);
    expect(tokens.some((token) => token.tone === "compensation" && token.edge === "compensates:step-charge->payment")).toBe(true);
    expect(nodes["order-outbox"]!.pending!.count).toBe(0);
  });

  it("given the outbox, retries and dead-letter tour, then the queue holds two letters and retries went back along the subscription", async () => {
    const { nodes, tokens } = await tourRun("outbox-retries-dlq");
    expect(nodes["dlq:warehouse-consumer"]!.deadLetters).toBe(2);
    expect(nodes["warehouse-consumer"]!.failures).toBeGreaterThanOrEqual(5);
    expect(tokens.filter((token) => token.tone === "dead")).toHaveLength(4);
    expect(tokens.some((token) => token.tone === "retry" && token.reverse)).toBe(true);
  });

  it("given the idempotency tour, then the idempotent group absorbed one duplicate whose token stops on its subscription edge", async () => {
    const { nodes, tokens } = await tourRun("idempotent-consumers");
    expect(nodes["receipts-idempotent"]!.absorbed).toBe(1);
    expect(nodes["receipts-plain"]!.absorbed).toBeUndefined();
    const stopped = tokens.filter((token) => token.stops);
    expect(stopped).toEqual([expect.objectContaining({ tone: "duplicate", to: "receipts-idempotent", edge: "subscribes:topic:orders.order.paid.v1->receipts-idempotent" })]);
  });

  it("given a burst of hops along the same edges, then merging leaves one token per path and tone with the count", async () => {
    const { tokens } = await tourRun("fan-out");
    const merged = mergeTokens(tokens);
    expect(merged.length).toBeLessThan(tokens.length);
    expect(merged.reduce((sum, token) => sum + token.count, 0)).toBe(tokens.length);
  });
});
