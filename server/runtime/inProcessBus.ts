// The in-process Transport: topics are the run's topic_messages log; each group
// keeps one checkpoint per topic (`bus:<group>:<topic>`) in the checkpoints
// table, written synchronously so it joins the caller's transaction. Reads are
// buffered and re-read only after a publish to that topic, so an idle
// subscription costs no query. Only this process publishes to the run.

import type { Clock } from "../core/clock";
import { HEADER } from "../core/messageHeaders";
import type { RunStore, TopicMessage } from "../store";
import type { Delivery, Transport, TransportSubscription } from "./transport";

const READ_BATCH = 256;

/** Checkpoint of a group's committed offset on a topic (what lag is measured against). */
export const busCheckpoint = (group: string, topic: string): string => `bus:${group}:${topic}`;

export function createInProcessBus(store: RunStore, clock: Clock): Transport {
  /** Bumped on every publish to a topic, so idle subscriptions know when to read again. */
  const versions = new Map<string, number>();

  function subscribe(group: string, topics: string[]): TransportSubscription {
    const states = [...new Set(topics)].map((topic) => {
      const checkpoint = busCheckpoint(group, topic);
      const committed = store.checkpoints.get(checkpoint);
      return { topic, checkpoint, readUpTo: committed, seenVersion: -1, buffer: [] as TopicMessage[] };
    });
    return {
      async heads() {
        const heads: Delivery[] = [];
        for (const state of states) {
          const version = versions.get(state.topic) ?? 0;
          if (state.buffer.length === 0 && state.seenVersion !== version) {
            state.seenVersion = version;
            state.buffer = store.topics.read(state.topic, state.readUpTo, READ_BATCH);
            const last = state.buffer[state.buffer.length - 1];
            if (last) state.readUpTo = last.offset;
            if (state.buffer.length === READ_BATCH) state.seenVersion = -1;
          }
          const head = state.buffer[0];
          if (head) heads.push(toDelivery(head));
        }
        return heads;
      },
      async commit(delivery) {
        const state = states.find((s) => s.topic === delivery.topic);
        if (!state) return;
        while (state.buffer.length > 0 && state.buffer[0]!.offset <= delivery.offset) state.buffer.shift();
        store.checkpoints.set(state.checkpoint, delivery.offset, clock.now());
      },
      async close() {
        states.length = 0;
      },
    };
  }

  return {
    async publish(messages) {
      if (messages.length === 0) return;
      const now = clock.now();
      store.topics.publish(
        messages.map((m) => ({
          messageId: m.messageId,
          topic: m.topic,
          key: m.key,
          headers: m.headers,
          payload: m.payload,
          dueAt: m.headers[HEADER.dueAt] !== undefined ? Number(m.headers[HEADER.dueAt]) : now,
        })),
        now,
      );
      for (const m of messages) versions.set(m.topic, (versions.get(m.topic) ?? 0) + 1);
    },
    subscribe,
    async close() {},
  };
}

function toDelivery(message: TopicMessage): Delivery {
  return {
    messageId: message.messageId,
    topic: message.topic,
    key: message.key,
    headers: message.headers,
    payload: message.payload,
    offset: message.offset,
    dueAt: message.dueAt,
  };
}
