// The dead-letter queue of one run, with provenance (original topic, group,
// attempts, every error, first and last failure). Redrive republishes through
// the outbox to the original topic, addressed to the failed group only.

import { ATTEMPT_HEADERS, HEADER } from "../core/messageHeaders";
import type { SqliteDatabase } from "./database";
import { DeadLetterNotFoundError } from "./errors";
import type { Outbox } from "./outbox";
import type { Transactions } from "./transactions";
import type { DeadLetter, DeadLetterError, DeadLetterInput, DeadLetterStatus, Headers } from "./types";

export interface ListDeadLettersOptions {
  /** Default "dead". */
  status?: DeadLetterStatus | "all";
  /** Rows with an id greater than this; default 0. */
  afterId?: number;
  /** Default 100. */
  limit?: number;
}

export interface DeadLetterStore {
  add(letter: DeadLetterInput): number;
  /** The dead (unresolved) letter of a message in a group, if any: a redelivered failure must not dead-letter twice. */
  findDead(group: string, messageId: string): DeadLetter | undefined;
  list(options?: ListDeadLettersOptions): DeadLetter[];
  get(id: number): DeadLetter | undefined;
  countDead(): number;
  /** Republishes one dead letter to its original topic for its group and marks it redriven. */
  redrive(id: number, now: number): DeadLetter;
  /** Redrives the oldest dead letters, at most `limit`. */
  redriveMany(limit: number, now: number): DeadLetter[];
  discard(id: number, now: number): DeadLetter;
}

interface Row {
  id: number;
  message_id: string;
  original_topic: string;
  group_name: string;
  key: string;
  headers: string;
  payload: string;
  attempts: number;
  errors: string;
  first_failure_at: number;
  last_failure_at: number;
  status: DeadLetterStatus;
  resolved_at: number | null;
}

const COLUMNS =
  "id, message_id, original_topic, group_name, key, headers, payload, attempts, errors, first_failure_at, last_failure_at, status, resolved_at";

export function createDeadLetterStore(db: SqliteDatabase, tx: Transactions, outbox: Outbox, runId: string): DeadLetterStore {
  const insert = db.prepare<[string, string, string, string, string, string, string, number, string, number, number]>(
    `INSERT INTO dead_letters (run_id, message_id, original_topic, group_name, key, headers, payload, attempts, errors,
       first_failure_at, last_failure_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'dead')`,
  );
  const byId = db.prepare<[string, number], Row>(`SELECT ${COLUMNS} FROM dead_letters WHERE run_id = ? AND id = ?`);
  const byStatus = db.prepare<[string, string, number, number], Row>(
    `SELECT ${COLUMNS} FROM dead_letters WHERE run_id = ? AND status = ? AND id > ? ORDER BY id LIMIT ?`,
  );
  const everything = db.prepare<[string, number, number], Row>(
    `SELECT ${COLUMNS} FROM dead_letters WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?`,
  );
  const deadOf = db.prepare<[string, string, string], Row>(
    `SELECT ${COLUMNS} FROM dead_letters WHERE run_id = ? AND status = 'dead' AND group_name = ? AND message_id = ? LIMIT 1`,
  );
  const countDead = db.prepare<[string], number>("SELECT COUNT(*) FROM dead_letters WHERE run_id = ? AND status = 'dead'").pluck();
  const resolve = db.prepare<[string, number, string, number]>(
    "UPDATE dead_letters SET status = ?, resolved_at = ? WHERE run_id = ? AND id = ? AND status = 'dead'",
  );

  function get(id: number): DeadLetter | undefined {
    const row = byId.get(runId, id);
    return row && toDeadLetter(row);
  }

  function resolveDead(id: number, status: "redriven" | "discarded", now: number): DeadLetter {
    if (resolve.run(status, now, runId, id).changes !== 1) throw new DeadLetterNotFoundError(id);
    return get(id)!;
  }

  function redrive(id: number, now: number): DeadLetter {
    return tx.transaction(() => {
      const letter = resolveDead(id, "redriven", now);
      const headers: Headers = {};
      for (const [name, value] of Object.entries(letter.headers)) if (!ATTEMPT_HEADERS.includes(name)) headers[name] = value;
      headers[HEADER.targetGroup] = letter.group;
      outbox.enqueue([{ messageId: letter.messageId, topic: letter.originalTopic, key: letter.key, headers, payload: letter.payload }], now);
      return letter;
    });
  }

  return {
    add(letter) {
      const info = insert.run(
        runId,
        letter.messageId,
        letter.originalTopic,
        letter.group,
        letter.key,
        JSON.stringify(letter.headers),
        letter.payload,
        letter.attempts,
        JSON.stringify(letter.errors),
        letter.firstFailureAt,
        letter.lastFailureAt,
      );
      return Number(info.lastInsertRowid);
    },
    list(options = {}) {
      const status = options.status ?? "dead";
      const after = options.afterId ?? 0;
      const limit = options.limit ?? 100;
      const rows = status === "all" ? everything.all(runId, after, limit) : byStatus.all(runId, status, after, limit);
      return rows.map(toDeadLetter);
    },
    findDead(group, messageId) {
      const row = deadOf.get(runId, group, messageId);
      return row && toDeadLetter(row);
    },
    get,
    countDead: () => countDead.get(runId) ?? 0,
    redrive,
    redriveMany(limit, now) {
      return tx.transaction(() => byStatus.all(runId, "dead", 0, limit).map((row) => redrive(row.id, now)));
    },
    discard: (id, now) => tx.transaction(() => resolveDead(id, "discarded", now)),
  };
}

function toDeadLetter(row: Row): DeadLetter {
  return {
    id: row.id,
    messageId: row.message_id,
    originalTopic: row.original_topic,
    group: row.group_name,
    key: row.key,
    headers: JSON.parse(row.headers) as Headers,
    payload: row.payload,
    attempts: row.attempts,
    errors: JSON.parse(row.errors) as DeadLetterError[],
    firstFailureAt: row.first_failure_at,
    lastFailureAt: row.last_failure_at,
    status: row.status,
    resolvedAt: row.resolved_at,
  };
}
