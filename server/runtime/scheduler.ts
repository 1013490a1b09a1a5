// Runs the engine's workers (relay, projections, consumer groups) one unit of
// work at a time. Fast mode: virtual time jumps to the next due work, so a run
// goes to quiescence deterministically (runUntilIdle), committing steps in
// batches. Live mode: work is paced by the live clock (wall time × speed).

import type { RuntimeClock } from "../core/clock";

/** One source of work. Contract: if nextDue() <= now, runOnce() makes progress. */
export interface Worker {
  readonly name: string;
  /** Clock time at which this worker has work, or undefined when it has none. */
  nextDue(): Promise<number | undefined>;
  /** Does one unit of work; false if there was nothing to do after all. */
  runOnce(): Promise<boolean>;
  /** Releases subscriptions and listeners. */
  close(): Promise<void>;
}

export interface RunResult {
  /** Units of work done. */
  steps: number;
  /** True when nothing is left to do at any time; false when stopped by maxSteps or until. */
  idle: boolean;
  /** Clock time at the end. */
  now: number;
}

export interface RunOptions {
  /** Stop after this many units of work (default 1,000,000). */
  maxSteps?: number;
  /** Fast mode: do not advance virtual time beyond this. */
  until?: number;
}

export interface Scheduler {
  /** One unit of work (fast mode advances virtual time to it if needed); false when none is due. */
  step(): Promise<boolean>;
  /** Repeats step() until nothing is due (fast mode: until nothing is left at all). */
  runUntilIdle(options?: RunOptions): Promise<RunResult>;
  /** Live mode: keeps running due work as the clock moves, until stop(). */
  start(): void;
  stop(): Promise<void>;
  /** Live mode: look for work now (after a command arrives). */
  wake(): void;
  readonly running: boolean;
}

export interface SchedulerOptions {
  /**
   * Fast mode: wraps a run of steps so they share one database transaction
   * (e.g. RunStore.batch); default: no batching.
   */
  batch?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Fast mode: steps per batch; default 200. */
  batchSize?: number;
  /**
   * Live mode: wraps each slice of due steps (at most LIVE_SLICE_STEPS, about LIVE_SLICE_MS of wall
   * time) so they share one transaction; each slice runs in a macrotask of its own. Only for workers
   * that wait for nothing but microtasks (the in-process bus): then no other work (a request, another
   * run, a Prisma write on its own connection) can run in the middle of a slice. Default: a
   * transaction per step.
   */
  liveBatch?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Live mode: longest wall-time sleep between checks for work (ms); default 50. */
  idleCheckMs?: number;
  /** Live mode: called when a unit of work throws; the scheduler stops. */
  onError?: (error: unknown) => void;
}

const DEFAULT_MAX_STEPS = 1_000_000;
const DEFAULT_BATCH_SIZE = 200;
const LIVE_SLICE_STEPS = 100;
const LIVE_SLICE_MS = 10;

export function createScheduler(clock: RuntimeClock, workers: readonly Worker[], options: SchedulerOptions = {}): Scheduler {
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;

  /** The worker with the earliest due time; ties go to the earlier worker. */
  async function next(): Promise<{ worker: Worker; due: number } | undefined> {
    let best: { worker: Worker; due: number } | undefined;
    for (const worker of workers) {
      const due = await worker.nextDue();
      if (due !== undefined && (best === undefined || due < best.due)) best = { worker, due };
    }
    return best;
  }

  async function stepWithin(until: number | undefined): Promise<"worked" | "idle" | "later"> {
    const candidate = await next();
    if (!candidate) return "idle";
    if (candidate.due > clock.now()) {
      if (clock.mode !== "fast" || (until !== undefined && candidate.due > until)) return "later";
      clock.advanceTo(candidate.due);
    }
    await candidate.worker.runOnce();
    return "worked";
  }

  async function runUntilIdle(runOptions: RunOptions = {}): Promise<RunResult> {
    const maxSteps = runOptions.maxSteps ?? DEFAULT_MAX_STEPS;
    const batch = clock.mode === "fast" && options.batch ? options.batch : <T>(work: () => Promise<T>) => work();
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    let steps = 0;
    let outcome: "worked" | "idle" | "later" = "worked";
    while (steps < maxSteps && outcome === "worked") {
      outcome = await batch(async () => {
        let result: "worked" | "idle" | "later" = "worked";
        for (let n = 0; n < batchSize && steps < maxSteps && result === "worked"; n++) {
          result = await stepWithin(runOptions.until);
          if (result === "worked") steps++;
        }
        return result;
      });
    }
    if (outcome === "later" && runOptions.until !== undefined && clock.mode === "fast") clock.advanceTo(runOptions.until);
    return { steps, idle: outcome === "idle", now: clock.now() };
  }

  /** Live mode: due steps until none is left, LIVE_SLICE_STEPS are done or LIVE_SLICE_MS have passed; how many. */
  async function slice(): Promise<number> {
    const started = performance.now();
    let steps = 0;
    while (running && steps < LIVE_SLICE_STEPS && performance.now() - started < LIVE_SLICE_MS) {
      if ((await stepWithin(undefined)) !== "worked") break;
      steps++;
    }
    return steps;
  }

  async function live(): Promise<void> {
    const liveBatch = options.liveBatch ?? (<T>(work: () => Promise<T>) => work());
    while (running) {
      try {
        // Each slice starts a macrotask of its own: no other work has microtasks pending then, so
        // none runs inside the slice (and its transaction), even when start() or wake() was called from it.
        await new Promise((resolve) => setImmediate(resolve));
        if (!running) break;
        if ((await liveBatch(slice)) > 0) continue;
        const candidate = await next();
        const speed = clock.mode === "live" ? clock.speed : 1;
        const idleCheckMs = options.idleCheckMs ?? 50;
        const wait = candidate ? Math.min(idleCheckMs, Math.max(1, (candidate.due - clock.now()) / speed)) : idleCheckMs;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wakeUp = undefined;
      } catch (error) {
        running = false;
        options.onError?.(error);
      }
    }
  }

  return {
    step: async () => (await stepWithin(undefined)) === "worked",
    runUntilIdle,
    start() {
      if (running) return;
      running = true;
      loop = live();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
      loop = undefined;
    },
    wake: () => wakeUp?.(),
    get running() {
      return running;
    },
  };
}
