// The in-process bus log of one run: an append-only log per topic (offsets grow
// across all topics of the run), as Kafka keeps one per partition.

import type { SqliteDatabase } from "./database";
import type { Transactions } from "./transactions";
import type { Headers, TopicMessage, TopicMessageInput } from "./types";

export interface TopicLog {
  /** Appends the messages in order and returns their offsets. */
  publish(messages: TopicMessageInput[], now: number): number[];
  /** Messages of `topic` with an offset greater than `afterOffset`, in offset order. */
  read(topic: string, afterOffset: number, limit: number): TopicMessage[];
  /** Highest offset of the run's bus; 0 when empty. */
  headOffset(): number;
}

interface Row {
  offset: number;
  topic: string;
  key: string;
  message_id: string;
  headers: string;
  payload: string;
  due_at: number;
  created_at: number;
}

export function createTopicLog(db: SqliteDatabase, tx: Transactions, runId: string): TopicLog {
  const insert = db.prepare<[string, string, string, string, string, string, number, number]>(
    "INSERT INTO topic_messages (run_id, topic, key, message_id, headers, payload, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const select = db.prepare<[string, string, number, number], Row>(
    `SELECT "offset", topic, key, message_id, headers, payload, due_at, created_at FROM topic_messages
     WHERE run_id = ? AND topic = ? AND "offset" > ? ORDER BY "offset" LIMIT ?`,
  );
  const head = db.prepare<[string], number | null>('SELECT MAX("offset") FROM topic_messages WHERE run_id = ?').pluck();

  return {
    publish: (messages, now) =>
      tx.transaction(() =>
        messages.map(
          (m) => Number(insert.run(runId, m.topic, m.key, m.messageId, JSON.stringify(m.headers), m.payload, m.dueAt, now).lastInsertRowid),
        ),
      ),
    read(topic, afterOffset, limit) {
      return select.all(runId, topic, afterOffset, limit).map((row) => ({
        offset: row.offset,
        topic: row.topic,
        key: row.key,
        messageId: row.message_id,
        headers: JSON.parse(row.headers) as Headers,
        payload: row.payload,
        dueAt: row.due_at,
        createdAt: row.created_at,
      }));
    },
    headOffset: () => head.get(runId) ?? 0,
  };
}
