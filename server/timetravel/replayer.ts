// Moves one world through a run's timeline: folds forward from the nearest
// keyframe (or from where it stands), steps back with the reverse of cached
// per-event diffs, and stores a keyframe whenever it folds past one that is
// due, every `keyframeInterval` events: mostly deltas (what changed since the
// previous keyframe), a full world now and then. Memory holds one world, a
// bounded cache of diffs and the keyframes' metadata.

import type { RecordedEvent } from "../core/definitions";
import { startsLaterEvent } from "./kernel/cut";
import type { FoldDefinition } from "./kernel/foldDefinition";
import { foldEvent } from "./kernel/foldEvent";
import { foldTrace, type TraceHop } from "./kernel/foldTrace";
import { reverseDiff } from "./kernel/recordsDiff";
import { createWorld, type World, type WorldDiff } from "./kernel/world";
import type { KeyframeDelta, KeyframeMeta, KeyframeStore } from "./keyframeStore";
import type { LogReader } from "./logReader";

export interface ReplayerOptions {
  /** Undefined: no keyframes are read or written (every jump folds from the first event). */
  keyframes: KeyframeStore | undefined;
  keyframeInterval: number;
  /** Per-event diffs kept for stepping; 0 = none. */
  cachedSteps: number;
}

/** Where a world stands: after event `index` and the trace hops that followed it. */
export interface StepMeta {
  index: number;
  position: number;
  event: RecordedEvent | null;
  /** Last stateful trace hop folded in. */
  traceSeq: number;
  /** Seq of the hop that opens the next event's moment; null when the trace ended first. */
  cut: number | null;
}

export interface Step {
  prev: StepMeta;
  meta: StepMeta;
  diff: WorldDiff;
}

export interface Replayer {
  readonly length: number;
  /** The world after event `index` (0 ≤ index ≤ length; checked by the caller). */
  moveTo(index: number): Promise<{ world: World; meta: StepMeta }>;
  /** Moves to `index` − 1, then folds (or replays) event `index` and returns its step. */
  stepInto(index: number): Promise<Step>;
  /**
   * Reads the world part-way through event `index`'s moment (the event and its
   * hops up to seq `hop`) with `read`, then puts the world back where it was.
   */
  partway<T>(index: number, hop: number, read: (world: World, meta: StepMeta) => T): Promise<T>;
  /** The world before any event (what the trace holds before the first append), and where its moment ends. */
  origin(): { world: World; diff: WorldDiff; cut: number | null };
  keyframes(): readonly KeyframeMeta[];
  /** Index of the keyframe a jump to `index` starts from (0 = the empty world). */
  keyframeFor(index: number): KeyframeMeta | undefined;
  /** Rereads the log's length and forgets what a live run may have changed since; returns the length. */
  refresh(): number;
}

interface Cursor extends StepMeta {
  world: World;
  /** The last fold reached the end of the trace: a live run may still add hops to this moment. */
  open: boolean;
  hops: TraceHop[];
  hopAt: number;
  /** Size of the last page of hops read. */
  hopPage: number;
  lastReadSeq: number;
  events: RecordedEvent[];
  eventAt: number;
  /** The keyframe the world's `changed` set counts from (undefined: none, so the next keyframe is full). */
  changedSince: number | undefined;
}

const FIRST_HOP_PAGE = 64;
const MAX_HOP_PAGE = 4_096;
const EVENT_PAGE = 500;
/** A jump records the diffs of (and caches) only its last this-many events. */
const TRACKED_STEPS = 256;
/** A delta keyframe's chain (its full keyframe and the deltas up to it) is read whole on a jump: at most this many deltas... */
const MAX_CHAIN = 32;
/** ...and at most this many times its full keyframe's size. */
const CHAIN_SHARE = 1.5;

