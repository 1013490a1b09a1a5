// The Kafka Transport: publish() produces keyed records (idempotent producer, acks
// from all in-sync replicas) to the run's topics, creating them first; the relay then
// has what was published written to the run's topic log (in the transaction that marks
// the outbox rows published), so the studio and tours see topics as in-process;
// subscribe() joins the broker consumer group of a runtime group.
// Groups this process does not consume (left to workers) are known but inert here.

import { Kafka, logLevel, Partitioners, type Admin, type LogEntry, type Producer } from "kafkajs";
import { HEADER } from "../../core/messageHeaders";
import type { RunStore } from "../../store";
import type { Transport, TransportSubscription } from "../transport";
import { kafkaClientConfig, type KafkaSettings } from "./config";
import { createGroupConsumer } from "./groupConsumer";
import { kafkaNames, type KafkaNames } from "./naming";
import { createTopicAdmin } from "./topicAdmin";
import { toKafkaMessage } from "./wire";

export interface KafkaTransportOptions {
  settings: KafkaSettings;
  store: RunStore;
  /** Whether this process consumes `group`; default: every group except settings.workerGroups. */
  consumes?: (group: string) => boolean;
  /** Where kafkajs' warnings and errors go; default stderr. Never given secrets. */
  log?: (message: string) => void;
}

export interface KafkaTransport extends Transport {
  readonly names: KafkaNames;
  /** Every group this process knows of (consumed here or by workers), with its runtime topics. */
  groups(): ReadonlyMap<string, readonly string[]>;
  /** Records of the known groups' topics not yet committed by those groups; 0 when all are caught up. */
  lag(): Promise<number>;
  /** Per runtime topic of a known group: records the broker holds that the group has not committed. */
  groupLag(group: string): Promise<{ topic: string; lag: number }[]>;
}

const inert: TransportSubscription = {
  heads: async () => [],
  commit: async () => {},
  close: async () => {},
};

export function createKafkaTransport(options: KafkaTransportOptions): KafkaTransport {
  const { settings, store } = options;
  const log = options.log ?? ((message: string) => console.error(`eventloom kafka: ${message}`));
  const consumes = options.consumes ?? ((group: string) => !settings.workerGroups.includes(group));
  const names = kafkaNames(settings.topicPrefix, store.runId);
  const kafka = new Kafka({
    ...kafkaClientConfig(settings),
    connectionTimeout: 5_000,
    requestTimeout: 15_000,
    retry: { retries: 5 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => log(`${entry.log.message}${"error" in entry.log ? `: ${String(entry.log.error)}` : ""}`),
  });

  let admin: Promise<Admin> | undefined;
  let producer: Promise<Producer> | undefined;
  const connect = <T extends Admin | Producer>(client: T) => client.connect().then(() => client);
  const topics = createTopicAdmin({
    admin: () => (admin ??= connect(kafka.admin())),
    partitions: settings.partitions,
    replicationFactor: settings.replicationFactor,
  });
  const known = new Map<string, readonly string[]>();
  const subscriptions = new Set<TransportSubscription>();

  async function groupLag(group: string): Promise<{ topic: string; lag: number }[]> {
    const runtimeTopics = known.get(group) ?? [];
    const kafkaTopics = runtimeTopics.map((topic) => names.topic(topic));
    await topics.ensure(kafkaTopics);
    const lags = await topics.lag(names.group(group), kafkaTopics);
    return runtimeTopics.map((topic, index) => ({ topic, lag: lags.get(kafkaTopics[index]!) ?? 0 }));
  }

  return {
    names,
    pipelined: true,
    async publish(messages) {
      if (messages.length === 0) return;
      const byTopic = new Map<string, ReturnType<typeof toKafkaMessage>[]>();
      for (const message of messages) {
        const topic = names.topic(message.topic);
        const list = byTopic.get(topic) ?? [];
        list.push(toKafkaMessage(message));
        byTopic.set(topic, list);
      }
      await topics.ensure([...byTopic.keys()]);
      producer ??= connect(kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner }));
      await (await producer).sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })) });
    },
    recordPublished(messages, now) {
      store.topics.publish(
        messages.map((m) => ({ ...m, dueAt: m.headers[HEADER.dueAt] !== undefined ? Number(m.headers[HEADER.dueAt]) : now })),
        now,
      );
    },
    subscribe(group, runtimeTopics) {
      const unique = [...new Set(runtimeTopics)];
      known.set(group, unique);
      if (!consumes(group)) return inert;
      const subscription = createGroupConsumer({ kafka, names, topics, store, group, runtimeTopics: unique, commitIntervalMs: settings.commitIntervalMs, log });
      subscriptions.add(subscription);
      return {
        heads: () => subscription.heads(),
        commit: (delivery) => subscription.commit(delivery),
        async close() {
          subscriptions.delete(subscription);
          await subscription.close();
        },
      };
    },
    groups: () => known,
    async lag() {
      let total = 0;
      for (const group of known.keys()) for (const { lag } of await groupLag(group)) total += lag;
      return total;
    },
    groupLag,
    async close() {
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      subscriptions.clear();
      const clients = await Promise.allSettled([producer, admin].filter((client) => client !== undefined));
      for (const client of clients) if (client.status === "fulfilled") await client.value.disconnect();
    },
  };
}
