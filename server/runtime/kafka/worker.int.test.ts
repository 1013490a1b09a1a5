// Worker processes against the real broker: `npm run worker` runs the fan-out demo's
// billing group beside the process owning the run; two workers share its partitions;
// one is killed with SIGKILL mid-run (it never committed an offset, so everything it
// handled is redelivered) and another starts: no order is lost, none is billed twice,
// the outcome equals the in-process run's, and the owner sees the workers' trace.
// Skips with a reason without a broker; KAFKA_REQUIRED=1 makes that a failure.

import { AssignerProtocol } from "kafkajs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Command } from "../../core/definitions";
import { compileFlow } from "../../flow/compile";
import { fanOut } from "../../flow/demos/fanOut";
import { createRunStore, type TraceEntry } from "../../store";
import { createTempDatabase, type TempDatabase } from "../../store/testing/tempDatabase";
import { createEngine, type Engine } from "../engine";
import { createKafkaTransport, type KafkaTransport } from "./kafkaTransport";
import { sharedWallClock } from "./mode";
import { waitUntilSettled } from "./settle";
import { deleteTopics, kafkaGate, testEnvironment, testKafka, testSettings, uniquePrefix, waitFor } from "./testing/broker";
import { runOutcome, traced } from "./testing/outcome";
import { spawnWorker, storeRunningRun, type WorkerProcess } from "./testing/processes";
import { followTrace, type TraceFollower } from "./traceFollower";

const gate = await kafkaGate("worker.int.test.ts");

const FLOW_ID = "flow-fan-out";
const RUN_ID = "run-1";
const SEED = 5;
const READY = "eventloom worker: group billing";
const order = (n: number): Command => ({ aggregate: "Order", aggregateId: `o-${n}`, type: "PlaceOrder", data: { amount: 10 + n } });

async function placeOrders(engine: Engine, from: number, to: number): Promise<void> {
  for (let n = from; n <= to; n++) {
    await engine.dispatch(order(n), { messageId: `cmd-${n}` });
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("worker processes on Kafka", { timeout: 300_000 }, () => {
  let temp: TempDatabase;
  let prefix: string;
  const engines: Engine[] = [];
  const workers: WorkerProcess[] = [];
  const followers: TraceFollower[] = [];

  beforeEach(() => {
    temp = createTempDatabase();
    prefix = uniquePrefix();
  });

  afterEach(async () => {
    for (const worker of workers.splice(0)) {
      if (worker.child.exitCode === null && worker.child.signalCode === null) {
        worker.child.kill("SIGTERM");
        await worker.exited(20_000).catch(() => worker.child.kill("SIGKILL"));
      }
    }
    for (const follower of followers.splice(0)) follower.close();
    for (const engine of engines.splice(0)) await engine.close();
    temp.cleanup();
    await deleteTopics(prefix).catch(() => {});
  });

  function worker(extra: Record<string, string> = {}, args = ["--flow", FLOW_ID, "--group", "billing", "--run", RUN_ID]): WorkerProcess {
    const started = spawnWorker(args, testEnvironment(prefix, temp.file, extra));
    workers.push(started);
    return started;
  }

  it("Given a stored run, When a worker names a group the flow lacks or a flow that does not exist, Then it exits 1 with one sentence", async () => {
    await storeRunningRun(temp.file, FLOW_ID, fanOut.flow, RUN_ID, SEED);
    const unknownGroup = worker({}, ["--flow", FLOW_ID, "--group", "invoicing"]);
    const unknownFlow = worker({}, ["--flow", "nope", "--group", "billing"]);
    expect(await unknownGroup.exited()).toBe(1);
    expect(unknownGroup.output()).toContain('There is no consumer group named "invoicing"; this system\'s groups are: _commands, service:Billing');
    expect(await unknownFlow.exited()).toBe(1);
    expect(unknownFlow.output()).toMatch(/eventloom worker: There is no flow "nope" in .*test\.db\./);
  });

  it("Given billing in workers, When one is SIGKILLed mid-run and another starts, Then no order is lost, none is billed twice, and the outcome equals in-process", async (context) => {
    gate(context);
    await storeRunningRun(temp.file, FLOW_ID, fanOut.flow, RUN_ID, SEED);
    const definition = compileFlow(fanOut.flow);
    const inProcess = createEngine({ definition, store: createRunStore(temp.db, "in-process"), seed: SEED });
    engines.push(inProcess);
    for (let n = 1; n <= 40; n++) await inProcess.dispatch(order(n), { messageId: `cmd-${n}` });
    await inProcess.runUntilIdle();

    const store = createRunStore(temp.db, RUN_ID);
    const clock = sharedWallClock();
    const transport: KafkaTransport = createKafkaTransport({ settings: testSettings(prefix, { EVENTLOOM_WORKER_GROUPS: "billing" }), store, log: () => {} });
    const owner = createEngine({ definition, store, seed: SEED, clock, transport });
    engines.push(owner);
    owner.start();
    const seen: TraceEntry[] = [];
    const follower = followTrace(store.trace, 0, (entries) => seen.push(...entries), 50);
    followers.push(follower);

    // The first worker never commits an offset before it is killed: all it handled comes back.
    const first = worker({ KAFKA_COMMIT_INTERVAL_MS: "600000" });
    await first.printed(READY);
    await placeOrders(owner, 1, 10);
    await waitFor("the first worker to bill 10 orders", () => (traced(owner, "handler-success", "billing") >= 10 ? true : undefined));

    const second = worker();
    await second.printed(READY);
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const shares = await waitFor("both workers to own billing partitions", async () => {
        const [group] = (await admin.describeGroups([transport.names.group("billing")])).groups;
        const owned = (group?.members ?? []).map((m) => Object.values(AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {}).flat().length);
        return owned.length === 2 && owned.every((count) => count > 0) ? owned : undefined;
      });
      expect(shares.reduce((a, b) => a + b, 0)).toBe(6);
    } finally {
      await admin.disconnect();
    }
    await placeOrders(owner, 11, 20);
    await waitFor("20 billed orders", () => (traced(owner, "handler-success", "billing") >= 20 ? true : undefined));

    first.child.kill("SIGKILL");
    expect(await first.exited()).toBeNull();
    await placeOrders(owner, 21, 40);
    const third = worker();
    await third.printed(READY);
    await waitUntilSettled(owner, transport, { timeoutMs: 60_000 });
    follower.close();

    expect(runOutcome(owner)).toEqual(runOutcome(inProcess));
    expect(runOutcome(owner).eventsByType["billing.invoice.created.v1"]).toBe(40);
    expect(traced(owner, "handler-success", "billing")).toBe(40);
    expect(traced(owner, "duplicate-absorbed", "billing")).toBeGreaterThanOrEqual(10);
    expect(seen.filter((e) => e.kind === "handler-success" && e.fromNode === "billing")).toHaveLength(40);

    third.child.kill("SIGTERM");
    expect(await third.exited()).toBe(0);
    expect(third.output()).toContain("eventloom worker: stopped; handled offsets committed");
  });
});
