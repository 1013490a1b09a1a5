import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileFlow } from "../flow/compile";
import { demos } from "../flow/demos";
import { createEngine } from "../runtime";
import { createSandbox, type Sandbox } from "../sandbox/sandbox";
import { createRunStore } from "../store";
import { createTempDatabase, type TempDatabase } from "../store/testing/tempDatabase";
import { runTour } from "./runTour";

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

describe("every demo's tour, headless in fast mode", () => {
  it.each(demos.map((demo) => [demo.key, demo] as const))("Given the %s demo, When its tour runs, Then every expectation holds", async (key, demo) => {
    const engine = createEngine({ definition: compileFlow(demo.flow, { snippets: sandbox }), store: createRunStore(database.db, `tour-${key}`), seed: 7 });
    try {
      const steps = await runTour(engine, demo.flow, demo.tour);
      const failed = steps.flatMap((step) => step.results.filter((result) => !result.ok).map((result) => ({ step: step.id, ...result })));
      expect(failed).toEqual([]);
      expect(steps).toHaveLength(demo.tour.steps.length);
    } finally {
      await engine.close();
    }
  });
});
