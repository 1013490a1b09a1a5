// The replay view's keyframes of the runs this process records, built in the background while they
// record (and after they close, until they cover the log), so a long run opens in the replay view
// without folding its whole log first: server/timetravel otherwise writes keyframes lazily, on the
// first jump. Bounded work: one chunk of one run at a time (Timeline.buildKeyframes, about CHUNK_MS
// of folding), then a pause at least as long, so recording keeps most of the machine. It folds on
// its own connection to the SQLite file: in WAL mode that reads committed events only, and its
// keyframe writes are their own transactions, never part of a run's. It never waits for a lock
// (busy timeout 0): a keyframe the file is too busy to take is written on a later pass; a run it
// cannot fold is left to the replay view's first jump.
import { createHash } from "node:crypto";
import type { SystemDefinition } from "../core/definitions";
import { createRunStore, openDatabase, type SqliteDatabase } from "../store";
import { openTimeline, type Timeline } from "../timetravel";

/** Folding per chunk, in ms (a chunk is at least one step of buildKeyframes). */
const CHUNK_MS = 50;
/** Pause after a chunk, as a share of the time it took: the builder takes at most about half a core. */
const PAUSE_SHARE = 1;
/** How often runs whose keyframes cover their log are looked at again (a live run grows). */
const POLL_MS = 1_000;

/** The key keyframes are stored under: the run's flow document as recorded in its Run row (the replay view uses the same). */
export function timelineDefinitionKey(document: unknown): string {
  return createHash("sha1").update(JSON.stringify(document)).digest("hex").slice(0, 16);
}

export interface KeyframeBuilder {
  /** Builds the run's keyframes from now on, while it records, until they cover its log. */
  track(runId: string, definition: SystemDefinition, document: unknown): void;
  /** The run stopped recording here: its keyframes are finished, then it is forgotten. */
  closed(runId: string): void;
  /** The run is being deleted: no more keyframes for it. */
  forget(runId: string): void;
  /** Resolves once the keyframes of every tracked run cover its log as it stands (tests, benchmarks). */
  settled(): Promise<void>;
  /** Stops building and closes the connection. */
  close(): void;
}

interface Tracked {
  timeline: Timeline;
  closed: boolean;
  done: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/** `file`: the SQLite file, asked when the first run is tracked. */
export function createKeyframeBuilder(file: () => string): KeyframeBuilder {
  let db: SqliteDatabase | undefined;
  const tracked = new Map<string, Tracked>();
  let looping: Promise<void> | undefined;
  let stopped = false;

  const connection = () => (db ??= openDatabase(file(), { busyTimeoutMs: 0 }));

  /** One chunk of one run: false when its keyframes already covered its log. */
  async function pass(runId: string, entry: Tracked): Promise<boolean> {
    try {
      await entry.timeline.refresh();
      const progress = await entry.timeline.buildKeyframes({ budgetMs: CHUNK_MS });
      const worked = !entry.done || !progress.done;
      entry.done = progress.done;
      if (entry.done && entry.closed) tracked.delete(runId);
      return worked;
    } catch (error) {
      // The file was busy: the next pass goes on from where this one stopped. Anything else (the run
      // deleted under it, a fold that fails): the run is left to its first jump, which folds as before.
      if ((error as { code?: unknown }).code === "SQLITE_BUSY") entry.done = false;
      else tracked.delete(runId);
      return true;
    }
  }

  async function loop(): Promise<void> {
    while (!stopped && tracked.size > 0) {
      let worked = false;
      for (const [runId, entry] of [...tracked]) {
        if (stopped) return;
        const started = performance.now();
        if (await pass(runId, entry)) {
          worked = true;
          await sleep(Math.max(1, (performance.now() - started) * PAUSE_SHARE));
        }
      }
      if (!worked) await sleep(POLL_MS);
    }
  }

  function wake(): void {
    looping ??= loop().finally(() => {
      looping = undefined;
      if (!stopped && tracked.size > 0) wake();
    });
  }

  return {
    track(runId, definition, document) {
      if (stopped || tracked.has(runId)) return;
      const timeline = openTimeline(createRunStore(connection(), runId), definition, { definitionKey: timelineDefinitionKey(document), cachedSteps: 0 });
      tracked.set(runId, { timeline, closed: false, done: false });
      wake();
    },
    closed(runId) {
      const entry = tracked.get(runId);
      if (entry) entry.closed = true;
    },
    forget(runId) {
      tracked.delete(runId);
    },
    async settled() {
      // Runs may have grown since their last pass: look at each again.
      for (const entry of tracked.values()) entry.done = false;
      wake();
      for (;;) {
        const pending = [...tracked.values()].filter((entry) => !entry.done);
        if (pending.length === 0 || stopped) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close() {
      stopped = true;
      tracked.clear();
      db?.close();
      db = undefined;
    },
  };
}
