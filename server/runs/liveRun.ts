// One open run in the studio: its engine and clock behind the run bar (play, pause, step, speed),
// the command console (dispatch, fast-mode scripts) with every command recorded, injected faults
// and guided-tour steps. Control requests of a run take turns (a per-run lock); work that holds a
// long write transaction (settling in virtual time) also takes the process-wide lock.
import type { Command, RecordedEvent } from "../core/definitions";
import type { Flow } from "../flow/schema";
import type { TourAction, TourStep } from "../flow/tour";
import type { ActiveFault, DispatchResult, Engine, InjectedFault, VersionConflict } from "../runtime";
import type { KafkaTransport } from "../runtime/kafka";
import type { CommandLog } from "../store";
import { runTourStep, type StepResult } from "../tours/runTour";
import { recordIntervention, recordingInterventions } from "./interventions";
import { RunLimitError, RunStateError } from "./errors";
import { MAX_RUN_COMMANDS, MAX_SCRIPT_COMMANDS, MAX_SETTLE_STEPS } from "./limits";
import { createMutex, type Mutex } from "./mutex";
import type { OpenedRun, RunMode } from "./openRun";

export type RunStatus = "running" | "paused" | "finished" | "failed";

export interface RunState {
  runId: string;
  flowId: string;
  mode: RunMode;
  /** Where its messages travel: the in-process bus, or a Kafka broker (the studio's EVENTLOOM_TRANSPORT=kafka, live runs). */
  transport: "in-process" | "kafka";
  /** As recorded in the Run row: a finished run that receives work again is paused. */
  status: RunStatus;
  seed: number;
  playing: boolean;
  speed: number;
  /** Clock time (ms) of the run. */
  now: number;
  /** Why background work stopped, when it failed; cleared by play. */
  failure: string | null;
  /** Commands dispatched so far. */
  commands: number;
}

export interface Settled {
  /** Units of work done. */
  steps: number;
  /** False when the work bound (MAX_SETTLE_STEPS) stopped it first. */
  idle: boolean;
  now: number;
  /** Set when the run did not settle, in words. */
  warning: string | null;
}

export type DispatchOutcome =
  | { status: "accepted"; commandId: string; correlationId: string; streamId: string; events: { type: string; streamVersion: number; position: number }[] }
  /** `conflict`: set for a concurrency conflict (stream id, expected and actual version). */
  | { status: "rejected"; commandId: string; correlationId: string; message: string; conflict?: VersionConflict }
  | { status: "duplicate"; commandId: string; correlationId: string };

export interface CommandInput {
  command: Command;
  correlationId?: string;
  /** Decide only at this stream version of the aggregate; otherwise a concurrency-conflict rejection. */
  expectedVersion?: number;
}

export interface LiveRun {
  readonly id: string;
  readonly flowId: string;
  readonly mode: RunMode;
  readonly seed: number;
  /** The flow document the run was started with. */
  readonly flow: Flow;
  /** The engine; its dispatch records every command in the run's command log. */
  readonly engine: Engine;
  readonly commandLog: CommandLog;
  /** The run's Kafka transport (broker lag, groups left to workers), or undefined on the in-process bus. */
  readonly kafka: KafkaTransport | undefined;
  /** Wall time (ms) of the last request. */
  readonly lastUsed: number;
  /** A request is in progress. */
  readonly busy: boolean;
  state(): RunState;
  play(): Promise<RunState>;
  pause(): Promise<RunState>;
  /** One unit of work (a paused run jumps its clock to the next due work). */
  step(): Promise<{ worked: boolean; now: number }>;
  /** Paused runs: everything due, at any time, in virtual time (the clock jumps ahead). */
  settle(): Promise<Settled>;
  setSpeed(speed: number): Promise<RunState>;
  /** Fast mode settles the run after the command. */
  dispatch(input: CommandInput): Promise<{ outcome: DispatchOutcome; settled: Settled | null }>;
  /** Fast mode: each command is dispatched, then the run settles; live mode: all are dispatched and the run plays them out. */
  script(inputs: CommandInput[]): Promise<{ outcomes: DispatchOutcome[]; settled: Settled | null }>;
  faults(): ActiveFault[];
  injectFault(fault: InjectedFault): Promise<ActiveFault>;
  clearFault(key: string): Promise<void>;
  /** Performs a tour step's action, settles the run in virtual time (pausing it meanwhile) and checks the step's expectations. */
  tourStep(step: TourStep): Promise<StepResult>;
  /** Any request that must not interleave with control requests (redrives, reads of many parts). */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  /** Stops the engine (pausing a playing run); the database stays. */
  close(): Promise<void>;
}

