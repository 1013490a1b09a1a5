// A stored event as the replay view shows it: upcast, with its index, owner and ids.

import type { RecordedEvent } from "../core/definitions";
import type { FoldDefinition } from "./kernel/foldDefinition";
import type { TimelineEvent } from "./types";

export function timelineEvent(stored: RecordedEvent, index: number, fold: FoldDefinition): TimelineEvent {
  const event = fold.upcasters.upcast(stored);
  return {
    index,
    position: stored.position,
    eventId: stored.eventId,
    streamId: stored.streamId,
    streamVersion: stored.streamVersion,
    type: event.type,
    storedType: stored.type,
    data: event.data,
    aggregate: fold.ownerOf(stored.streamId)?.aggregate.name ?? null,
    messageId: stored.metadata.messageId,
    correlationId: stored.metadata.correlationId,
    causationId: stored.metadata.causationId,
    recordedAt: stored.recordedAt,
  };
}
