// One consumer group of a run on Kafka, behind the TransportSubscription contract.
// Fetched records wait in a buffer per partition (the fetch position moves on, so
// other partitions keep flowing; a full buffer pauses its partition). heads() shows
// the oldest buffered record of each partition. commit() drops the record and, once
// the SQLite transaction that recorded its outcome has committed, queues its offset;
// queued offsets are committed every `commitIntervalMs`. A crash before that
// commit redelivers the record and the runner's idempotency absorbs it. A rebalance
// empties the buffers: the group's new owners start from the committed offsets.

import type { Consumer, EachBatchPayload, Kafka } from "kafkajs";
import type { RunStore } from "../../store";
import type { Delivery, TransportSubscription } from "../transport";
import type { KafkaNames } from "./naming";
import type { TopicAdmin } from "./topicAdmin";
import { toDelivery } from "./wire";

/** A partition with this many records waiting is paused until half of them are handled. */
const MAX_BUFFERED = 500;

export interface GroupConsumerOptions {
  kafka: Kafka;
  names: KafkaNames;
  topics: TopicAdmin;
  store: RunStore;
  group: string;
  runtimeTopics: readonly string[];
  commitIntervalMs: number;
  log: (message: string) => void;
}

interface Partition {
  topic: string;
  partition: number;
  items: Delivery[];
  paused: boolean;
}

interface Origin {
  key: string;
  topic: string;
  partition: number;
  offset: string;
  epoch: number;
}

const keyOf = (topic: string, partition: number) => `${topic}|${partition}`;

export function createGroupConsumer(options: GroupConsumerOptions): TransportSubscription {
  const { names, store } = options;
  const kafkaTopics = options.runtimeTopics.map((topic) => names.topic(topic));
  const consumer: Consumer = options.kafka.consumer({
    groupId: names.group(options.group),
    sessionTimeout: 10_000,
    rebalanceTimeout: 15_000,
    heartbeatInterval: 1_000,
    maxWaitTimeInMs: 500,
    allowAutoTopicCreation: false,
  });
  const partitions = new Map<string, Partition>();
  const origins = new WeakMap<Delivery, Origin>();
  const toCommit = new Map<string, Origin>();
  let epoch = 0;
  let sequence = 0;
  let failure: Error | undefined;
  let closed = false;
  let flushing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    epoch++;
    const assigned = event.payload.memberAssignment;
    for (const [key, origin] of toCommit) if (!(assigned[origin.topic] ?? []).includes(origin.partition)) toCommit.delete(key);
    for (const state of partitions.values()) if (state.paused) consumer.resume([{ topic: state.topic, partitions: [state.partition] }]);
    partitions.clear();
  });
  consumer.on(consumer.events.CRASH, (event) => {
    if (event.payload.restart) return;
    failure = new Error(`The Kafka consumer of group ${options.group} stopped: ${event.payload.error.message}`);
  });

  async function eachBatch({ batch, resolveOffset, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const key = keyOf(batch.topic, batch.partition);
    let state = partitions.get(key);
    if (!state) {
      state = { topic: batch.topic, partition: batch.partition, items: [], paused: false };
      partitions.set(key, state);
    }
    const runtimeTopic = names.runtimeTopic(batch.topic);
    for (const message of batch.messages) {
      const delivery = toDelivery(runtimeTopic, message, ++sequence);
      origins.set(delivery, { key, topic: batch.topic, partition: batch.partition, offset: message.offset, epoch });
      state.items.push(delivery);
      resolveOffset(message.offset);
    }
    if (state.items.length >= MAX_BUFFERED && !state.paused) {
      state.paused = true;
      consumer.pause([{ topic: state.topic, partitions: [state.partition] }]);
    }
  }

  const started = (async () => {
    await options.topics.ensure(kafkaTopics);
    await consumer.connect();
    await consumer.subscribe({ topics: kafkaTopics, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch });
  })().catch((error: unknown) => {
    failure = error instanceof Error ? error : new Error(String(error));
  });

  function flush(): Promise<void> {
    flushing = flushing.then(async () => {
      const due = [...toCommit.values()].filter((origin) => origin.epoch === epoch);
      toCommit.clear();
      if (due.length === 0) return;
      try {
        await consumer.commitOffsets(due.map((origin) => ({ topic: origin.topic, partition: origin.partition, offset: origin.offset })));
      } catch (error) {
        // Kept for the next flush unless a rebalance made them someone else's; a lost commit only means a redelivery.
        for (const origin of due) if (origin.epoch === epoch && !toCommit.has(origin.key)) toCommit.set(origin.key, origin);
        options.log(`offset commit of group ${options.group} failed, will retry: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return flushing;
  }

  function queue(origin: Origin): void {
    const current = toCommit.get(origin.key);
    if (!current || BigInt(current.offset) < BigInt(origin.offset)) toCommit.set(origin.key, origin);
    if (options.commitIntervalMs === 0) void flush();
    else timer ??= setTimeout(() => {
      timer = undefined;
      void flush();
    }, options.commitIntervalMs);
  }

  return {
    async heads() {
      if (failure) throw failure;
      const heads: Delivery[] = [];
      for (const state of partitions.values()) if (state.items[0]) heads.push(state.items[0]);
      return heads;
    },
    async commit(delivery) {
      const origin = origins.get(delivery);
      if (!origin || origin.epoch !== epoch) return;
      const state = partitions.get(origin.key);
      if (state) {
        const index = state.items.indexOf(delivery);
        if (index >= 0) state.items.splice(index, 1);
        if (state.paused && state.items.length <= MAX_BUFFERED / 2) {
          state.paused = false;
          consumer.resume([{ topic: state.topic, partitions: [state.partition] }]);
        }
      }
      const next = { ...origin, offset: (BigInt(origin.offset) + 1n).toString() };
      store.afterCommit(() => queue(next));
    },
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await started;
      await flush();
      await consumer.disconnect();
    },
  };
}
