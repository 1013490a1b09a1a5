// Kafka transport against the real broker (`npm run kafka:start`): topics named as in
// the flow and keyed by aggregate, id headers on every record, retries through
// `_retry.<topic>` honouring the backoff, dead letters on `_dlq.<topic>` with their
// provenance, and the same outcome as the in-process bus for the same commands.
// Skips with a reason without a broker; KAFKA_REQUIRED=1 makes that a failure.

import { randomUUID } from "node:crypto";
import type { Consumer } from "kafkajs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HEADER } from "../../core/messageHeaders";
import { deposit, open, DEPOSITED } from "../../core/testing/bank";
import { auditorConsumer, idempotentMailer, mailerService } from "../../core/testing/consumers";
import { createRunStore } from "../../store";
import { createTempDatabase, type TempDatabase } from "../../store/testing/tempDatabase";
import { createEngine, type Engine } from "../engine";
import { bankSystem } from "../testing/systems";
import { createKafkaTransport, type KafkaTransport } from "./kafkaTransport";
import { sharedWallClock } from "./mode";
import { waitUntilSettled } from "./settle";
import { deleteTopics, kafkaGate, testKafka, testSettings, uniquePrefix, waitFor } from "./testing/broker";
import { runOutcome, traced } from "./testing/outcome";
import { ATTEMPTS_HEADER, headersOf, LAST_ERROR_HEADER, MESSAGE_ID_HEADER } from "./wire";

const gate = await kafkaGate("kafkaTransport.int.test.ts");

const system = () => bankSystem({ consumers: [auditorConsumer, idempotentMailer], services: [mailerService] });
/** Opens four accounts; 7 fails twice then passes, 13 is a poison message, 99 always fails. */
const script = [open("a1"), open("a2"), open("a3"), open("a4"), deposit("a1", 10), deposit("a2", 7), deposit("a3", 13), deposit("a4", 99), deposit("a1", 5)];

async function dispatchScript(engine: Engine): Promise<void> {
  for (const [i, command] of script.entries()) await engine.dispatch(command, { messageId: `cmd-${i}` });
}

interface Received {
  topic: string;
  partition: number;
  key: string;
  headers: Record<string, string>;
}

describe("Kafka transport against the broker", () => {
  let temp: TempDatabase;
  let prefix: string;
  const engines: Engine[] = [];
  const consumers: Consumer[] = [];

  beforeEach((context) => {
    gate(context);
    temp = createTempDatabase();
    prefix = uniquePrefix();
  });

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.close();
    for (const consumer of consumers.splice(0)) await consumer.disconnect();
    temp?.cleanup();
    if (prefix) await deleteTopics(prefix).catch(() => {});
  });

  async function kafkaRun(runId: string): Promise<{ engine: Engine; transport: KafkaTransport }> {
    const store = createRunStore(temp.db, runId);
    const clock = sharedWallClock();
    const transport = createKafkaTransport({ settings: testSettings(prefix), store, log: () => {} });
    const engine = createEngine({ definition: system(), store, seed: 3, clock, transport });
    engines.push(engine);
    engine.start();
    return { engine, transport };
  }

  async function read(topics: string[], count: number): Promise<Received[]> {
    const consumer = testKafka().consumer({ groupId: `reader-${randomUUID()}`, maxWaitTimeInMs: 200 });
    consumers.push(consumer);
    const got: Received[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => void got.push({ topic, partition, key: String(message.key), headers: headersOf(message.headers) }),
    });
    return waitFor(`${count} records on ${topics.join(", ")}`, () => (got.length >= count ? got : undefined));
  }

  it("Given a bank run on Kafka, When commands run, Then the outcome equals the in-process run's and records carry keys, ids, retries and dead-letter provenance", async () => {
    const inProcess = createEngine({ definition: system(), store: createRunStore(temp.db, "in-process"), seed: 3 });
    engines.push(inProcess);
    await dispatchScript(inProcess);
    await inProcess.runUntilIdle();

    const { engine, transport } = await kafkaRun("on-kafka");
    await dispatchScript(engine);
    await waitUntilSettled(engine, transport, { timeoutMs: 45_000 });

    expect(runOutcome(engine)).toEqual(runOutcome(inProcess));
    expect(engine.store.deadLetters.list({ status: "dead" }).map((l) => [l.messageId, l.attempts])).toHaveLength(2);

    const topic = (name: string) => transport.names.topic(name);
    expect(topic(DEPOSITED)).toBe(`${prefix.replace("{run}", "on-kafka")}${DEPOSITED}`);
    const deposits = await read([topic(DEPOSITED)], 5);
    for (const record of deposits) {
      expect(record.headers[MESSAGE_ID_HEADER]).toMatch(/./);
      expect(record.headers[HEADER.correlationId]).toMatch(/^cmd-\d$/);
      expect(record.headers[HEADER.causationId]).toBe(record.headers[HEADER.correlationId]);
    }
    const a1 = deposits.filter((r) => r.key === "a1");
    expect(new Set(a1.map((r) => r.partition)).size).toBe(1);
    expect(a1.map((r) => r.headers[HEADER.correlationId])).toEqual(["cmd-4", "cmd-8"]);

    const retries = await read([topic(`_retry.${DEPOSITED}`)], 4);
    expect(retries.map((r) => [r.key, r.headers[HEADER.retryCount], r.headers[HEADER.targetGroup]]).sort()).toEqual([
      ["a2", "1", "auditor"],
      ["a2", "2", "auditor"],
      ["a4", "1", "auditor"],
      ["a4", "2", "auditor"],
    ]);
    const letters = await read([topic(`_dlq.${DEPOSITED}`)], 2);
    expect(letters.map((r) => [r.key, r.headers[HEADER.originalTopic], r.headers[HEADER.targetGroup], r.headers[ATTEMPTS_HEADER], r.headers[LAST_ERROR_HEADER]]).sort()).toEqual([
      ["a3", DEPOSITED, "auditor", "1", "PoisonMessage: Deposits of 13 cannot be audited."],
      ["a4", DEPOSITED, "auditor", "3", "Error: Always fails."],
    ]);

    // The backoff is honoured: each retry is delivered no earlier than its record's due time.
    const deliveries = engine.store.trace.read(0, 100_000).filter((e) => e.kind === "delivery" && e.toNode === "auditor");
    for (const retry of retries) {
      const attempt = Number(retry.headers[HEADER.retryCount]) + 1;
      const delivered = deliveries.find((e) => e.messageId === retry.headers[MESSAGE_ID_HEADER] && e.summary.endsWith(`(attempt ${attempt})`));
      expect(delivered?.at).toBeGreaterThanOrEqual(Number(retry.headers[HEADER.dueAt]));
    }
    expect(traced(engine, "handler-success", "auditor")).toBe(traced(inProcess, "handler-success", "auditor"));
  });
});
