// Guided tours on a live run through the API against a real SQLite file: the tour of a demo's
// run with its highlighted canvas nodes, each step performed with its expectation results (the
// headless runner of server/tours), and going back to a step on a new run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoFlowId, setupRunsApi, type RunsApi } from "./testing/runsApi";

let t: RunsApi;
beforeAll(async () => {
  t = await setupRunsApi();
});
afterAll(() => t.cleanup());

describe("tours", () => {
  it("given the orchestrated saga demo playing live, when its steps are performed one by one, then every expectation holds and the run plays on", async () => {
    const { run } = await t.api.runs.start({ flowId: demoFlowId("order-saga-orchestrated"), mode: "live", speed: 4, play: true });
    const tour = await t.api.tours.get({ runId: run.id });
    expect(tour!.steps.length).toBeGreaterThan(1);
    expect(tour!.highlightNodes[tour!.steps[0]!.id]!.length).toBeGreaterThan(0);
    let stepId: string | null = tour!.steps[0]!.id;
    const outcomes = [];
    while (stepId) {
      const outcome = await t.api.tours.performStep({ runId: run.id, stepId });
      outcomes.push(outcome);
      stepId = outcome.next;
    }
    expect(outcomes.map((o) => o.index)).toEqual(tour!.steps.map((_, index) => index));
    expect(outcomes.filter((o) => !o.ok).map((o) => ({ step: o.id, failed: o.results.filter((r) => !r.ok) }))).toEqual([]);
    expect((await t.api.runs.get({ runId: run.id })).state!.playing).toBe(true);
    const history = await t.api.commands.history({ runId: run.id });
    expect(history.total).toBe(tour!.steps.filter((step) => step.action.kind === "command").length);

    const sagas = await t.api.runs.sagas({ runId: run.id, saga: "OrderFulfilment" });
    expect(sagas.instances.map((i) => [i.instanceId, i.status])).toEqual([
      ["o-100", "completed"],
      ["o-101", "compensated"],
      ["o-102", "compensated"],
      ["o-103", "needs-attention"],
    ]);
    const completed = sagas.instances[0]!;
    expect(completed).toMatchObject({ node: "fulfilment", completed: [0, 1, 2] });
    expect(completed.history.filter((h) => h.outcome === "succeeded").map((h) => [h.stepName, h.stepNode])).toEqual([
      ["charge payment", "step-charge"],
      ["reserve stock", "step-reserve"],
      ["schedule shipment", "step-ship"],
    ]);
    expect((await t.api.runs.sagas({ runId: run.id, status: "needs-attention" })).total).toBe(1);
    expect((await t.api.runs.alerts({ runId: run.id })).map((a) => a.severity)).toContain("critical");
    await t.api.runs.pause({ runId: run.id });
  });

  it("given a tour in progress, when it goes back to a step, then a new run replays the steps before it", async () => {
    const { run } = await t.api.runs.start({ flowId: demoFlowId("bank-account"), mode: "fast", seed: 2 });
    const tour = (await t.api.tours.get({ runId: run.id }))!;
    for (const step of tour.steps.slice(0, 4)) await t.api.tours.performStep({ runId: run.id, stepId: step.id });
    const back = await t.api.tours.restartAt({ runId: run.id, stepId: tour.steps[2]!.id });
    expect(back.run.id).not.toBe(run.id);
    expect(back.performed.map((p) => [p.id, p.ok])).toEqual([[tour.steps[0]!.id, true], [tour.steps[1]!.id, true]]);
    expect(back.state!.commands).toBe(2);
    const redo = await t.api.tours.performStep({ runId: back.run.id, stepId: tour.steps[2]!.id });
    expect(redo.ok).toBe(true);
  });

  it("given a flow that is not a demo, then it has no tour, and stepping one is refused", async () => {
    const { id } = await t.api.flows.duplicate({ id: demoFlowId("bank-account") });
    const { run } = await t.api.runs.start({ flowId: id, mode: "fast" });
    expect(await t.api.tours.get({ runId: run.id })).toBeNull();
    await expect(t.api.tours.performStep({ runId: run.id, stepId: "open" })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("no guided tour") });
  });
});
