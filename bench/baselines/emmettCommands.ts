// The peer for command handling: Emmett 0.38.5's CommandHandler on its SQLite event
// store, running one of Eventloom's hand-written domains unchanged (the same
// decide/evolve, the same projection handler applied inline as Emmett projects:
// inside the append's transaction). Emmett has no outbox; that work is Eventloom's alone.

import { CommandHandler, projections } from "@event-driven-io/emmett";
import type { SQLiteConnection } from "@event-driven-io/emmett-sqlite";
import type { AggregateDefinition, Command, JsonObject, ProjectionDefinition, RecordedEvent } from "../../server/core/definitions";
import { isRejection } from "../../server/core/definitions";
import { applyRowOperation } from "../../server/core/projectionOps";
import { loadEmmett, retryingBusy } from "./emmettStore";

interface EmmettEvent {
  type: string;
  data: JsonObject;
  metadata?: { streamName?: string; streamPosition?: bigint; messageId?: string };
}

export interface EmmettCommands {
  /** Handles one command end to end: read the stream, decide, append, project. */
  handle(command: Command): Promise<void>;
  /** The projection's row for `key`, read back through Emmett's connection. */
  row(key: string): Promise<JsonObject | undefined>;
  close(): void;
}

function recorded(event: EmmettEvent): RecordedEvent {
  const messageId = event.metadata?.messageId ?? "";
  return {
    position: 0,
    streamId: event.metadata?.streamName ?? "",
    streamVersion: Number(event.metadata?.streamPosition ?? 0),
    eventId: messageId,
    type: event.type,
    data: event.data,
    metadata: { messageId, correlationId: messageId, causationId: messageId },
    recordedAt: 0,
  };
}

/**
 * `projection` as an Emmett inline projection writing JSON rows into table `rows`.
 * Its context sees the rows changed earlier in the same batch only (the
 * projections run here, balances, do not read it).
 */
function inlineProjection(projection: ProjectionDefinition) {
  return {
    name: projection.name,
    canHandle: projection.eventTypes,
    async handle(events: EmmettEvent[], { connection }: { connection: SQLiteConnection }) {
      const rows = new Map<string, JsonObject | undefined>();
      const get = async (key: string) => {
        if (rows.has(key)) return rows.get(key);
        const found = await connection.querySingle<{ data: string }>("SELECT data FROM rows WHERE projection = ? AND key = ?", [projection.name, key]);
        return found ? (JSON.parse(found.data) as JsonObject) : undefined;
      };
      for (const event of events) {
        if (!projection.eventTypes.includes(event.type)) continue;
        for (const op of await projection.handle(recorded(event), { get: (key) => rows.get(key) })) {
          rows.set(op.key, applyRowOperation(await get(op.key), op));
        }
      }
      for (const [key, row] of rows) {
        if (row === undefined) await connection.command("DELETE FROM rows WHERE projection = ? AND key = ?", [projection.name, key]);
        else await connection.command("INSERT OR REPLACE INTO rows (projection, key, data) VALUES (?, ?, ?)", [projection.name, key, JSON.stringify(row)]);
      }
    },
  };
}

export async function openEmmettCommands(file: string, aggregate: AggregateDefinition, projection: ProjectionDefinition): Promise<EmmettCommands> {
  const emmett = await loadEmmett();
  const setup = emmett.sqliteConnection({ fileName: file });
  await setup.command("CREATE TABLE IF NOT EXISTS rows (projection TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (projection, key))");
  const store = emmett.getSQLiteEventStore({
    fileName: file,
    projections: projections.inline([inlineProjection(projection)]) as never,
  });
  const handler = CommandHandler<JsonObject, EmmettEvent>({
    evolve: (state, event) => aggregate.evolve(state, { type: event.type, data: event.data }),
    initialState: () => structuredClone(aggregate.initialState),
  });
  return {
    async handle(command) {
      await retryingBusy(() =>
        handler(store, `${aggregate.streamPrefix}-${command.aggregateId}`, async (state) => {
          const metadata = { messageId: "", correlationId: "", causationId: "" };
          const decision = await aggregate.decide(state, command, { now: 0, aggregateId: command.aggregateId, metadata });
          if (isRejection(decision)) throw new Error(decision.message);
          return decision.map((event) => ({ type: event.type, data: event.data }));
        }),
      );
    },
    async row(key) {
      const found = await setup.querySingle<{ data: string }>("SELECT data FROM rows WHERE projection = ? AND key = ?", [projection.name, key]);
      return found ? (JSON.parse(found.data) as JsonObject) : undefined;
    },
    close: () => setup.close(),
  };
}
