// The registry of live runs in this server process: starts runs of a flow (recording a Run row),
// reopens a run from the store when asked for one it does not hold, finishes and resets runs, and
// keeps at most MAX_OPEN_RUNS engines open (closing the least recently used, paused ones first);
// the replay view's keyframes of every run it opens are built in the background (keyframeBuilder).
// Kept on globalThis so Next's dev server, which re-evaluates modules, keeps one registry.
// In Kafka mode (EVENTLOOM_TRANSPORT=kafka) live runs travel over the broker: the relay publishes
// there, each consumer group is a broker group (consumed here unless EVENTLOOM_WORKER_GROUPS leaves
// it to `npm run worker` processes), on the epoch clock every process shares. Fast runs keep the
// in-process bus: their virtual time exists in this process only.
import type { PrismaClient } from "../db/generated/client";
import { databaseFile } from "../db/prisma";
import { createKafkaTransport, kafkaModeFromEnvironment, settlingOnKafka, type KafkaSettings, type KafkaTransport } from "../runtime/kafka";
import { createRunStore } from "../store";
import { RunLimitError } from "./errors";
import { MAX_OPEN_RUNS } from "./limits";
import { createKeyframeBuilder, type KeyframeBuilder } from "./keyframeBuilder";
import { createLiveRun, type LiveRun, type RunStatus } from "./liveRun";
import { createMutex, type Mutex } from "./mutex";
import { openRun, type RunMode } from "./openRun";
import { createRunRecord, findFlow, findRunRecord, listRunRecords, setRunStatus, type RunRecord } from "./records";
import { createRedriveJobs, type RedriveJobs } from "./redriveJobs";
import { sharedDatabase } from "./shared";

export interface RunsHostOptions {
  maxOpenRuns: number;
  /** Wall time in ms (Date.now): least-recently-used order and redrive pacing. */
  wallNow: () => number;
  /** Waits `ms` of wall time (redrive pacing); resolves early when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Kafka mode's settings, or undefined for the in-process bus; default: from the environment (EVENTLOOM_TRANSPORT, KAFKA_*). */
  kafka: KafkaSettings | undefined;
}

export interface StartRunInput {
  flowId: string;
  mode: RunMode;
  /** Default: a random seed, recorded with the run. */
  seed?: number;
  /** Live mode; default 1. */
  speed?: number;
  /** Live mode: start playing at once; default false. */
  play?: boolean;
}

export interface RunsHost {
  readonly options: RunsHostOptions;
  /** The process-wide lock for long write transactions and Run row writes. */
  readonly writeLock: Mutex;
  readonly redrives: RedriveJobs;
  /** Builds the replay view's keyframes of the open runs in the background while they record. */
  readonly keyframes: KeyframeBuilder;
  start(prisma: PrismaClient, input: StartRunInput): Promise<LiveRun>;
  /** The open run, reopened from its Run row and the store when this process does not hold it. */
  open(prisma: PrismaClient, runId: string): Promise<LiveRun>;
  /** The open run, if this process holds it (never opens one). */
  peek(runId: string): LiveRun | undefined;
  /** Closes the run's engine and records it finished. */
  finish(prisma: PrismaClient, runId: string): Promise<RunRecord & { document: unknown }>;
  /** Finishes the run and starts a new one of the same flow (its current version), same seed and mode unless given. */
  reset(prisma: PrismaClient, runId: string, input: { seed?: number; mode?: RunMode; speed?: number }): Promise<LiveRun>;
  list(prisma: PrismaClient, flowId: string, limit: number): Promise<RunRecord[]>;
  /** Ids of the runs open in this process. */
  openIds(): string[];
  /** Deletes every recorded run of the flow from the store (events, trace, keyframes, queues…), closing the open ones; their Run rows go with the flow. */
  discardRunsOf(prisma: PrismaClient, flowId: string): Promise<void>;
  /** Closes every open run (shutdown, tests). */
  close(): Promise<void>;
}

