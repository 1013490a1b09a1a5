// The peer: @event-driven-io/emmett-sqlite 0.38.5 used as its documentation shows
// (getSQLiteEventStore on a file, which opens a connection per operation), and its
// own batch reader with one connection for reading all. Loaded lazily: it needs
// the native sqlite3 package, which must build from source on this machine.

import type { JsonObject } from "../../server/core/definitions";
import type { ValueResult } from "../harness/types";
import type { BenchEvent } from "../fixtures/bankEvents";

type EmmettSqlite = typeof import("@event-driven-io/emmett-sqlite");
export type EmmettEventStore = ReturnType<EmmettSqlite["getSQLiteEventStore"]>;

/**
 * Rounds of a comparison that includes Emmett: its samples are long (a fold of
 * 100,000 events takes seconds) and its ratios to Eventloom are far from 1, so a
 * few rounds tell them apart; the close Eventloom/bare ratios get the full count.
 */
export const PEER_ROUNDS = 2;

let loaded: Promise<EmmettSqlite> | undefined;

export function loadEmmett(): Promise<EmmettSqlite> {
  loaded ??= import("@event-driven-io/emmett-sqlite");
  return loaded;
}

/** undefined when emmett-sqlite and its native sqlite3 load and open a database; otherwise why not. */
export async function emmettUnavailable(): Promise<string | undefined> {
  try {
    const emmett = await loadEmmett();
    const connection = emmett.sqliteConnection({ fileName: ":memory:" });
    await connection.querySingle("SELECT 1");
    connection.close();
    return undefined;
  } catch (error) {
    return `@event-driven-io/emmett-sqlite 0.38.5 cannot load (its native sqlite3 must build from source): ${(error as Error).message}`;
  }
}

const BUSY_ATTEMPTS = 5;
let busyRetries = 0;

/**
 * Runs an Emmett write, retrying when it fails with SQLITE_BUSY "cannot commit
 * transaction - SQL statements in progress": emmett-sqlite 0.38.5 reads its
 * INSERT … RETURNING with a single-row get and can send COMMIT before that
 * statement is finalized, a race that shows under load. Its transaction is rolled
 * back (the connection is closed after each operation), so retrying is safe; the
 * time of failed attempts counts against Emmett, and emmettBusyRetries() reports them.
 */
export async function retryingBusy<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || attempt >= BUSY_ATTEMPTS) throw error;
      busyRetries++;
    }
  }
}

/** The suite value reporting how many Emmett writes were retried (see retryingBusy). */
export function emmettBusyRetries(): ValueResult[] {
  return [{ id: "emmett-busy-retries", title: "emmett-sqlite writes retried after its SQLITE_BUSY commit race", unit: "retries", value: busyRetries }];
}

export function toEmmettEvents(events: readonly BenchEvent[]): { type: string; data: JsonObject; metadata: JsonObject }[] {
  return events.map((e) => ({
    type: e.type,
    data: e.data,
    metadata: { correlationId: e.metadata.correlationId, causationId: e.metadata.causationId },
  }));
}

/**
 * Fills an Emmett store for a read suite (untimed): its own appendToStream on one
 * connection with synchronous OFF, streams in the given order, each batch one
 * append. On a failed append the connection is replaced (a commit that lost the
 * race can leave its transaction open) and the batch is appended again.
 */
export async function loadEmmettStreams(file: string, batches: Iterable<{ streamName: string; events: BenchEvent[] }>): Promise<void> {
  const emmett = await loadEmmett();
  const open = async () => {
    const connection = emmett.sqliteConnection({ fileName: file });
    await emmett.createEventStoreSchema(connection);
    await connection.command("PRAGMA synchronous = OFF");
    return connection;
  };
  let connection = await open();
  try {
    for (const { streamName, events } of batches) {
      const messages = toEmmettEvents(events);
      const streamType = streamName.split("-")[0]!;
      await retryingBusy(async () => {
        try {
          await emmett.appendToStream(connection, streamName, streamType, messages);
        } catch (error) {
          connection.close();
          connection = await open();
          throw error;
        }
      });
    }
  } finally {
    connection.close();
  }
}

export interface EmmettReader {
  /** One page after global position `after`, as Emmett's own parsed messages: how many, and the last position. */
  readPage(after: number, limit: number): Promise<{ count: number; last: number }>;
  close(): void;
}

export async function openEmmettReader(file: string): Promise<EmmettReader> {
  const emmett = await loadEmmett();
  const connection = emmett.sqliteConnection({ fileName: file });
  return {
    async readPage(after, limit) {
      const { messages } = await emmett.readMessagesBatch(connection, { after: BigInt(after), batchSize: limit });
      const last = messages[messages.length - 1];
      return { count: messages.length, last: last ? Number(last.metadata.globalPosition) : after };
    },
    close: () => connection.close(),
  };
}
