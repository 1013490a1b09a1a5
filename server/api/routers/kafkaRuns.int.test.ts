// The studio's runs in Kafka mode, through the same tRPC routers the studio calls, against the
// real broker: a live fan-out run whose billing group is left to a `npm run worker` process.
// The relay publishes to the broker, shipping and analytics are consumed in the studio's process,
// the metrics read billing's lag from the broker (waiting until the worker starts, then none),
// the trace subscription streams every hop, the worker's included, the read model fills in, and
// finishing the run leaves the broker's groups. Skips with a reason without a broker;
// KAFKA_REQUIRED=1 makes that a failure.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TraceBatch, TraceEntryView } from "../../runs";
import { deleteTopics, kafkaGate, testEnvironment, testKafka, testSettings, uniquePrefix, waitFor } from "../../runtime/kafka/testing/broker";
import { spawnWorker, type WorkerProcess } from "../../runtime/kafka/testing/processes";
import { createCaller } from "../root";
import { createContextInner } from "../trpc";
import { demoFlowId, setupRunsApi, type RunsApi } from "./testing/runsApi";

const gate = await kafkaGate("kafkaRuns.int.test.ts");
const WITHIN_MS = 40_000;

describe("the studio's runs in Kafka mode", { timeout: 60_000 }, () => {
  let t: RunsApi | undefined;
  let prefix: string;
  let worker: WorkerProcess | undefined;
  const aborts: AbortController[] = [];

  beforeEach((context) => {
    gate(context);
    prefix = uniquePrefix();
  });
  afterEach(async () => {
    for (const abort of aborts.splice(0)) abort.abort();
    worker?.child.kill("SIGKILL");
    await t?.cleanup();
    await deleteTopics(prefix).catch(() => {});
  });

  /** Follows the run's trace subscription in the background, as the canvas does. */
  async function follow(api: RunsApi, runId: string): Promise<TraceEntryView[]> {
    const abort = new AbortController();
    aborts.push(abort);
    const stream = await createCaller(createContextInner({ prisma: api.prisma }), { signal: abort.signal }).trace.stream({ runId });
    const seen: TraceEntryView[] = [];
    void (async () => {
      for await (const value of stream as AsyncIterable<unknown>) seen.push(...((Array.isArray(value) ? value[1] : value) as TraceBatch).entries);
    })().catch(() => {});
    return seen;
  }

  it("Given billing left to a worker, When an order is placed, Then the broker carries it, the trace streams every hop including the worker's, the metrics read the broker's lag, and the read model fills in", async () => {
    t = await setupRunsApi({ kafka: testSettings(prefix, { EVENTLOOM_WORKER_GROUPS: "billing" }) });
    const { api } = t;
    const { run, state } = await api.runs.start({ flowId: demoFlowId("fan-out"), mode: "live", play: true });
    expect(state).toMatchObject({ transport: "kafka", playing: true, speed: 1 });
    await expect(api.runs.setSpeed({ runId: run.id, speed: 4 })).rejects.toThrow("A run on Kafka keeps wall time (×1), which its worker processes share; its speed cannot be ×4.");
    const seen = await follow(t, run.id);

    const placed = await api.commands.dispatch({ runId: run.id, aggregate: "Order", aggregateId: "o-1", command: "PlaceOrder", data: { amount: 80 } });
    expect(placed.outcome.status).toBe("accepted");
    const billingLag = async () => (await api.metrics.snapshot({ runId: run.id })).groups.find((group) => group.group === "billing")!;
    const waiting = await waitFor("billing's lag on the broker", async () => ((await billingLag()).lag > 0 ? billingLag() : undefined), WITHIN_MS);
    // Its _retry topic may show a record too: analytics' retry, which billing skips once it reads it.
    expect(waiting.topics).toContainEqual({ topic: "orders.order.placed.v1", lag: 1 });
    const handledHere = (group: string) => seen.some((entry) => entry.kind === "handler-success" && entry.fromNode === group);
    await waitFor("shipping and analytics to handle the order in the studio", () => (handledHere("shipping") && handledHere("analytics") ? true : undefined), WITHIN_MS);
    expect(handledHere("billing")).toBe(false);

    worker = spawnWorker(["--flow", demoFlowId("fan-out"), "--group", "billing"], testEnvironment(prefix, t.file));
    await worker.printed(`eventloom worker: group billing of run ${run.id}`, WITHIN_MS);
    const row = await waitFor(
      "the order's read-model row to fill in",
      async () => {
        const { rows } = await api.runs.rows({ runId: run.id, projection: "order_fanout" });
        const found = rows.find((r) => r.key === "o-1");
        return found && found.data.invoiced === true && found.data.prepared === true && found.data.tracked === true ? found : undefined;
      },
      WITHIN_MS,
    );
    expect(row.data).toMatchObject({ invoiced: true, prepared: true, tracked: true });
    await waitFor("the worker's hop in the trace stream", () => (handledHere("billing") ? true : undefined), WITHIN_MS);
    expect(seen.filter((entry) => entry.kind === "handler-success" && entry.fromNode === "billing")).toHaveLength(1);
    const seqs = seen.map((entry) => entry.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(seqs).toEqual((await api.trace.page({ runId: run.id })).entries.map((entry) => entry.seq).slice(0, seqs.length));
    await waitFor("no lag left on the broker", async () => ((await api.metrics.snapshot({ runId: run.id })).groups.every((group) => group.lag === 0) ? true : undefined), WITHIN_MS);

    await api.runs.finish({ runId: run.id });
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const groupId = `${prefix.replace("{run}", run.id)}shipping`;
      const [shipping] = (await admin.describeGroups([groupId])).groups;
      expect(shipping).toMatchObject({ groupId, state: "Empty", members: [] });
    } finally {
      await admin.disconnect();
    }
  });
});
