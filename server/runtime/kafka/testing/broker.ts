// Test helpers for Kafka mode: where the test broker is (always on this machine:
// 127.0.0.1:$KAFKA_PORT, default 9092, as `npm run kafka:start` runs it), whether it answers, the skip-or-fail gate
// (KAFKA_REQUIRED=1 fails instead of skipping), settings with a unique topic prefix
// per test, and removal of a test's topics.

import { randomUUID } from "node:crypto";
import net from "node:net";
import { Kafka, logLevel } from "kafkajs";
import { readKafkaSettings, type KafkaSettings } from "../config";

export const BROKER = `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`;
export const KAFKA_REQUIRED = process.env.KAFKA_REQUIRED === "1";
const NO_BROKER = `no Kafka broker answers at ${BROKER}: start one with \`npm run kafka:start\``;

function answers(broker: string, withinMs: number): Promise<boolean> {
  const [host, port] = [broker.slice(0, broker.lastIndexOf(":")), Number(broker.slice(broker.lastIndexOf(":") + 1))];
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: withinMs });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
}

/** Call at module level: says once why the file's tests skip, and returns the gate for beforeEach. */
export async function kafkaGate(file: string): Promise<(context: { skip: (note?: string) => void }) => void> {
  const reachable = await answers(BROKER, 2_000);
  if (!reachable && !KAFKA_REQUIRED) console.warn(`${file} skipped: ${NO_BROKER}`);
  return ({ skip }) => {
    if (reachable) return;
    if (KAFKA_REQUIRED) throw new Error(`KAFKA_REQUIRED=1 but ${NO_BROKER}`);
    skip(`${NO_BROKER} (set KAFKA_REQUIRED=1 to fail instead of skipping)`);
  };
}

/** A topic prefix no other test uses (the run id is added after it). */
export function uniquePrefix(): string {
  return `el-test-${randomUUID().slice(0, 8)}.{run}.`;
}

export function testSettings(prefix: string, extra: Record<string, string> = {}): KafkaSettings {
  return readKafkaSettings({ KAFKA_BROKERS: BROKER, KAFKA_TOPIC_PREFIX: prefix, KAFKA_CLIENT_ID: "eventloom-test", ...extra });
}

/** The environment a worker process of a test needs. */
export function testEnvironment(prefix: string, databaseFile: string, extra: Record<string, string> = {}): Record<string, string> {
  return { KAFKA_BROKERS: BROKER, KAFKA_TOPIC_PREFIX: prefix, KAFKA_CLIENT_ID: "eventloom-test", DATABASE_URL: `file:${databaseFile}`, ...extra };
}

export function testKafka(): Kafka {
  return new Kafka({ clientId: "eventloom-test", brokers: [BROKER], logLevel: logLevel.NOTHING, connectionTimeout: 3_000, requestTimeout: 10_000 });
}

/** Deletes every topic whose name starts with `prefix` (its `{run}` part left out). */
export async function deleteTopics(prefix: string): Promise<void> {
  const stem = prefix.slice(0, prefix.indexOf("{run}"));
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(stem));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
  } finally {
    await admin.disconnect();
  }
}

/** Polls `probe` every 50 ms until it returns a value; throws after `withinMs` naming what it awaited. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, withinMs = 90_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${withinMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
