"use client";
// The world shown at the timeline's position, kept up with a moving position cheaply. The browser
// holds the per-event diffs of the stretch of log around the position (fetched in chunks of
// CHUNK events) and moves the world it shows through them itself, one animation frame at a time,
// forwards or (with reversed diffs) backwards: dragging the slider asks the server nothing once
// the stretch is loaded. A far jump fetches the state there (only the parts of open panels), then
// the diffs around it. One request at a time, and the latest position wins. Chunks are final once
// fetched, except near the end of a run that is still going, which is always asked afresh.
// `follow(position)`, called where the position is set (the slider's input), moves the world there
// at once when the diffs on the way are loaded, so the position and its world render together:
// one render, one layout and one paint per step of a drag.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "../../lib/trpc";
import { applyWorldDiff, reverseDiff } from "./applyDiff";
import type { DiffAt, TimelineEvent, World, WorldDiff, WorldPart } from "./types";

export interface Shown {
  index: number;
  world: World;
  /** Parts the world holds. */
  parts: readonly WorldPart[];
  event: TimelineEvent | null;
  /** What event `index` changed; null until known (the origin's, once the position rests). */
  diff: WorldDiff | null;
}

/** Events per chunk of diffs. */
const CHUNK = 250;
/** Chunks kept in memory (the least recently loaded go first). */
const MAX_CHUNKS = 40;
/** Farther than this, a move fetches the state there instead of the diffs on the way. */
const NEAR = 2 * CHUNK;
/** How long the position must rest before a missing diff is fetched on its own. */
const REST_MS = 60;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const covers = (held: readonly WorldPart[], wanted: readonly WorldPart[]) => wanted.every((part) => held.includes(part));
const chunkOf = (index: number) => Math.floor((index - 1) / CHUNK);

/** `growingFrom`: the run is still going and its moments from this index on may still change (null: finished). */
export function useWorldAt(
  runId: string,
  position: number,
  parts: readonly WorldPart[],
  growingFrom: number | null,
): { shown: Shown | null; error: string | null; follow(position: number): void } {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const target = useRef({ position, parts });
  const current = useRef<Shown | null>(null);
  const busy = useRef(false);
  const chunks = useRef(new Map<number, DiffAt[]>());
  const loading = useRef(new Map<number, Promise<void>>());
  target.current = { position, parts };
  /** Events whose diff is final (a running run's last moment may still grow). */
  const settledUpTo = growingFrom === null ? Infinity : growingFrom - 1;

  const loadChunk = useCallback(
    (chunk: number): Promise<void> => {
      const pending = loading.current.get(chunk);
      if (pending) return pending;
      const from = chunk * CHUNK;
      const work = queryClient
        .fetchQuery({ ...trpc.timeline.diffs.queryOptions({ runId, from, count: CHUNK }), staleTime: settledUpTo === Infinity ? Infinity : 0 })
        .then(({ items }) => {
          chunks.current.set(chunk, items.filter((item) => item.index <= settledUpTo));
          if (chunks.current.size > MAX_CHUNKS) chunks.current.delete(chunks.current.keys().next().value!);
        })
        .finally(() => loading.current.delete(chunk));
      loading.current.set(chunk, work);
      return work;
    },
    [queryClient, trpc, runId, settledUpTo],
  );

  const diffOf = (index: number): DiffAt | undefined => (index < 1 ? undefined : chunks.current.get(chunkOf(index))?.[(index - 1) % CHUNK]);

  /** Chunks missing to move from `from` to `to` through diffs; null when some event on the way has no final diff yet. */
  const missingOn = (from: number, to: number): number[] | null => {
    const [low, high] = from < to ? [from + 1, to] : [to + 1, from];
    if (high > settledUpTo) return null;
    const missing: number[] = [];
    for (let chunk = chunkOf(Math.max(low, 1)); chunk <= chunkOf(high); chunk++) {
      const needed = Math.min(high, (chunk + 1) * CHUNK) - chunk * CHUNK;
      if ((chunks.current.get(chunk)?.length ?? 0) < needed) missing.push(chunk);
    }
    return missing;
  };

  /** The world moved from `have` to `to` through the loaded diffs. */
  const moveLocally = (have: Shown, to: number): Shown => {
    let world = have.world;
    if (to > have.index) for (let i = have.index + 1; i <= to; i++) world = applyWorldDiff(world, diffOf(i)!.diff);
    else for (let i = have.index; i > to; i--) world = applyWorldDiff(world, reverseDiff(diffOf(i)!.diff));
    const step = diffOf(to);
    return { index: to, world, parts: have.parts, event: step?.event ?? null, diff: step?.diff ?? null };
  };

  const pump = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      for (;;) {
        const { position: wanted, parts: wantedParts } = target.current;
        const have = current.current;
        const held = have !== null && covers(have.parts, wantedParts);
        let next: Shown;
        if (have && held && have.index === wanted) {
          // At rest: load the diffs around here for the next moves, and the diff of this event if it is not known yet.
          const here = chunkOf(Math.max(wanted, 1));
          const load = (chunk: number) => (chunk >= 0 && chunk * CHUNK < settledUpTo && !chunks.current.has(chunk) ? loadChunk(chunk) : Promise.resolve());
          void load(here).then(() => load(here + 1)).then(() => load(here - 1)).catch(() => undefined);
          if (have.diff !== null) break;
          await sleep(REST_MS);
          if (target.current.position !== wanted) continue;
          const { diff, event } = await queryClient.fetchQuery({ ...trpc.timeline.diffAt.queryOptions({ runId, index: wanted }), staleTime: wanted > settledUpTo ? 0 : Infinity });
          if (current.current !== have) continue;
          next = { ...have, diff, event };
        } else {
          let missing = have && held && Math.abs(wanted - have.index) <= NEAR ? missingOn(have.index, wanted) : null;
          if (have && missing && missing.length > 0) {
            // Shown once loaded even if the position moved on meanwhile: a drag sees progress, then catches up.
            await Promise.all(missing.map(loadChunk));
            if (current.current !== have) continue;
            missing = missingOn(have.index, wanted);
          }
          if (have && missing?.length === 0) {
            next = moveLocally(have, wanted);
          } else {
            const state = await queryClient.fetchQuery({
              ...trpc.timeline.stateAt.queryOptions({ runId, index: wanted, parts: [...wantedParts] }),
              staleTime: wanted > settledUpTo ? 0 : Infinity,
            });
            if (current.current !== have && current.current?.index === target.current.position) continue;
            next = { index: wanted, world: state.world, parts: wantedParts, event: state.event, diff: diffOf(wanted)?.diff ?? null };
          }
        }
        current.current = next;
        setShown(next);
        setError(null);
        await nextFrame();
      }
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      busy.current = false;
    }
  }, [loadChunk, queryClient, trpc, runId, settledUpTo]);

  useEffect(() => {
    void pump();
  }, [position, parts, pump]);

  const follow = useCallback((to: number) => {
    const have = current.current;
    const wantedParts = target.current.parts;
    if (!have || have.index === to || !covers(have.parts, wantedParts) || Math.abs(to - have.index) > NEAR || missingOn(have.index, to)?.length !== 0) return;
    target.current = { position: to, parts: wantedParts };
    const next = moveLocally(have, to);
    current.current = next;
    setShown(next);
  }, [settledUpTo]);

  return { shown, error, follow };
}