export function createReplayer(reader: LogReader, fold: FoldDefinition, options: ReplayerOptions): Replayer {
  const store = options.keyframes;
  let keyframes: KeyframeMeta[] = store ? store.list() : [];
  const steps = new Map<number, Step>();
  /** Steps folded while the trace was open: a live run may change them, so refresh forgets them. */
  const openSteps = new Set<number>();
  let cursor: Cursor | undefined;
  let traceHead = reader.traceHead();
  let length = countLength();

  function countLength(): number {
    const last = keyframes.at(-1);
    return (last?.idx ?? 0) + reader.countBetween(last?.position ?? 0, Number.MAX_SAFE_INTEGER);
  }

  /** The greatest keyframe with idx ≤ index (or < index when `strict`). */
  function keyframeFor(index: number, strict = false): KeyframeMeta | undefined {
    let low = 0;
    let high = keyframes.length - 1;
    let found: KeyframeMeta | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const candidate = keyframes[middle]!;
      if (candidate.idx < index || (!strict && candidate.idx === index)) {
        found = candidate;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  function meta(c: Cursor): StepMeta {
    return { index: c.index, position: c.position, event: c.event, traceSeq: c.traceSeq, cut: c.cut };
  }

  /** Folds the hops of the moment after the event at `position` (only those up to seq `upTo`, when given). */
  function drain(c: Cursor, position: number, upTo = Number.POSITIVE_INFINITY): void {
    for (;;) {
      if (c.hopAt >= c.hops.length) {
        // Pages start small (a jump folds few events) and grow while the fold goes on.
        c.hopPage = Math.min(MAX_HOP_PAGE, c.hopPage * 2);
        c.hops = reader.hopsAfter(c.lastReadSeq, c.hopPage);
        c.hopAt = 0;
        if (c.hops.length === 0) {
          c.cut = null;
          c.open = true;
          return;
        }
        c.lastReadSeq = c.hops[c.hops.length - 1]!.seq;
      }
      const hop = c.hops[c.hopAt]!;
      if (hop.seq > upTo) return;
      if (startsLaterEvent(hop, position)) {
        c.cut = hop.seq;
        c.open = false;
        return;
      }
      foldTrace(c.world, hop);
      c.traceSeq = hop.seq;
      c.hopAt++;
    }
  }

  /** A cursor at `from`, with the hops of its moment folded in (the keyframe may predate some of them). */
  function cursorAt(world: World, from: Omit<StepMeta, "cut">, changedSince: number | undefined): Cursor {
    const c: Cursor = { ...from, cut: null, world, open: false, hops: [], hopAt: 0, hopPage: FIRST_HOP_PAGE / 2, lastReadSeq: from.traceSeq, events: [], eventAt: 0, changedSince };
    drain(c, from.position);
    return c;
  }

  /** A cursor at the keyframe a jump to `index` starts from (or at 0), its diffs and changes cleared. */
  function load(index: number): Cursor {
    let c: Cursor | undefined;
    for (let keyframe = keyframeFor(index); keyframe && !c; keyframe = keyframeFor(index)) {
      const records = store!.load(keyframe);
      if (records) {
        const { idx, position, traceSeq } = keyframe;
        c = cursorAt(createWorld(records), { index: idx, position, traceSeq, event: reader.eventAt(position) ?? null }, idx);
      } else keyframes = keyframes.filter((k) => k !== keyframe);
    }
    c ??= cursorAt(createWorld(), { index: 0, position: 0, traceSeq: 0, event: null }, undefined);
    c.world.takeDiff();
    c.world.clearChanged();
    return c;
  }

  function remember(step: Step, open: boolean): void {
    if (options.cachedSteps === 0) return;
    const index = step.meta.index;
    steps.delete(index);
    steps.set(index, step);
    if (open) openSteps.add(index);
    else openSteps.delete(index);
    if (steps.size > options.cachedSteps) {
      const oldest = steps.keys().next().value!;
      steps.delete(oldest);
      openSteps.delete(oldest);
    }
  }

  /**
   * Stores a keyframe when one is due here: a delta (the records changed since
   * the previous keyframe) while its chain stays under CHAIN_SHARE times its
   * full keyframe's size, else a full one. Not at the open end of a live run,
   * whose moment may still grow.
   */
  function maybeKeyframe(c: Cursor): void {
    if (!store || c.event === null) return;
    const at = keyframeFor(c.index);
    if (at?.idx === c.index) {
      c.changedSince = c.index;
      c.world.clearChanged();
      return;
    }
    if (c.index - (at?.idx ?? 0) < options.keyframeInterval || (c.open && c.index >= length)) return;
    const deltaFits = at !== undefined && c.changedSince === at.idx && at.chainLength < MAX_CHAIN && at.chainBytes < CHAIN_SHARE * fullBytes(at);
    const content = deltaFits ? { baseIdx: at.idx, delta: deltaOf(c.world) } : { records: c.world.records.values() };
    const saved = store.save({ idx: c.index, position: c.position, eventId: c.event.eventId, traceSeq: c.traceSeq }, content);
    keyframes.splice(at ? keyframes.indexOf(at) + 1 : 0, 0, saved);
    c.changedSince = c.index;
    c.world.clearChanged();
  }

  function fullBytes(keyframe: KeyframeMeta): number {
    let at: KeyframeMeta | undefined = keyframe;
    while (at && at.baseIdx !== null) at = keyframeFor(at.baseIdx);
    return at?.bytes ?? 0;
  }

  function deltaOf(world: World): KeyframeDelta {
    const delta: KeyframeDelta = { set: [], removed: [] };
    for (const id of world.changed) {
      const record = world.get(id);
      if (record) delta.set.push(record);
      else delta.removed.push(id);
    }
    return delta;
  }

  function setMeta(c: Cursor, to: StepMeta): void {
    c.index = to.index;
    c.position = to.position;
    c.event = to.event;
    c.traceSeq = to.traceSeq;
    c.cut = to.cut;
    c.open = openSteps.has(to.index);
    c.hops = [];
    c.hopAt = 0;
    c.hopPage = FIRST_HOP_PAGE / 2;
    c.lastReadSeq = to.traceSeq;
    c.events = [];
    c.eventAt = 0;
  }

  /** One event forward: the cached step when it starts where the cursor stands, else a fold (its step only when tracked). */
  async function forward(c: Cursor, target: number): Promise<Step | undefined> {
    const cached = steps.get(c.index + 1);
    if (cached && cached.prev.traceSeq === c.traceSeq && cached.prev.position === c.position) {
      c.world.apply(cached.diff);
      setMeta(c, cached.meta);
      return cached;
    }
    if (c.eventAt >= c.events.length) {
      const read = reader.eventsAfter(c.position, Math.min(EVENT_PAGE, Math.max(1, target - c.index)));
      if (read.events.length === 0) throw new Error(`The log of this run ends at event ${c.index}; it was expected to reach ${target}.`);
      c.events = read.events;
      c.eventAt = 0;
    }
    const event = c.events[c.eventAt++]!;
    // Far from the target, nobody will step back through these events: fold without recording diffs.
    const tracked = target - c.index <= TRACKED_STEPS;
    c.world.tracking = tracked;
    const prev = tracked ? meta(c) : undefined;
    await foldInto(c, event);
    drain(c, event.position);
    maybeKeyframe(c);
    if (!prev) return undefined;
    const step: Step = { prev, meta: meta(c), diff: c.world.takeDiff() };
    remember(step, c.open);
    return step;
  }

  async function foldInto(c: Cursor, event: RecordedEvent): Promise<void> {
    const folding = foldEvent(c.world, fold, event);
    if (folding) await folding;
    c.index++;
    c.position = event.position;
    c.event = event;
  }

  /** True when the cached steps lead back from the cursor to `index`. */
  function cachedBack(c: Cursor, index: number): boolean {
    if (c.index - index > steps.size) return false;
    for (let i = c.index; i > index; i--) {
      const step = steps.get(i);
      if (!step || (i === c.index && (step.meta.traceSeq !== c.traceSeq || step.meta.position !== c.position))) return false;
    }
    return true;
  }

  async function moveTo(index: number): Promise<{ world: World; meta: StepMeta }> {
    let c = cursor;
    const keyframe = keyframeFor(index);
    // Undoing cached diffs is cheaper than folding events, but not than a short fold from a keyframe.
    const backLimit = Math.max(options.keyframeInterval, 4 * (index - (keyframe?.idx ?? 0)));
    if (c && index < c.index && c.index - index <= backLimit && cachedBack(c, index)) {
      let to: StepMeta = meta(c);
      for (let i = c.index; i > index; i--) {
        const step = steps.get(i)!;
        c.world.apply(reverseDiff(step.diff));
        to = step.prev;
      }
      setMeta(c, to);
      return { world: c.world, meta: meta(c) };
    }
    if (!c || c.index > index || c.index < (keyframe?.idx ?? 0)) {
      cursor = undefined;
      c = load(index);
    }
    cursor = c;
    while (c.index < index) await forward(c, index);
    return { world: c.world, meta: meta(c) };
  }

  return {
    get length() {
      return length;
    },
    moveTo,
    async stepInto(index) {
      const { meta: at } = await moveTo(index - 1);
      return (await forward(cursor!, at.index + 1))!;
    },
    async partway(index, hop, read) {
      await moveTo(index - 1);
      const c = cursor!;
      const before = meta(c);
      const wasOpen = c.open;
      c.world.tracking = true;
      const event = reader.eventsAfter(c.position, 1).events[0]!;
      await foldInto(c, event);
      c.hops = [];
      c.hopAt = 0;
      c.hopPage = FIRST_HOP_PAGE / 2;
      c.lastReadSeq = c.traceSeq;
      drain(c, event.position, hop);
      try {
        return read(c.world, meta(c));
      } finally {
        c.world.apply(reverseDiff(c.world.takeDiff()));
        setMeta(c, before);
        c.open = wasOpen;
      }
    },
    origin() {
      const c = cursorAt(createWorld(), { index: 0, position: 0, traceSeq: 0, event: null }, undefined);
      return { world: c.world, diff: c.world.takeDiff(), cut: c.cut };
    },
    keyframes: () => keyframes,
    keyframeFor: (index) => keyframeFor(index),
    refresh() {
      const head = reader.traceHead();
      const grown = countLength();
      if (head !== traceHead || grown !== length) {
        for (const index of openSteps) steps.delete(index);
        openSteps.clear();
        if (cursor?.open) cursor = undefined;
        else if (cursor) {
          cursor.events = [];
          cursor.eventAt = 0;
        }
        traceHead = head;
        length = grown;
      }
      return length;
    },
  };
}
