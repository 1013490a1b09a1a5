"use client";
// The world shown at the timeline's position, fetched cheaply while the position moves: one
// request in flight at a time and the latest position wins (a drag skips the positions it passed);
// a step of ±1 fetches only the event's diff and applies it to the world it has; a jump fetches the
// state (only the parts of open panels) and the event's diff together. Answers are cached by
// position, since a position's past never changes — except the last event's moment of a run that
// is still going, which is fetched afresh. Counts shown updates for the scrub bench.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "../../lib/trpc";
import { applyWorldDiff, reverseDiff } from "./applyDiff";
import type { TimelineEvent, World, WorldDiff, WorldPart } from "./types";

export interface Shown {
  index: number;
  world: World;
  /** Parts the world holds. */
  parts: readonly WorldPart[];
  event: TimelineEvent | null;
  /** What event `index` changed. */
  diff: WorldDiff;
}

const FOREVER = { staleTime: Infinity, gcTime: 120_000 } as const;
const FRESH = { staleTime: 0, gcTime: 120_000 } as const;

declare global {
  interface Window {
    /** Updates of the shown world since the page opened (read by the scrub bench and tests). */
    __replayUpdates?: number;
  }
}

const covers = (held: readonly WorldPart[], wanted: readonly WorldPart[]) => wanted.every((part) => held.includes(part));

/** `growingFrom`: the run is still going and its moments from this index on may still change (null: finished). */
export function useWorldAt(runId: string, position: number, parts: readonly WorldPart[], growingFrom: number | null): { shown: Shown | null; error: string | null; loading: boolean } {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const target = useRef({ position, parts });
  const current = useRef<Shown | null>(null);
  const busy = useRef(false);
  target.current = { position, parts };

  const cache = useCallback((index: number) => (growingFrom !== null && index >= growingFrom ? FRESH : FOREVER), [growingFrom]);
  const diffAt = useCallback(
    (index: number) => queryClient.fetchQuery({ ...trpc.timeline.diffAt.queryOptions({ runId, index }), ...cache(index) }),
    [queryClient, trpc, runId, cache],
  );
  const stateAt = useCallback(
    (index: number, wanted: readonly WorldPart[]) =>
      queryClient.fetchQuery({ ...trpc.timeline.stateAt.queryOptions({ runId, index, parts: [...wanted] }), ...cache(index) }),
    [queryClient, trpc, runId, cache],
  );

  const pump = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      for (;;) {
        const { position: wanted, parts: wantedParts } = target.current;
        const have = current.current;
        if (have && have.index === wanted && covers(have.parts, wantedParts)) break;
        let next: Shown;
        if (have && covers(have.parts, wantedParts) && wanted === have.index + 1) {
          const { diff, event } = await diffAt(wanted);
          next = { index: wanted, world: applyWorldDiff(have.world, diff), parts: have.parts, event, diff };
        } else if (have && covers(have.parts, wantedParts) && wanted === have.index - 1) {
          const world = applyWorldDiff(have.world, reverseDiff(have.diff));
          const { diff, event } = await diffAt(wanted);
          next = { index: wanted, world, parts: have.parts, event, diff };
        } else {
          const [state, { diff }] = await Promise.all([stateAt(wanted, wantedParts), diffAt(wanted)]);
          next = { index: wanted, world: state.world, parts: wantedParts, event: state.event, diff };
        }
        current.current = next;
        setShown(next);
        setError(null);
        window.__replayUpdates = (window.__replayUpdates ?? 0) + 1;
      }
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      busy.current = false;
    }
  }, [diffAt, stateAt]);

  useEffect(() => {
    void pump();
  }, [position, parts, pump]);

  return { shown, error, loading: shown === null || shown.index !== position };
}
