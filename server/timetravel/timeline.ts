// The replay view's entry point: openTimeline(runStore, definition) gives the
// state of every aggregate, read model, saga and queue after any event, what
// each event changed (a reversible diff), a filtered page of the log, the hops
// of an event's moment and the causal chain of a message. Calls are queued, so
// concurrent requests never interleave on the one world the timeline moves.

import type { SystemDefinition } from "../core/definitions";
import type { RunStore } from "../store";
import { TimelineIndexError } from "./errors";
import { createEventsQuery } from "./eventsQuery";
import { foldDefinitionOf } from "./kernel/foldDefinition";
import { diffRecords, emptyDiff, reverseDiff, squashDiffs } from "./kernel/recordsDiff";
import { viewOf } from "./kernel/view";
import type { World, WorldDiff } from "./kernel/world";
import { openKeyframeStore } from "./keyframeStore";
import { createLogReader } from "./logReader";
import { createOrdinals } from "./ordinals";
import { createReplayer, type StepMeta } from "./replayer";
import { timelineEvent } from "./timelineEvent";
import type {
  EventsPage,
  EventsPageRequest,
  KeyframeProgress,
  TimelineCausalChain,
  TimelineDiff,
  TimelineEvent,
  TimelineRangeDiff,
  TimelineState,
  TraceEntry,
} from "./types";

export interface TimelineOptions {
  /**
   * Names the definition the run is folded with (e.g. a hash of the run's flow
   * document). Keyframes folded under another key are deleted and folded again.
   * Default "default".
   */
  definitionKey?: string;
  /** false: keyframes are neither read nor written, so every jump folds from the first event. Default true. */
  keyframes?: boolean;
  /** Events between two keyframes (most of them deltas: only what changed). Default 200. */
  keyframeInterval?: number;
  /** Per-event diffs kept in memory for stepping and scrubbing. Default 5,000; 0 = none. */
  cachedSteps?: number;
}

export interface Timeline {
  readonly runId: string;
  /** Events in the run's log as of opening or the last refresh(): valid indexes are 0..length. */
  readonly length: number;
  /**
   * Every aggregate, read-model row, saga instance and queue after event
   * `index` and the hops that followed it up to the next event (0 = before the
   * first event). With `hop` (a seq from hopsAt(index)): part-way through that
   * moment, after the hops up to and including that one.
   */
  stateAt(index: number, options?: { hop?: number }): Promise<TimelineState>;
  /** What event `index` changed, as a reversible diff (index 0: what the trace held before the first event). */
  diffAt(index: number): Promise<TimelineDiff>;
  /** The change from the world at `from` to the world at `to` (either order). */
  diffBetween(from: number, to: number): Promise<TimelineRangeDiff>;
  /** Event `index` (1..length). */
  eventAt(index: number): Promise<TimelineEvent>;
  /** A page of the log, filtered; continue with `nextCursor`. */
  eventsPage(request?: EventsPageRequest): Promise<EventsPage>;
  /** The trace entries of event `index`'s moment: from its append to the next event's (at most `limit`, default 500). */
  hopsAt(index: number, limit?: number): Promise<TraceEntry[]>;
  /** Ancestors and descendants of a message, with the event index of each link that is an event. */
  causalChain(messageId: string): Promise<TimelineCausalChain | undefined>;
  /** Sees events and hops a live run added since opening; returns the new length. */
  refresh(): Promise<number>;
  /** Folds ahead and stores keyframes for at most `budgetMs` (default 200 ms). */
  buildKeyframes(options?: { budgetMs?: number }): Promise<KeyframeProgress>;
}

const BUILD_CHUNK = 1_000;
/** Beyond this many events apart, diffBetween compares two worlds instead of squashing per-event diffs. */
const SQUASH_LIMIT = 2_000;

