// THE one place that turns a Flow run (document, run id, seed, mode, speed, transport, groups)
// into an Engine: validate and compile the flow with the sandbox, bind the run's store on the
// process's shared connection, and create its clock (fast: virtual; live: wall time × speed,
// starting where the run's log ends). Used by the studio's run host and by worker processes.
import { FlowCompileError, compileFlow } from "../flow/compile";
import type { Flow } from "../flow/schema";
import { checkFlow } from "../flow/validate";
import { createEngine, type Engine, type Transport } from "../runtime";
import { createRunStore, type SqliteDatabase } from "../store";
import { createRunClock, type RunClock } from "./runClock";
import { sharedDatabase, sharedSandbox } from "./shared";

export type RunMode = "live" | "fast";

export interface OpenRunOptions {
  /** The Flow document as stored (JSON); validated here. */
  flow: unknown;
  runId: string;
  seed: number;
  mode: RunMode;
  /** Live mode: clock ms per wall ms, ×0.25 to ×16; default 1. */
  speed?: number;
  /** Live mode: whether the clock starts running (default true) or paused. Fast mode is always virtual. */
  playing?: boolean;
  /** Default: the in-process bus on the run's topics table. */
  transport?: Transport;
  /** A worker process: run only these consumer groups (see EngineOptions.onlyGroups). */
  onlyGroups?: readonly string[];
  /** Live mode: background work failed unexpectedly (the scheduler has stopped). */
  onError?: (error: unknown) => void;
  /** Default: the process's shared connection to databaseFile(). */
  db?: SqliteDatabase;
}

export interface OpenedRun {
  flow: Flow;
  engine: Engine;
  /** Play, pause and speed of the run's time. */
  clock: RunClock;
}

/** The flow cannot run: FlowCompileError with every problem (structure, semantics, snippets). */
export async function openRun(options: OpenRunOptions): Promise<OpenedRun> {
  const checked = checkFlow(options.flow);
  if (!checked.ok) throw new FlowCompileError(checked.problems);
  const definition = compileFlow(checked.flow, { snippets: await sharedSandbox() });
  const store = createRunStore(options.db ?? sharedDatabase(), options.runId);
  const clock = createRunClock({
    speed: options.speed ?? 1,
    source: () => performance.now(),
    start: store.lastKnownTime() ?? 0,
    playing: options.mode === "live" && (options.playing ?? true),
  });
  const engine = createEngine({
    definition,
    store,
    seed: options.seed,
    clock: clock.clock,
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.onlyGroups ? { onlyGroups: options.onlyGroups } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  return { flow: checked.flow, engine, clock };
}
