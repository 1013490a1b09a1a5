import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SystemDefinition } from "../core/definitions";
import { seededRandom } from "../core/random";
import { compileFlow } from "../flow/compile";
import { demos } from "../flow/demos";
import { createEngine, type Engine } from "../runtime";
import { createSandbox, type Sandbox } from "../sandbox/sandbox";
import { createRunStore, type RunStore } from "../store";
import { createTempDatabase, type TempDatabase } from "../store/testing/tempDatabase";
import { runTour } from "../tours/runTour";
import { applyDiff } from "./kernel/recordsDiff";
import type { WorldView } from "./kernel/view";
import { freshFold } from "./testing/freshFold";
import { recordsOfView } from "./testing/recordsOfView";
import { openTimeline } from "./timeline";

let database: TempDatabase;
let sandbox: Sandbox;
beforeAll(async () => {
  database = createTempDatabase();
  sandbox = await createSandbox();
});
afterAll(() => {
  sandbox.dispose();
  database.cleanup();
});

interface DemoRun {
  store: RunStore;
  engine: Engine;
  definition: SystemDefinition;
}

const runs = new Map<string, DemoRun>();
async function demoRun(key: string): Promise<DemoRun> {
  const cached = runs.get(key);
  if (cached) return cached;
  const demo = demos.find((d) => d.key === key)!;
  const definition = compileFlow(demo.flow, { snippets: sandbox });
  const store = createRunStore(database.db, `tt-${key}`);
  const engine = createEngine({ definition, store, seed: 7 });
  await runTour(engine, demo.flow, demo.tour);
  const run = { store, engine, definition };
  runs.set(key, run);
  return run;
}

async function freshViews(run: DemoRun, indexes: number[]): Promise<Map<number, WorldView>> {
  const views = new Map<number, WorldView>();
  await freshFold(run.store, run.definition, indexes, (index, view) => views.set(index, view));
  return views;
}

describe("time travel over every demo's tour", () => {
  it.each(demos.map((demo) => [demo.key]))(
    "Given the %s demo's run, When the timeline jumps to every event in random order and then steps back to 0, Then each world equals a fresh fold of the log up to it",
    async (key) => {
      const run = await demoRun(key);
      const timeline = openTimeline(run.store, run.definition, { keyframeInterval: 5, definitionKey: key });
      const all = Array.from({ length: timeline.length + 1 }, (_, i) => i);
      const expected = await freshViews(run, all);
      const random = seededRandom(11);
      const shuffled = [...all].sort(() => random.next() - 0.5);
      for (const index of shuffled) expect((await timeline.stateAt(index)).world, `event ${index}`).toEqual(expected.get(index));
      for (let index = timeline.length; index >= 0; index--) expect((await timeline.stateAt(index)).world, `back to ${index}`).toEqual(expected.get(index));
      expect(timeline.length).toBeGreaterThan(0);
    },
  );

  it.each(demos.map((demo) => [demo.key]))("Given the %s demo's run, When each event's diff is applied to the world before it, Then the world after it comes out", async (key) => {
    const run = await demoRun(key);
    const timeline = openTimeline(run.store, run.definition, { keyframeInterval: 3, definitionKey: `${key}-diffs` });
    const worlds = await freshViews(run, Array.from({ length: timeline.length + 1 }, (_, i) => i));
    for (let index = 1; index <= timeline.length; index++) {
      const { diff, event } = await timeline.diffAt(index);
      const records = recordsOfView(worlds.get(index - 1)!);
      applyDiff(records, diff);
      expect(records).toEqual(recordsOfView(worlds.get(index)!));
      expect(event?.index).toBe(index);
    }
    const whole = await timeline.diffBetween(timeline.length, 0);
    const back = recordsOfView(worlds.get(timeline.length)!);
    applyDiff(back, whole.diff);
    expect(back).toEqual(recordsOfView(worlds.get(0)!));
  });

  it.each(demos.map((demo) => [demo.key]))("Given the %s demo's run at rest, When the timeline shows its last event, Then it agrees with the store's own tables", async (key) => {
    const run = await demoRun(key);
    const timeline = openTimeline(run.store, run.definition, { definitionKey: key });
    const { world } = await timeline.stateAt(timeline.length);
    for (const aggregate of Object.values(world.aggregates)) {
      expect(aggregate.state, aggregate.streamId).toEqual(run.engine.loadAggregate(aggregate.aggregate, aggregate.aggregateId).state);
    }
    for (const projection of run.definition.projections) {
      const stored = Object.fromEntries(run.store.projections.list(projection.name, { limit: 100_000 }).map((row) => [row.key, row.data]));
      expect(world.readModels[projection.name]!.rows, projection.name).toEqual(stored);
    }
    const sagas = run.store.sagas.list().map((saga) => ({ kind: "saga", ...saga.state }));
    expect(Object.values(world.sagas).flatMap((instances) => Object.values(instances))).toEqual(sagas);
    const letters = run.store.deadLetters.list({ status: "all", limit: 1000 });
    expect(world.queues.deadLetters.map((l) => [l.id, l.messageId, l.status])).toEqual(letters.map((l) => [l.id, l.messageId, l.status]));
    expect(world.queues.outbox).toHaveLength(run.store.outbox.pendingCount());
    expect(world.queues.retries).toEqual([]);
  });
});