export interface LiveRunInit {
  id: string;
  flowId: string;
  mode: RunMode;
  seed: number;
  /** In Kafka mode, its engine's runUntilIdle waits until the run on the broker has settled (settlingOnKafka). */
  opened: OpenedRun;
  kafka?: KafkaTransport;
  /** The status the Run row holds now. */
  status: RunStatus;
  /** The process-wide lock for long write transactions. */
  writeLock: Mutex;
  wallNow: () => number;
  /** Records a status change of the run (the host writes the Run row). */
  onStatus: (status: RunStatus) => Promise<void>;
}

/** Plain-object view of a dispatch result. */
function outcomeOf(result: DispatchResult, correlationId: string): DispatchOutcome {
  switch (result.status) {
    case "accepted":
      return {
        status: "accepted",
        commandId: result.commandId,
        correlationId,
        streamId: result.streamId,
        events: result.events.map((event: RecordedEvent) => ({ type: event.type, streamVersion: event.streamVersion, position: event.position })),
      };
    case "rejected":
      return { status: "rejected", commandId: result.commandId, correlationId, message: result.message, ...(result.conflict ? { conflict: result.conflict } : {}) };
    case "duplicate":
      return { status: "duplicate", commandId: result.commandId, correlationId };
    default: {
      const unknown: never = result;
      throw new Error(`Unknown dispatch result ${JSON.stringify(unknown)}.`);
    }
  }
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createLiveRun(init: LiveRunInit): LiveRun & { fail(error: unknown): void } {
  const { opened, writeLock } = init;
  const { engine: bare, clock, flow } = opened;
  const commandLog = bare.store.commands;
  const lock = createMutex();
  let lastUsed = init.wallNow();
  let failure: string | null = null;
  let status = init.status;

  async function setStatus(next: RunStatus): Promise<void> {
    if (next === status) return;
    status = next;
    await init.onStatus(next);
  }

  /** Work on a finished run reopens it: it is paused (or running) again. */
  const reopened = () => (status === "finished" ? setStatus("paused") : Promise.resolve());

  // Every dispatch through this run, tour steps included, lands in the command log (in the
  // transaction of its outcome); faults, redrives and discards in its intervention log.
  const engine: Engine = recordingInterventions(
    new Proxy(bare, {
      get(target, property, receiver) {
        if (property !== "dispatch") return Reflect.get(target, property, receiver);
        return (command: Command, metadata?: Parameters<Engine["dispatch"]>[1]) => bare.dispatch(command, { ...metadata, record: true });
      },
    }),
  );

  function state(): RunState {
    return {
      runId: init.id,
      flowId: init.flowId,
      mode: init.mode,
      transport: init.kafka ? "kafka" : "in-process",
      status,
      seed: init.seed,
      playing: clock.playing,
      speed: clock.speed,
      now: clock.now(),
      failure,
      commands: commandLog.count(),
    };
  }

  function exclusively<T>(work: () => Promise<T>): Promise<T> {
    lastUsed = init.wallNow();
    return lock.run(work);
  }

  function requireLive(action: string): void {
    if (init.mode === "fast") throw new RunStateError(`A fast run settles at once and has no clock to ${action}; start a live run to watch it in time.`);
  }

  async function settle(): Promise<Settled> {
    const result = await writeLock.run(() => engine.runUntilIdle({ maxSteps: MAX_SETTLE_STEPS }));
    const warning = result.idle
      ? null
      : `The run did not settle after ${MAX_SETTLE_STEPS.toLocaleString("en")} units of work; it may loop (a reaction that triggers itself?). Step or reset it.`;
    return { ...result, warning };
  }

  function checkLength(adding: number): void {
    if (commandLog.count() + adding > MAX_RUN_COMMANDS) {
      throw new RunLimitError(`A run holds at most ${MAX_RUN_COMMANDS.toLocaleString("en")} commands and this one has ${commandLog.count().toLocaleString("en")}; reset to start a new run.`);
    }
  }

  async function send(input: CommandInput): Promise<DispatchOutcome> {
    const { correlationId, expectedVersion } = input;
    const result = await engine.dispatch(input.command, {
      ...(correlationId === undefined ? {} : { correlationId }),
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
    });
    return outcomeOf(result, input.correlationId ?? result.commandId);
  }

  async function stopPlaying(): Promise<boolean> {
    if (!clock.playing) return false;
    await bare.stop();
    clock.pause();
    return true;
  }

  function startPlaying(): void {
    clock.play();
    bare.start();
  }

  return {
    id: init.id,
    flowId: init.flowId,
    mode: init.mode,
    seed: init.seed,
    flow,
    engine,
    commandLog,
    kafka: init.kafka,
    get lastUsed() {
      return lastUsed;
    },
    get busy() {
      return lock.busy;
    },
    state,
    play: () =>
      exclusively(async () => {
        requireLive("play");
        failure = null;
        if (!clock.playing || !bare.running) startPlaying();
        await setStatus("running");
        return state();
      }),
    pause: () =>
      exclusively(async () => {
        if ((await stopPlaying()) || status === "running") await setStatus("paused");
        return state();
      }),
    step: () =>
      exclusively(async () => {
        if (clock.playing) throw new RunStateError("The run is playing; pause it to step one hop at a time.");
        await reopened();
        const worked = await bare.step();
        return { worked, now: clock.now() };
      }),
    settle: () =>
      exclusively(async () => {
        if (clock.playing) throw new RunStateError("The run is playing; pause it to run it to its end at once.");
        await reopened();
        return settle();
      }),
    setSpeed: (speed) =>
      exclusively(async () => {
        requireLive("speed up");
        clock.setSpeed(speed);
        return state();
      }),
    dispatch: (input) =>
      exclusively(async () => {
        checkLength(1);
        await reopened();
        const outcome = await send(input);
        return { outcome, settled: init.mode === "fast" ? await settle() : null };
      }),
    script: (inputs) =>
      exclusively(async () => {
        if (inputs.length > MAX_SCRIPT_COMMANDS) throw new RunLimitError(`A script holds at most ${MAX_SCRIPT_COMMANDS.toLocaleString("en")} commands; this one has ${inputs.length.toLocaleString("en")}.`);
        checkLength(inputs.length);
        await reopened();
        const outcomes: DispatchOutcome[] = [];
        let settled: Settled | null = null;
        for (const input of inputs) {
          outcomes.push(await send(input));
          if (init.mode === "fast") {
            settled = await settle();
            if (!settled.idle) break;
          }
          await nextTick();
        }
        return { outcomes, settled };
      }),
    faults: () => bare.faults(),
    injectFault: (fault) => exclusively(async () => engine.injectFault(fault)),
    clearFault: (key) => exclusively(async () => engine.clearFault(key)),
    tourStep: (step) =>
      exclusively(async () => {
        const wasPlaying = await stopPlaying();
        await reopened();
        try {
          // A tour's fault is recorded as the tour did it (its commands and redrives go through the engine).
          const performed = (action: TourAction) => {
            if (action.kind === "fault") recordIntervention(engine, { kind: "tour-fault", stepId: step.id, fault: action.fault });
          };
          return await writeLock.run(() => runTourStep(engine, flow, step, undefined, performed));
        } finally {
          if (wasPlaying) startPlaying();
        }
      }),
    exclusively,
    async close() {
      await lock.run(async () => {
        if ((await stopPlaying()) && status === "running") await setStatus("paused");
        await bare.close();
      });
    },
    fail(error) {
      failure = error instanceof Error ? error.message : String(error);
      clock.pause();
      void setStatus("failed");
    },
  };
}
