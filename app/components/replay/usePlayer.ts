"use client";
// The replay's transport: the position (0..length), play and pause, steps of ±1, jumps to the
// start and the end, the speed, and playing at the run's original timing (the clock time between
// two events, divided by the speed; long quiet stretches shortened). Playback (usePlayback)
// advances only once the world at the position is shown, so it never runs ahead of the panels.
import { useCallback, useEffect, useMemo, useState } from "react";

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16] as const;
/** A step at ×1 when not at the original timing. */
export const STEP_MS = 900;
/** Longest wait between two events at the original timing. */
export const MAX_GAP_MS = 3_000;

export interface Player {
  position: number;
  playing: boolean;
  speed: number;
  originalTiming: boolean;
  /** Milliseconds the current step is given (tokens animate within it). */
  stepMs: number;
  /** Pauses and moves to `index` (clamped to 0..length, rounded); returns where it moved. */
  seek(index: number): number;
  step(delta: number): void;
  toStart(): void;
  toEnd(): void;
  toggle(): void;
  pause(): void;
  setSpeed(speed: number): void;
  setOriginalTiming(on: boolean): void;
  /** For usePlayback: moves on by one while playing, and says how long the step is. */
  advance(): void;
  setStepMs(ms: number): void;
}

export function usePlayer({ length, initial }: { length: number; initial: number }): Player {
  const [position, setPosition] = useState(Math.min(initial, length));
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [originalTiming, setOriginalTiming] = useState(false);
  const [stepMs, setStepMs] = useState(STEP_MS);

  const seek = useCallback((index: number) => {
    const to = Math.max(0, Math.min(length, Math.round(index)));
    setPosition(to);
    return to;
  }, [length]);
  const step = useCallback((delta: number) => {
    setPlaying(false);
    setPosition((at) => Math.max(0, Math.min(length, at + delta)));
  }, [length]);

  useEffect(() => {
    if (position > length) setPosition(length);
  }, [length, position]);

  const advance = useCallback(() => setPosition((at) => Math.min(length, at + 1)), [length]);
  const seekAndPause = useCallback((index: number) => {
    setPlaying(false);
    return seek(index);
  }, [seek]);
  const pause = useCallback(() => setPlaying(false), []);
  return useMemo(
    () => ({
      position,
      playing,
      speed,
      originalTiming,
      stepMs: playing ? stepMs : STEP_MS,
      seek: seekAndPause,
      step,
      toStart: () => step(-length),
      toEnd: () => step(length),
      toggle: () => {
        if (!playing && position >= length) setPosition(0);
        setPlaying(!playing);
      },
      pause,
      setSpeed,
      setOriginalTiming,
      advance,
      setStepMs,
    }),
    [position, playing, speed, originalTiming, stepMs, seekAndPause, pause, step, length, advance],
  );
}

/**
 * Plays: once the world at the position is on screen (`shownIndex`), waits a step (or, at the
 * original timing, the clock time to the next event divided by the speed) and moves on by one;
 * stops at the end.
 */
export function usePlayback(player: Player, length: number, shownIndex: number | null, timeOf: (index: number) => Promise<number | null>): void {
  const { playing, position, speed, originalTiming, advance, setStepMs, pause } = player;
  useEffect(() => {
    if (!playing) return;
    if (position >= length) {
      pause();
      return;
    }
    if (shownIndex !== position) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void (async () => {
      let wait = STEP_MS / speed;
      if (originalTiming) {
        const [now, next] = await Promise.all([timeOf(position), timeOf(position + 1)]);
        if (now !== null && next !== null) wait = Math.min(MAX_GAP_MS, Math.max(0, (next - now) / speed));
      }
      if (cancelled) return;
      setStepMs(Math.max(wait, 250));
      timer = setTimeout(advance, wait);
    })();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [playing, position, length, shownIndex, speed, originalTiming, timeOf, advance, setStepMs, pause]);
}
