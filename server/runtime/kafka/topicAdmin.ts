// Creates the broker topics a run needs, once each, before anything is produced to
// or consumed from them, and reads consumer-group lag. Topics are created without
// waiting for leaders (unreliable on KRaft, see scripts/kafka/README.md), then
// metadata is polled until every partition has one, within a bounded time.

import type { Admin } from "kafkajs";

/** A topic could not be made ready; the message says which and why. */
export class KafkaTopicError extends Error {
  override readonly name = "KafkaTopicError";
}

export interface TopicAdmin {
  /** Resolves once every topic exists and each partition has a leader. */
  ensure(topics: readonly string[]): Promise<void>;
  /** Per topic of `topics`: messages the broker holds beyond what `groupId` has committed. */
  lag(groupId: string, topics: readonly string[]): Promise<Map<string, number>>;
}

export interface TopicAdminOptions {
  admin: () => Promise<Admin>;
  partitions: number;
  replicationFactor: number;
  /** Longest wait for leaders (ms); default 30 s. */
  readyWithinMs?: number;
}

const POLL_MS = 50;
const LAG_ATTEMPTS = 6;

export function createTopicAdmin(options: TopicAdminOptions): TopicAdmin {
  const ready = new Map<string, Promise<void>>();
  const readyWithinMs = options.readyWithinMs ?? 30_000;

  /**
   * Right after topics are created a KRaft broker may answer offset requests "not the leader", and
   * kafkajs 2.2.4's fetchTopicOffsets throws a TypeError while its metadata lists no partition of
   * the topic yet: ask again, a bounded number of times.
   */
  async function retrying<T>(request: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request();
      } catch (error) {
        const transient = (error as { retriable?: unknown }).retriable === true || error instanceof TypeError;
        if (!transient || attempt >= LAG_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS * attempt));
      }
    }
  }

  async function leadersOf(admin: Admin, topics: string[]): Promise<string[]> {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      return metadata.filter((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)).map((t) => t.name);
    } catch (error) {
      // kafkajs marks transient broker answers retriable (its error classes are not importable from ESM).
      if ((error as { retriable?: unknown }).retriable === true) return [];
      throw error;
    }
  }

  async function create(topics: string[]): Promise<void> {
    const admin = await options.admin();
    let refusal: unknown;
    try {
      await admin.createTopics({
        waitForLeaders: false,
        topics: topics.map((topic) => ({ topic, numPartitions: options.partitions, replicationFactor: options.replicationFactor })),
      });
    } catch (error) {
      // Not allowed to create (ACLs) or another client raced us: fine if the topics exist.
      refusal = error;
    }
    const deadline = Date.now() + readyWithinMs;
    for (;;) {
      const led = new Set(await leadersOf(admin, topics));
      const missing = topics.filter((topic) => !led.has(topic));
      if (missing.length === 0) return;
      if (Date.now() > deadline) {
        const why = refusal instanceof Error ? ` Creating them failed: ${refusal.message}.` : "";
        throw new KafkaTopicError(
          `Kafka topic(s) ${missing.join(", ")} are not ready after ${readyWithinMs} ms.${why} Create them with ${options.partitions} partition(s), or let Eventloom's client create topics.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  return {
    async ensure(topics) {
      const fresh = [...new Set(topics)].filter((topic) => !ready.has(topic));
      if (fresh.length > 0) {
        const creating = create(fresh);
        for (const topic of fresh) ready.set(topic, creating);
        creating.catch(() => {
          for (const topic of fresh) if (ready.get(topic) === creating) ready.delete(topic);
        });
      }
      await Promise.all([...new Set(topics)].map((topic) => ready.get(topic)));
    },
    async lag(groupId, topics) {
      const lags = new Map<string, number>();
      if (topics.length === 0) return lags;
      const admin = await options.admin();
      const [committed, ends] = await retrying(() =>
        Promise.all([admin.fetchOffsets({ groupId, topics: [...topics] }), Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic)))]),
      );
      topics.forEach((topic, index) => {
        const done = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
        let lag = 0;
        for (const end of ends[index]!) {
          const at = Number(done.find((p) => p.partition === end.partition)?.offset ?? -1);
          const from = at >= 0 ? at : Number(end.low);
          lag += Math.max(0, Number(end.high) - from);
        }
        lags.set(topic, lag);
      });
      return lags;
    },
  };
}
