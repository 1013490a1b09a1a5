// An events-table row as better-sqlite3 returns it, the columns that select it, and the
// RecordedEvent it holds: shared by the event store, the time-travel log reader and the benches.
import type { JsonObject, MessageMetadata, RecordedEvent } from "../core/definitions";

export interface EventRow {
  position: number;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: number;
}

export const EVENT_COLUMNS = "position, stream_id, stream_version, event_id, type, data, metadata, recorded_at";

export function eventOfRow(row: EventRow): RecordedEvent {
  return {
    position: row.position,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    eventId: row.event_id,
    type: row.type,
    data: JSON.parse(row.data) as JsonObject,
    metadata: JSON.parse(row.metadata) as MessageMetadata,
    recordedAt: row.recorded_at,
  };
}

/** The same columns as an array (a `.raw()` statement): much cheaper to read in bulk than row objects. */
export type RawEventRow = [position: number, streamId: string, streamVersion: number, eventId: string, type: string, data: string, metadata: string, recordedAt: number];

export function eventOfRawRow([position, streamId, streamVersion, eventId, type, data, metadata, recordedAt]: RawEventRow): RecordedEvent {
  return { position, streamId, streamVersion, eventId, type, data: JSON.parse(data) as JsonObject, metadata: JSON.parse(metadata) as MessageMetadata, recordedAt };
}
