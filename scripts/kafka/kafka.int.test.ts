// Proves kafkajs 2.2.4 against the broker of scripts/kafka (`npm run kafka:start`): admin topic
// creation, keyed produce with headers, group consume, partition sharing on rebalance.
// Skips with a reason when no broker answers at 127.0.0.1:$KAFKA_PORT; fails instead if KAFKA_REQUIRED=1.
import { randomUUID } from "node:crypto";
import net from "node:net";
import { Kafka, KafkaJSError, logLevel, Partitioners, type Admin, type Consumer, type KafkaMessage, type LogEntry, type Producer } from "kafkajs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const PORT = Number(process.env.KAFKA_PORT ?? 9092);
const BROKER = `127.0.0.1:${PORT}`;
const REQUIRED = process.env.KAFKA_REQUIRED === "1";
const WAIT_MS = 30_000;

function answers(port: number, withinMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port, timeout: withinMs });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
}

const reachable = await answers(PORT, 2_000);
const NO_BROKER = `no Kafka broker answers at ${BROKER}: start one with \`npm run kafka:start\``;
if (!reachable && !REQUIRED) console.warn(`kafka.int.test.ts skipped: ${NO_BROKER}`);

/** kafkajs logs retried, harmless errors (e.g. heartbeats during a rebalance); kept for failure messages. */
const clientLog: string[] = [];
const logCreator = () => (entry: LogEntry) =>
  void clientLog.push(`${entry.log.message}${"error" in entry.log ? `: ${String(entry.log.error)}` : ""}`);

/** Polls `probe` every 50 ms until it returns a value; throws after `WAIT_MS` naming what it awaited. */
async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const said = clientLog.slice(-10).join("\n  ");
      throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; kafkajs last said:\n  ${said}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const byNumber = (a: number, b: number) => a - b;

type Received = { partition: number; offset: bigint; key: string; seq: number; headers: Record<string, string> };

function received(partition: number, message: KafkaMessage): Received {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
  const body = JSON.parse(String(message.value)) as { seq: number };
  return { partition, offset: BigInt(message.offset), key: String(message.key), seq: body.seq, headers };
}