function randomSeed(): number {
  return 1 + Math.floor(Math.random() * 2_147_483_646);
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

export function createRunsHost(options: Partial<RunsHostOptions> = {}): RunsHost {
  const resolved: RunsHostOptions = {
    maxOpenRuns: options.maxOpenRuns ?? MAX_OPEN_RUNS,
    wallNow: options.wallNow ?? Date.now,
    sleep: options.sleep ?? abortableSleep,
    kafka: "kafka" in options ? options.kafka : kafkaModeFromEnvironment(process.env),
  };
  const writeLock = createMutex();
  const runs = new Map<string, LiveRun>();
  const opening = new Map<string, Promise<LiveRun>>();
  const redrives = createRedriveJobs(resolved);
  const keyframes = createKeyframeBuilder(databaseFile);

  /** Closes an open run's engine; its keyframes are finished in the background. */
  async function closeRun(run: LiveRun): Promise<void> {
    redrives.cancel(run.id);
    await run.close();
    keyframes.closed(run.id);
  }

  const recordStatus = (prisma: PrismaClient, runId: string, status: RunStatus) =>
    writeLock.run(() => setRunStatus(prisma, runId, status, new Date(resolved.wallNow())));

  async function admit(run: LiveRun): Promise<void> {
    while (runs.size >= resolved.maxOpenRuns) {
      const idle = [...runs.values()].filter((candidate) => !candidate.busy).sort((a, b) => a.lastUsed - b.lastUsed);
      const victim = idle.find((candidate) => !candidate.state().playing) ?? idle[0];
      if (!victim) {
        await run.close();
        throw new RunLimitError(`At most ${resolved.maxOpenRuns} runs can be open at once and every one is busy; try again in a moment.`);
      }
      runs.delete(victim.id);
      await closeRun(victim);
    }
    runs.set(run.id, run);
  }

  async function launch(
    prisma: PrismaClient,
    record: { id: string; flowId: string; seed: number; mode: RunMode; status: RunStatus; document: unknown },
    speed: number,
  ): Promise<LiveRun> {
    // Background failures of the engine reach the run once it exists.
    const failures: { report?: (error: unknown) => void } = {};
    const settings = record.mode === "live" ? resolved.kafka : undefined;
    let kafka: KafkaTransport | undefined;
    const opened = await openRun({
      flow: record.document,
      runId: record.id,
      seed: record.seed,
      mode: record.mode,
      speed,
      playing: false,
      onError: (error) => failures.report?.(error),
      ...(settings ? { clock: "epoch" as const, transport: (store) => (kafka = createKafkaTransport({ settings, store })) } : {}),
    });
    const live = createLiveRun({
      ...(kafka ? { kafka, opened: { ...opened, engine: settlingOnKafka(opened.engine, kafka) } } : { opened }),
      id: record.id,
      flowId: record.flowId,
      mode: record.mode,
      seed: record.seed,
      status: record.status,
      writeLock,
      wallNow: resolved.wallNow,
      onStatus: (status) => recordStatus(prisma, record.id, status),
    });
    failures.report = live.fail;
    await admit(live);
    keyframes.track(record.id, opened.definition, record.document);
    return live;
  }

  async function reopen(prisma: PrismaClient, runId: string): Promise<LiveRun> {
    const record = await findRunRecord(prisma, runId);
    // A run left "running" by an earlier process is paused now: nothing plays it.
    const status = record.status === "running" ? "paused" : record.status;
    if (status !== record.status) await recordStatus(prisma, runId, status);
    return launch(prisma, { ...record, status }, 1);
  }

  async function start(prisma: PrismaClient, input: StartRunInput): Promise<LiveRun> {
    const flow = await findFlow(prisma, input.flowId);
    const id = crypto.randomUUID();
    const seed = input.seed ?? randomSeed();
    const { document } = flow;
    // Open first: a flow that cannot run leaves no Run row behind.
    const live = await launch(prisma, { id, flowId: flow.id, seed, mode: input.mode, status: "paused", document }, input.speed ?? 1);
    try {
      await writeLock.run(() => createRunRecord(prisma, { id, flow, seed, mode: input.mode, status: "paused" }));
    } catch (error) {
      runs.delete(id);
      await closeRun(live);
      throw error;
    }
    if (input.play && input.mode === "live") await live.play();
    return live;
  }

  async function open(prisma: PrismaClient, runId: string): Promise<LiveRun> {
    const held = runs.get(runId);
    if (held) return held;
    let pending = opening.get(runId);
    if (!pending) {
      pending = reopen(prisma, runId).finally(() => opening.delete(runId));
      opening.set(runId, pending);
    }
    return pending;
  }

  async function finish(prisma: PrismaClient, runId: string) {
    const held = runs.get(runId);
    if (held) {
      runs.delete(runId);
      await closeRun(held);
    }
    await recordStatus(prisma, runId, "finished");
    return findRunRecord(prisma, runId);
  }

  return {
    options: resolved,
    writeLock,
    redrives,
    keyframes,
    start,
    open,
    peek: (runId) => runs.get(runId),
    finish,
    async reset(prisma, runId, input) {
      const held = runs.get(runId);
      const speed = input.speed ?? held?.state().speed ?? 1;
      const old = await finish(prisma, runId);
      return start(prisma, { flowId: old.flowId, mode: input.mode ?? old.mode, seed: input.seed ?? old.seed, speed });
    },
    list: (prisma, flowId, limit) => listRunRecords(prisma, flowId, limit),
    openIds: () => [...runs.keys()],
    async discardRunsOf(prisma, flowId) {
      const recorded = await prisma.run.findMany({ where: { flowId }, select: { id: true } });
      for (const { id } of recorded) {
        const held = runs.get(id);
        if (held) {
          runs.delete(id);
          await closeRun(held);
        }
        keyframes.forget(id);
        await writeLock.run(async () => createRunStore(sharedDatabase(), id).deleteRun());
      }
    },
    async close() {
      const all = [...runs.values()];
      runs.clear();
      for (const run of all) await closeRun(run);
      keyframes.close();
    },
  };
}

const cache = globalThis as { eventloomRunsHost?: RunsHost };

/** The process's run host, created on first use. */
export function runsHost(): RunsHost {
  cache.eventloomRunsHost ??= createRunsHost();
  return cache.eventloomRunsHost;
}

/** Replaces the process's run host (tests: a small registry, instant redrive pacing). Closes the old one. */
export async function replaceRunsHost(options: Partial<RunsHostOptions> = {}): Promise<RunsHost> {
  await cache.eventloomRunsHost?.close();
  cache.eventloomRunsHost = createRunsHost(options);
  return cache.eventloomRunsHost;
}
