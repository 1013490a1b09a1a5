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

type Param = string | number;
/** Rows per multi-row INSERT (8 parameters each, far below SQLite's limit). */
const INSERT_CHUNK = 50;
const INSERT_SQL = "INSERT INTO topic_messages (run_id, topic, key, message_id, headers, payload, due_at, created_at) VALUES ";
const ROW_PLACEHOLDERS = "(?, ?, ?, ?, ?, ?, ?, ?)";

export function createTopicLog(db: SqliteDatabase, tx: Transactions, runId: string): TopicLog {
  const insert = db.prepare<[Param[]]>(INSERT_SQL + ROW_PLACEHOLDERS);
  const insertChunk = db.prepare<[Param[]]>(INSERT_SQL + Array.from({ length: INSERT_CHUNK }, () => ROW_PLACEHOLDERS).join(", "));
  /** Inserts `messages` in one statement and returns their offsets: one statement's rows get consecutive ones. */
  const write = (statement: typeof insert, messages: readonly TopicMessageInput[], now: number): number[] => {
    const params: Param[] = [];
    for (const m of messages) params.push(runId, m.topic, m.key, m.messageId, JSON.stringify(m.headers), m.payload, m.dueAt, now);
    const last = Number(statement.run(params).lastInsertRowid);
    return messages.map((_, index) => last - messages.length + 1 + index);
  };
  const select = db.prepare<[string, string, number, number], Row>(
    `SELECT "offset", topic, key, message_id, headers, payload, due_at, created_at FROM topic_messages
     WHERE run_id = ? AND topic = ? AND "offset" > ? ORDER BY "offset" LIMIT ?`,
  );
  const head = db.prepare<[string], number | null>('SELECT MAX("offset") FROM topic_messages WHERE run_id = ?').pluck();

  return {
    publish: (messages, now) =>
      tx.transaction(() => {
        const offsets: number[] = [];
        let start = 0;
        for (; start + INSERT_CHUNK <= messages.length; start += INSERT_CHUNK) offsets.push(...write(insertChunk, messages.slice(start, start + INSERT_CHUNK), now));
        for (; start < messages.length; start++) offsets.push(...write(insert, [messages[start]!], now));
        return offsets;
      }),
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
