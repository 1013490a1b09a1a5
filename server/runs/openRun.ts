// THE one place that turns a Flow run (document, run id, seed, mode, speed, transport, groups)
// into an Engine: validate and compile the flow with the sandbox, bind the run's store on the
// process's shared connection, and create its clock (fast: virtual; live: wall time × speed,
// starting where the run's log ends; or epoch time, which every process of a Kafka-mode run
// agrees on). Used by the studio's run host and by worker processes.
import { FlowCompileError, compileFlow } from "../flow/compile";
import type { Flow } from "../flow/schema";
import { checkFlow } from "../flow/validate";
import type { RuntimeClock } from "../core/clock";
import type { SystemDefinition } from "../core/definitions";
import { createEngine, type Engine, type Transport } from "../runtime";
import { createRunStore, type RunStore, type SqliteDatabase } from "../store";
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
  /**
   * Live mode: "run" (default) = clock time continues where the run's log ends, at `speed`;
   * "epoch" = wall time in epoch ms at speed 1, the only clock several processes agree on
   * (Kafka mode: due times in headers mean the same in every process); paused, it resumes at
   * wall time.
   */
  clock?: "run" | "epoch";
  /** Default: the in-process bus on the run's topics table. A factory: a transport binds to the run's store and clock. */
  transport?: (store: RunStore, clock: RuntimeClock) => Transport;
  /** A worker process: run only these consumer groups (see EngineOptions.onlyGroups). */
  onlyGroups?: readonly string[];
  /** Live mode: background work failed unexpectedly (the scheduler has stopped). */
  onError?: (error: unknown) => void;
  /** Default: the process's shared connection to databaseFile(). */
  db?: SqliteDatabase;
}

export interface OpenedRun {
  flow: Flow;
  /** The flow compiled (what the engine runs, and what the run's timeline folds with). */
  definition: SystemDefinition;
  engine: Engine;
  /** Play, pause and speed of the run's time. */
  clock: RunClock;
}

/**
 * The flow cannot run: FlowCompileError with every problem (structure, semantics, snippets).
 * A group `onlyGroups` names that the flow lacks: UnknownNameError (the transport is closed).
 */
export async function openRun(options: OpenRunOptions): Promise<OpenedRun> {
  const checked = checkFlow(options.flow);
  if (!checked.ok) throw new FlowCompileError(checked.problems);
  const definition = compileFlow(checked.flow, { snippets: await sharedSandbox() });
  const store = createRunStore(options.db ?? sharedDatabase(), options.runId);
  const epoch = options.clock === "epoch";
  const clock = createRunClock({
    speed: epoch ? 1 : (options.speed ?? 1),
    source: epoch ? Date.now : () => performance.now(),
    start: epoch ? Date.now() : (store.lastKnownTime() ?? 0),
    playing: options.mode === "live" && (options.playing ?? true),
    shared: epoch,
  });
  const transport = options.transport?.(store, clock.clock);
  try {
    const engine = createEngine({
      definition,
      store,
      seed: options.seed,
      clock: clock.clock,
      ...(transport ? { transport } : {}),
      ...(options.onlyGroups ? { onlyGroups: options.onlyGroups } : {}),
      ...(options.onError ? { onError: options.onError } : {}),
    });
    return { flow: checked.flow, definition, engine, clock };
  } catch (error) {
    await transport?.close();
    throw error;
  }
}