describe(`kafkajs against the broker at ${BROKER}`, () => {
  const kafka = new Kafka({
    clientId: "eventloom-kafka-int-test",
    brokers: [BROKER],
    logLevel: logLevel.WARN,
    logCreator,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { retries: 3 },
  });
  const open: Array<Admin | Producer | Consumer> = [];
  const topics: string[] = [];

  function consumer(groupId: string): Consumer {
    const c = kafka.consumer({ groupId, heartbeatInterval: 500, sessionTimeout: 10_000, maxWaitTimeInMs: 500 });
    open.push(c);
    return c;
  }

  async function createTopic(): Promise<string> {
    const topic = `eventloom-int-${randomUUID()}`;
    const admin = kafka.admin();
    open.push(admin);
    await admin.connect();
    // kafkajs' `waitForLeaders` retries only LEADER_NOT_AVAILABLE, but a KRaft broker may still answer
    // UNKNOWN_TOPIC_OR_PARTITION right after the create (its metadata image lags the controller).
    const created = await admin.createTopics({
      waitForLeaders: false,
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
    });
    expect(created).toBe(true);
    topics.push(topic);
    const led = await waitFor(`leaders for the partitions of ${topic}`, async () => {
      try {
        const { topics: [meta] } = await admin.fetchTopicMetadata({ topics: [topic] });
        const partitions = meta?.partitions ?? [];
        return partitions.length === 3 && partitions.every((p) => p.leader >= 0) ? partitions : undefined;
      } catch (error) {
        if (error instanceof KafkaJSError && error.retriable) return undefined;
        throw error;
      }
    });
    expect(led.map((p) => p.partitionId).sort(byNumber)).toEqual([0, 1, 2]);
    return topic;
  }

  async function producer(): Promise<Producer> {
    const p = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
    open.push(p);
    await p.connect();
    return p;
  }

  beforeEach(({ skip }) => {
    if (reachable) return;
    if (REQUIRED) throw new Error(`KAFKA_REQUIRED=1 but ${NO_BROKER}`);
    skip(`${NO_BROKER} (set KAFKA_REQUIRED=1 to fail instead of skipping)`);
  });

  afterEach(async () => {
    if (!reachable) return;
    await Promise.all(open.splice(0).map((client) => client.disconnect()));
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: topics.splice(0), timeout: 10_000 });
    await admin.disconnect();
  });

  it("Given a 3-partition topic, When keyed messages with headers are produced and consumed by a group, Then each key keeps one partition, its order and its headers", async () => {
    const topic = await createTopic();
    const keys = ["order-1", "order-2", "order-3", "order-4", "order-5", "order-6"];
    const producing = await producer();
    for (let seq = 0; seq < 5; seq++) {
      await producing.send({
        topic,
        acks: -1,
        messages: keys.map((key) => ({
          key,
          value: JSON.stringify({ key, seq }),
          headers: { "event-type": "OrderPlaced", "correlation-id": `${key}/${seq}` },
        })),
      });
    }

    const got: Received[] = [];
    const consuming = consumer(`eventloom-int-${randomUUID()}`);
    await consuming.connect();
    await consuming.subscribe({ topic, fromBeginning: true });
    await consuming.run({ eachMessage: async ({ partition, message }) => void got.push(received(partition, message)) });
    await waitFor("30 messages", () => (got.length >= 30 ? got : undefined));

    expect(got).toHaveLength(30);
    for (const key of keys) {
      const ofKey = got.filter((m) => m.key === key);
      expect(new Set(ofKey.map((m) => m.partition)).size).toBe(1);
      expect(ofKey.map((m) => m.seq)).toEqual([0, 1, 2, 3, 4]);
      for (const m of ofKey) {
        expect(m.headers).toEqual({ "event-type": "OrderPlaced", "correlation-id": `${key}/${m.seq}` });
      }
    }
    for (const partition of [0, 1, 2]) {
      const offsets = got.filter((m) => m.partition === partition).map((m) => m.offset);
      expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(new Set(offsets).size).toBe(offsets.length);
    }
    expect(new Set(got.map((m) => m.partition)).size).toBeGreaterThan(1);
  });

  it("Given one consumer owning all 3 partitions, When a second joins the same group, Then the partitions are split between them and each reads only its own", async () => {
    const topic = await createTopic();
    const groupId = `eventloom-int-${randomUUID()}`;
    const owned = new Map<string, number[]>();
    const got = new Map<string, Received[]>();

    async function join(name: string): Promise<void> {
      const c = consumer(groupId);
      got.set(name, []);
      c.on(c.events.GROUP_JOIN, (event) => owned.set(name, [...(event.payload.memberAssignment[topic] ?? [])].sort(byNumber)));
      await c.connect();
      await c.subscribe({ topic, fromBeginning: true });
      await c.run({ eachMessage: async ({ partition, message }) => void got.get(name)?.push(received(partition, message)) });
    }

    await join("first");
    await waitFor("the first consumer to own all partitions", () =>
      owned.get("first")?.length === 3 ? true : undefined,
    );

    await join("second");
    const [first, second] = await waitFor("a rebalance that splits the partitions", () => {
      const a = owned.get("first") ?? [];
      const b = owned.get("second") ?? [];
      return a.length > 0 && b.length > 0 && a.length + b.length === 3 ? [a, b] : undefined;
    });
    expect([...first, ...second].sort(byNumber)).toEqual([0, 1, 2]);

    const producing = await producer();
    await producing.send({
      topic,
      acks: -1,
      messages: [0, 1, 2].map((partition) => ({ partition, key: `p${partition}`, value: JSON.stringify({ seq: partition }) })),
    });
    await waitFor("one message per partition", () =>
      (got.get("first")?.length ?? 0) + (got.get("second")?.length ?? 0) >= 3 ? true : undefined,
    );

    expect(got.get("first")?.map((m) => m.partition).sort(byNumber)).toEqual(first);
    expect(got.get("second")?.map((m) => m.partition).sort(byNumber)).toEqual(second);
  });
});
