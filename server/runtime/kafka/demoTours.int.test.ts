// Every teaching demo's guided tour on the real broker: each step's action, then the
// run settles (outbox empty, every group caught up, projections current), then the
// step's expectations — all must hold, and the run must end as the same tour does
// in-process. Skips with a reason without a broker; KAFKA_REQUIRED=1 makes that a failure.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { compileFlow } from "../../flow/compile";
import { demos, type Demo } from "../../flow/demos";
import { createSandbox, type Sandbox } from "../../sandbox/sandbox";
import { createRunStore } from "../../store";
import { createTempDatabase, type TempDatabase } from "../../store/testing/tempDatabase";
import { runTour, type StepResult } from "../../tours/runTour";
import { createEngine, type Engine } from "../engine";
import { createKafkaTransport } from "./kafkaTransport";
import { sharedWallClock } from "./mode";
import { settlingOnKafka } from "./settle";
import { deleteTopics, kafkaGate, testSettings, uniquePrefix } from "./testing/broker";
import { runOutcome } from "./testing/outcome";

const gate = await kafkaGate("demoTours.int.test.ts");
const SEED = 7;

const failures = (steps: StepResult[]) => steps.flatMap((step) => step.results.filter((r) => !r.ok).map((r) => ({ step: step.id, ...r })));

describe("every demo's tour on Kafka", { timeout: 300_000 }, () => {
  let temp: TempDatabase;
  let sandbox: Sandbox;
  let prefix: string;
  const engines: Engine[] = [];

  beforeAll(async () => {
    temp = createTempDatabase();
    sandbox = await createSandbox();
  });
  afterAll(() => {
    sandbox.dispose();
    temp.cleanup();
  });
  beforeEach((context) => {
    gate(context);
    prefix = uniquePrefix();
  });
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.close();
    await deleteTopics(prefix).catch(() => {});
  });

  it.each(demos.map((demo) => [demo.key, demo] as const))("Given the %s demo, When its tour runs on Kafka, Then every expectation holds and it ends as in-process", async (key: string, demo: Demo) => {
    const definition = compileFlow(demo.flow, { snippets: sandbox });
    const inProcess = createEngine({ definition, store: createRunStore(temp.db, `in-process-${key}`), seed: SEED });
    engines.push(inProcess);
    expect(failures(await runTour(inProcess, demo.flow, demo.tour))).toEqual([]);

    const store = createRunStore(temp.db, `kafka-${key}`);
    const clock = sharedWallClock();
    const transport = createKafkaTransport({ settings: testSettings(prefix), store, log: () => {} });
    const engine = createEngine({ definition, store, seed: SEED, clock, transport });
    engines.push(engine);
    engine.start();
    const steps = await runTour(settlingOnKafka(engine, transport, { timeoutMs: 90_000 }), demo.flow, demo.tour);
    expect(failures(steps)).toEqual([]);
    expect(steps).toHaveLength(demo.tour.steps.length);
    expect(runOutcome(engine)).toEqual(runOutcome(inProcess));
  });
});