export function openTimeline(store: RunStore, definition: SystemDefinition, options: TimelineOptions = {}): Timeline {
  const fold = foldDefinitionOf(definition);
  const projections = definition.projections.map((projection) => projection.name);
  const reader = createLogReader(store);
  const keyframeStore = options.keyframes === false ? undefined : openKeyframeStore(store, options.definitionKey ?? "default");
  const keyframeInterval = Math.max(1, Math.floor(options.keyframeInterval ?? 200));
  const replayer = createReplayer(reader, fold, { keyframes: keyframeStore, keyframeInterval, cachedSteps: Math.max(0, Math.floor(options.cachedSteps ?? 5_000)) });
  const ordinals = createOrdinals(reader, () => replayer.keyframes());
  const prefixes = new Map(definition.aggregates.map((aggregate) => [aggregate.name, aggregate.streamPrefix]));
  const eventsPage = createEventsQuery(store, reader, fold, prefixes, ordinals, () => replayer.length);

  let queue: Promise<unknown> = Promise.resolve();
  /** Runs `work` after every call before it has settled. */
  function serial<T>(work: () => T | Promise<T>): Promise<T> {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  }

  function checkIndex(index: number, from = 0): void {
    if (!Number.isInteger(index) || index < from || index > replayer.length) throw new TimelineIndexError(index, replayer.length);
  }


  return {
    runId: store.runId,
    get length() {
      return replayer.length;
    },
    stateAt: (index, stateOptions = {}) =>
      serial(async () => {
        checkIndex(index);
        // Index 0 has no event, so no moment to stop part-way through.
        const hop = index > 0 ? stateOptions.hop : undefined;
        const state = (world: World, meta: StepMeta): TimelineState => ({
          index,
          hop: hop ?? null,
          length: replayer.length,
          event: meta.event && timelineEvent(meta.event, index, fold),
          world: viewOf(world.records.values(), projections),
        });
        if (hop !== undefined) return replayer.partway(index, hop, state);
        const { world, meta } = await replayer.moveTo(index);
        return state(world, meta);
      }),
    diffAt: (index) =>
      serial(async () => {
        checkIndex(index);
        if (index === 0) return { index, event: null, diff: replayer.origin().diff };
        const step = await replayer.stepInto(index);
        return { index, event: timelineEvent(step.meta.event!, index, fold), diff: step.diff };
      }),
    diffBetween: (from, to) =>
      serial(async () => {
        checkIndex(from);
        checkIndex(to);
        const low = Math.min(from, to);
        const high = Math.max(from, to);
        let diff: WorldDiff;
        if (low === high) diff = emptyDiff();
        else if (high - low <= SQUASH_LIMIT) {
          await replayer.moveTo(low);
          const diffs: WorldDiff[] = [];
          for (let index = low + 1; index <= high; index++) diffs.push((await replayer.stepInto(index)).diff);
          diff = squashDiffs(diffs);
        } else {
          const before = new Map((await replayer.moveTo(low)).world.records);
          diff = diffRecords(before, (await replayer.moveTo(high)).world.records);
        }
        return { from, to, diff: from <= to ? diff : reverseDiff(diff) };
      }),
    eventAt: (index) =>
      serial(() => {
        checkIndex(index, 1);
        const event = reader.eventAt(ordinals.positionOf(index)!);
        return timelineEvent(event!, index, fold);
      }),
    eventsPage: (request) => serial(() => eventsPage(request)),
    hopsAt: (index, limit = 500) =>
      serial(async () => {
        checkIndex(index);
        if (index === 0) return reader.traceBetween(0, replayer.origin().cut, limit);
        const step = await replayer.stepInto(index);
        return reader.traceBetween(step.prev.cut ?? step.prev.traceSeq + 1, step.meta.cut, limit);
      }),
    causalChain: (messageId) =>
      serial(() => {
        const chain = store.causalChain(messageId);
        if (!chain) return undefined;
        const withIndex = <L extends { messageId: string }>(link: L) => {
          const position = reader.positionOfEvent(link.messageId);
          return { ...link, index: position === undefined ? null : ordinals.indexOf(position) };
        };
        return { message: withIndex(chain.message), ancestors: chain.ancestors.map(withIndex), descendants: chain.descendants.map(withIndex) };
      }),
    refresh: () => serial(() => replayer.refresh()),
    buildKeyframes: (buildOptions = {}) =>
      serial(async () => {
        const budgetMs = buildOptions.budgetMs ?? 200;
        const started = performance.now();
        let at = replayer.keyframes().at(-1)?.idx ?? 0;
        if (keyframeStore) {
          while (at < replayer.length && performance.now() - started < budgetMs) {
            at = Math.min(replayer.length, at + BUILD_CHUNK);
            await replayer.moveTo(at);
          }
        }
        return {
          length: replayer.length,
          keyframes: replayer.keyframes().length,
          lastKeyframe: replayer.keyframes().at(-1)?.idx ?? 0,
          done: !keyframeStore || at >= replayer.length,
        };
      }),
  };
}
