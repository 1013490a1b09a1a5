// Paced redrives of many dead letters: one job per run at a time, redriving at most `perSecond`
// letters per wall-clock second in the server (whatever the client asks), with progress that
// the dead-letter panel polls, and cancel. Wall time and sleeping are injected.
import { DeadLetterNotFoundError } from "../store";
import { RunStateError } from "./errors";
import type { LiveRun } from "./liveRun";

export interface RedriveJob {
  runId: string;
  /** Dead letter ids in the order they are redriven. */
  ids: number[];
  perSecond: number;
  done: number;
  /** Letters that could not be redriven (resolved meanwhile), with why. */
  skipped: { id: number; reason: string }[];
  state: "running" | "finished" | "cancelled";
  startedAt: number;
  finishedAt: number | null;
}

export interface RedriveJobs {
  /** Starts redriving `ids` of the run; refused while another job of the run is running. */
  start(run: LiveRun, ids: number[], perSecond: number): RedriveJob;
  /** The run's running or last job. */
  status(runId: string): RedriveJob | null;
  cancel(runId: string): void;
  /** Resolves when the run's job stops (finished or cancelled). */
  settled(runId: string): Promise<RedriveJob | null>;
}

export interface RedrivePacing {
  wallNow: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

const snapshot = (job: RedriveJob): RedriveJob => ({ ...job, ids: [...job.ids], skipped: job.skipped.map((skip) => ({ ...skip })) });

export function createRedriveJobs(pacing: RedrivePacing): RedriveJobs {
  const jobs = new Map<string, { job: RedriveJob; abort: AbortController; finished: Promise<void> }>();

  async function work(run: LiveRun, job: RedriveJob, signal: AbortSignal): Promise<void> {
    const interval = 1000 / job.perSecond;
    for (const [index, id] of job.ids.entries()) {
      const wait = job.startedAt + index * interval - pacing.wallNow();
      if (wait > 0) await pacing.sleep(wait, signal);
      if (signal.aborted) break;
      try {
        await run.exclusively(async () => run.engine.redrive(id));
        job.done++;
      } catch (error) {
        if (!(error instanceof DeadLetterNotFoundError)) throw error;
        job.skipped.push({ id, reason: error.message });
      }
    }
  }

  return {
    start(run, ids, perSecond) {
      const running = jobs.get(run.id);
      if (running?.job.state === "running") {
        throw new RunStateError(`A redrive is already in progress (${running.job.done} of ${running.job.ids.length} done); wait for it or cancel it first.`);
      }
      const job: RedriveJob = { runId: run.id, ids, perSecond, done: 0, skipped: [], state: "running", startedAt: pacing.wallNow(), finishedAt: null };
      const abort = new AbortController();
      const finished = work(run, job, abort.signal)
        .catch((error: unknown) => {
          job.skipped.push({ id: -1, reason: `The redrive stopped: ${error instanceof Error ? error.message : String(error)}` });
        })
        .finally(() => {
          job.state = abort.signal.aborted ? "cancelled" : "finished";
          job.finishedAt = pacing.wallNow();
        });
      jobs.set(run.id, { job, abort, finished });
      return snapshot(job);
    },
    status(runId) {
      const entry = jobs.get(runId);
      return entry ? snapshot(entry.job) : null;
    },
    cancel(runId) {
      jobs.get(runId)?.abort.abort();
    },
    async settled(runId) {
      const entry = jobs.get(runId);
      if (!entry) return null;
      await entry.finished;
      return snapshot(entry.job);
    },
  };
}
