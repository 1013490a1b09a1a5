// Filtering and searching a run's log for the timeline, a page at a time:
// by aggregate, stream, event type (an upcast type finds its older stored
// versions too), correlation id and text. A page looks at no more than
// SCAN_ROWS events, so a rare match in a huge log answers quickly with a
// short page and a cursor to continue. Read-only SQL on the run's connection.

import type { RunStore } from "../store";
import { TimelineCursorError } from "./errors";
import type { FoldDefinition } from "./kernel/foldDefinition";
import { EVENT_COLUMNS as COLUMNS, eventOfRow, type EventRow as Row } from "../store";
import type { LogReader } from "./logReader";
import type { Ordinals } from "./ordinals";
import { timelineEvent } from "./timelineEvent";
import type { EventFilter, EventsPage, EventsPageRequest, TimelineEvent } from "./types";

const SCAN_ROWS = 100_000;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
type Param = string | number;

export function createEventsQuery(store: RunStore, reader: LogReader, fold: FoldDefinition, aggregates: ReadonlyMap<string, string>, ordinals: Ordinals, length: () => number) {
  const { db, runId } = store;
  const statements = new Map<string, ReturnType<typeof db.prepare<Param[], Row>>>();
  const scanEnd = db.prepare<[string, number, number], number>("SELECT position FROM events WHERE run_id = ? AND position > ? ORDER BY position LIMIT 1 OFFSET ?").pluck();

  function prepared(sql: string) {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare<Param[], Row>(sql);
      statements.set(sql, statement);
    }
    return statement;
  }

  /** SQL conditions and their parameters; undefined when nothing can match (an unknown aggregate). */
  function conditions(filter: EventFilter): { sql: string[]; params: Param[] } | undefined {
    const sql: string[] = [];
    const params: Param[] = [];
    if (filter.aggregate !== undefined) {
      const prefix = aggregates.get(filter.aggregate);
      if (prefix === undefined) return undefined;
      sql.push("substr(stream_id, 1, ?) = ?");
      params.push(prefix.length + 1, `${prefix}-`);
    }
    if (filter.streamId !== undefined) {
      sql.push("stream_id = ?");
      params.push(filter.streamId);
    }
    if (filter.types !== undefined) {
      const stored = fold.storedTypesFor(filter.types);
      if (stored.length === 0) return undefined;
      sql.push(`type IN (${stored.map(() => "?").join(", ")})`);
      params.push(...stored);
    }
    if (filter.correlationId !== undefined) {
      sql.push("instr(metadata, ?) > 0");
      params.push(`"correlationId":${JSON.stringify(filter.correlationId)}`);
    }
    if (filter.text !== undefined && filter.text !== "") {
      const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      sql.push("(type LIKE ? ESCAPE '\\' OR stream_id LIKE ? ESCAPE '\\' OR event_id LIKE ? ESCAPE '\\' OR data LIKE ? ESCAPE '\\')");
      params.push(like, like, like, like);
    }
    return { sql, params };
  }

  function startAfter(request: EventsPageRequest): number {
    if (request.cursor !== undefined && request.cursor !== null) {
      const match = /^p(\d+)$/.exec(request.cursor);
      if (!match) throw new TimelineCursorError(request.cursor);
      return Number(match[1]);
    }
    const fromIndex = Math.max(0, Math.floor(request.fromIndex ?? 0));
    return fromIndex >= length() ? Number.MAX_SAFE_INTEGER : ordinals.positionOf(fromIndex)!;
  }

  return function eventsPage(request: EventsPageRequest = {}): EventsPage {
    const filter = request.filter ?? {};
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(request.limit ?? DEFAULT_LIMIT)));
    const after = startAfter(request);
    const where = conditions(filter);
    if (!where) return { items: [], nextCursor: null, searchedUpTo: length() };

    // One stream is found through its own index; anything else scans the log in position order, boundedly.
    const bounded = filter.streamId === undefined;
    const filters = where.sql.length > 0 ? ` AND ${where.sql.join(" AND ")}` : "";
    const rows = bounded
      ? prepared(
          `SELECT ${COLUMNS} FROM (SELECT ${COLUMNS} FROM events WHERE run_id = ? AND position > ? ORDER BY position LIMIT ?) WHERE 1 = 1${filters} ORDER BY position LIMIT ?`,
        ).all(runId, after, SCAN_ROWS, ...where.params, limit)
      : prepared(`SELECT ${COLUMNS} FROM events WHERE run_id = ? AND position > ?${filters} ORDER BY position LIMIT ?`).all(runId, after, ...where.params, limit);

    const found = rows.map(eventOfRow).filter((event) => filter.correlationId === undefined || event.metadata.correlationId === filter.correlationId);
    const items: TimelineEvent[] = [];
    let index = 0;
    let previous = 0;
    for (const event of found) {
      index = items.length === 0 ? ordinals.indexOf(event.position) : index + reader.countBetween(previous, event.position);
      previous = event.position;
      items.push(timelineEvent(event, index, fold));
    }

    const lastRow = rows.at(-1);
    let cursorAt: number | undefined;
    if (rows.length === limit) cursorAt = lastRow!.position;
    else if (bounded) cursorAt = scanEnd.get(runId, after, SCAN_ROWS - 1);
    const nextCursor = cursorAt === undefined ? null : `p${cursorAt}`;
    return { items, nextCursor, searchedUpTo: cursorAt === undefined ? length() : ordinals.indexOf(cursorAt) };
  };
}
