// The replay view's API shapes: plain, JSON-serialisable objects. Types only.

import type { JsonObject } from "../core/definitions";
import type { ChainLink, TraceEntry } from "../store";
import type { WorldRecord } from "./kernel/records";
import type { RecordsDiff } from "./kernel/recordsDiff";
import type { WorldView } from "./kernel/view";

export type { WorldView, WorldRecord, TraceEntry };
export type WorldDiff = RecordsDiff<WorldRecord>;

/** One event of the run's log, as the replay view shows it. */
export interface TimelineEvent {
  /** Ordinal in the run's log: 1 for the first event. The timeline's coordinate. */
  index: number;
  /** Global position in the SQLite log (positions of one run may have gaps where other runs wrote). */
  position: number;
  eventId: string;
  streamId: string;
  streamVersion: number;
  /** The type as the definition reads it (after upcasting). */
  type: string;
  /** The type as stored (differs from `type` for an upcast event). */
  storedType: string;
  /** The data as the definition reads it (after upcasting). */
  data: JsonObject;
  /** Aggregate that owns the stream, or null (e.g. a service's reply stream). */
  aggregate: string | null;
  messageId: string;
  correlationId: string;
  causationId: string;
  recordedAt: number;
}

/** Everything as it was right after event `index` (and the hops that followed it, up to the next event). */
export interface TimelineState {
  index: number;
  /** The trace seq the state was read part-way at, or null for the whole moment. */
  hop: number | null;
  /** Events in the run (0..length are valid indexes). */
  length: number;
  /** The event at `index`; null at 0 (before the first event). */
  event: TimelineEvent | null;
  world: WorldView;
}

/** What event `index` changed: world(index − 1) → world(index). Records are keyed by id; each carries its `kind`. */
export interface TimelineDiff {
  index: number;
  event: TimelineEvent | null;
  diff: WorldDiff;
}

/** The change from world(from) to world(to); `to` may be before `from` (a reverse diff). */
export interface TimelineRangeDiff {
  from: number;
  to: number;
  diff: WorldDiff;
}

export interface EventFilter {
  /** Events of this aggregate's streams (by aggregate name). */
  aggregate?: string;
  /** Events of one stream. */
  streamId?: string;
  /** Event types as read or as stored; an upcast type also finds its older stored versions. */
  types?: string[];
  correlationId?: string;
  /** Case-insensitive (ASCII) text in the type, stream id, event id or data. */
  text?: string;
}

export interface EventsPageRequest {
  filter?: EventFilter;
  /** From a previous page's nextCursor. */
  cursor?: string | null;
  /** Start after this event index (ignored with a cursor); default 0. */
  fromIndex?: number;
  /** Default 50, at most 500. */
  limit?: number;
}

export interface EventsPage {
  items: TimelineEvent[];
  /** Continue with this cursor; null when the log was searched to its end. */
  nextCursor: string | null;
  /** Index of the last event looked at (a page may come back short after a bounded scan; continue with nextCursor). */
  searchedUpTo: number;
}

/** A link of a causal chain, with the index of the event when the message is one. */
export interface TimelineChainLink extends ChainLink {
  index: number | null;
}

export interface TimelineCausalChain {
  message: TimelineChainLink;
  /** Nearest first, up to the root. */
  ancestors: TimelineChainLink[];
  /** Breadth-first. */
  descendants: TimelineChainLink[];
}

export interface KeyframeProgress {
  length: number;
  /** Keyframes stored for the run. */
  keyframes: number;
  /** Index of the last stored keyframe (0 when none). */
  lastKeyframe: number;
  /** True when keyframes cover the log to its end. */
  done: boolean;
}
