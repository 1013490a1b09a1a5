// The engine of one run: wires a SystemDefinition to a RunStore, a clock, a
// seeded random and a transport. dispatch() handles a command at once; the
// scheduler then drives the relay, projections, the command processor,
// services, sagas, reactions and consumers. Same definition + seed + command
// script (in fast mode) ⇒ the same log, event for event.

import { fastClock, type RuntimeClock } from "../core/clock";
import type { Command, RecordedEvent, SystemDefinition } from "../core/definitions";
import { retryTopic } from "../core/messageHeaders";
import { ids, randomFor, seededRandom } from "../core/random";
import { indexSystem, type SystemIndex } from "../core/systemIndex";
import type { DeadLetter, ReadAllOptions, ReadStreamOptions, RunStore } from "../store";
import { createCommandHandler, type DispatchMetadata, type DispatchResult, type LoadedAggregate } from "./commands";
import { commandProcessorHandler, consumerHandler, reactionHandler } from "./handlers";
import { createGroupRunner, type GroupHandler } from "./groupRunner";
import { createInProcessBus } from "./inProcessBus";
import { createProjectionRunner, type ProjectionRunner } from "./projections";
import { createRelay } from "./relay";
import { createFaultBoard, faultKey, type InjectedFault } from "./faults";
import { createRunContext, traceIds } from "./runContext";
import { sagaHandler } from "./sagaHandler";
import { createScheduler, type RunOptions, type RunResult, type Scheduler, type Worker } from "./scheduler";
import { serviceHandler } from "./serviceHandler";
import type { Transport } from "./transport";

export interface EngineOptions {
  definition: SystemDefinition;
  store: RunStore;
  /** Seed of the run's random (ids of commands without one, service failures, retry jitter). */
  seed: number;
  /** Default: a fast (virtual) clock starting where the run's log ends, or at 0. */
  clock?: RuntimeClock;
  /** Default: the in-process bus on the run's topics table. */
  transport?: Transport;
  /** Live mode: called when background work fails unexpectedly (the scheduler stops). */
  onError?: (error: unknown) => void;
  /**
   * A worker process (Kafka mode): runs only these consumer groups, and neither the
   * relay nor the projections, which stay with the process that owns the run.
   * Default: everything. Naming a group the definition lacks is an UnknownNameError.
   */
  onlyGroups?: readonly string[];
}

/** A command, or an admin request, names something the definition does not have. */
export class UnknownNameError extends Error {
  override readonly name = "UnknownNameError";
}

/** A consumer group the engine runs (user consumers, sagas, reactions, services, the command processor). */
export interface GroupInfo {
  group: string;
  /** Its node name in the trace. */
  node: string;
  /** Topics it consumes (their `_retry.` topics too). */
  topics: readonly string[];
}

/** An injected fault with its identity (pass `key` to clearFault). */
export interface ActiveFault {
  key: string;
  fault: InjectedFault;
}

export interface Engine {
  readonly store: RunStore;
  readonly clock: RuntimeClock;
  readonly system: SystemIndex;
  /** Every consumer group of the definition (also those a worker process leaves to others). */
  readonly groups: readonly GroupInfo[];
  /** Decides and appends at once; what follows (relay, consumers...) runs in the scheduler. */
  dispatch(command: Command, metadata?: DispatchMetadata): Promise<DispatchResult>;
  /** Fast mode: everything to quiescence in virtual time. Live mode: only what is due now. */
  runUntilIdle(options?: RunOptions): Promise<RunResult>;
  /** One unit of work; false when none is due. */
  step(): Promise<boolean>;
  /** Live mode: run in the background, paced by the clock, until stop(). */
  start(): void;
  stop(): Promise<void>;
  readonly running: boolean;
  /** Current state of an aggregate instance (snapshot + newer events, upcast). */
  loadAggregate(aggregate: string, aggregateId: string): LoadedAggregate;
  /** Stream events as the definition reads them (upcast to their latest version). */
  readStream(streamId: string, options?: ReadStreamOptions): RecordedEvent[];
  readAll(options?: ReadAllOptions): RecordedEvent[];
  redrive(deadLetterId: number): DeadLetter;
  /** Redrives the oldest dead letters, at most `limit`. */
  redriveMany(limit: number): DeadLetter[];
  discard(deadLetterId: number): DeadLetter;
  /** The next `count` calls of a service operation fail (a fault injected at run time). */
  failNext(service: string, operation: string, count: number): void;
  /** Injects a fault, replacing one with the same key; a zero count, probability or delay clears it. Unknown names are an UnknownNameError. */
  injectFault(fault: InjectedFault): ActiveFault;
  /** Clears the fault with this key (see ActiveFault); unknown keys are ignored. */
  clearFault(key: string): void;
  /** Faults in force, fail-next counts included. */
  faults(): ActiveFault[];
  /** Clears a projection's rows and checkpoint; it catches up again from the first event. */
  rebuildProjection(name: string): void;
  /** Position up to which a projection has counted the log. */
  projectionPosition(name: string): number;
  /** Stops the scheduler and closes the transport (not the database). */
  close(): Promise<void>;
}

/** Boots are counted so a restarted engine never draws the ids of an earlier boot again. */
const BOOT_COUNTER = "engine:boots";

export function createEngine(options: EngineOptions): Engine {
  const { store, definition, seed } = options;
  const system = indexSystem(definition);
  const clock = options.clock ?? fastClock(store.lastKnownTime() ?? 0);
  const boot = store.checkpoints.increment(BOOT_COUNTER, 1, clock.now()) - 1;
  const bootSeed = boot === 0 ? seed : Math.floor(randomFor(seed, `boot:${boot}`) * 2 ** 32);
  const faultBoard = createFaultBoard(store.checkpoints);
  const ctx = createRunContext(store, system, clock, seed, ids(seededRandom(bootSeed)), faultBoard);
  const transport = options.transport ?? createInProcessBus(store, clock);
  const commands = createCommandHandler(ctx);

  const projections = new Map<string, ProjectionRunner>(definition.projections.map((p) => [p.name, createProjectionRunner(ctx, p)]));
  const handlers: GroupHandler[] = [
    commandProcessorHandler(commands),
    ...definition.services.map((s) => serviceHandler(ctx, s)),
    ...definition.sagas.map((s) => sagaHandler(ctx, s)),
    ...definition.reactions.map((r) => reactionHandler(ctx, r)),
    ...definition.consumers.map((c) => consumerHandler(ctx, c)),
  ];
  const only = options.onlyGroups;
  const unknownGroups = only?.filter((name) => !handlers.some((handler) => handler.group === name)) ?? [];
  if (unknownGroups.length > 0) {
    const names = handlers.map((handler) => handler.group).join(", ");
    throw new UnknownNameError(`There is no consumer group named ${unknownGroups.map((name) => `"${name}"`).join(", ")}; this system's groups are: ${names}.`);
  }
  const group = (handler: GroupHandler) => createGroupRunner(ctx, transport, handler);
  const workers: Worker[] = only
    ? handlers.filter((handler) => only.includes(handler.group)).map(group)
    : [createRelay(ctx, transport, definition.outbox), ...projections.values(), ...handlers.map(group)];
  const scheduler: Scheduler = createScheduler(clock, workers, {
    onError: options.onError,
    batch: store.batch,
    // The in-process bus waits for nothing but microtasks, so a live slice of steps can share a commit.
    ...(options.transport ? {} : { liveBatch: store.batch }),
  });

  function projection(name: string): ProjectionRunner {
    const runner = projections.get(name);
    if (!runner) throw new UnknownNameError(`There is no projection named "${name}".`);
    return runner;
  }

  const operations = definition.services.flatMap((service) => service.operations.map((operation) => ({ service: service.name, operation: operation.name })));
  const activeFaults = (): ActiveFault[] => faultBoard.list(operations).map((fault) => ({ key: faultKey(fault), fault }));

  function checkFault(fault: InjectedFault): void {
    switch (fault.kind) {
      case "service-fail-next":
      case "service-failure-rate":
        if (!system.operation(fault.service, fault.operation)) throw new UnknownNameError(`There is no service operation ${fault.service}.${fault.operation}.`);
        return;
      case "handler-error":
      case "slow-consumer":
      case "duplicate-delivery":
        if (!handlers.some((handler) => handler.group === fault.group)) {
          throw new UnknownNameError(`There is no consumer group named "${fault.group}"; this system's groups are: ${handlers.map((handler) => handler.group).join(", ")}.`);
        }
        return;
      case "relay-paused":
        return;
      default: {
        const unknown: never = fault;
        throw new UnknownNameError(`Unknown fault ${JSON.stringify(unknown)}.`);
      }
    }
  }

  function injectFault(fault: InjectedFault): ActiveFault {
    checkFault(fault);
    faultBoard.set(fault, clock.now());
    scheduler.wake();
    return { key: faultKey(fault), fault };
  }

  function traced(kind: "redriven" | "discarded", letter: DeadLetter): DeadLetter {
    const metadata = JSON.parse(letter.payload) as { metadata?: { correlationId?: string; causationId?: string } };
    ctx.trace(kind, {
      ...traceIds({ messageId: letter.messageId, correlationId: metadata.metadata?.correlationId ?? letter.messageId, causationId: metadata.metadata?.causationId ?? letter.messageId }),
      fromNode: `_dlq.${letter.originalTopic}`,
      toNode: kind === "redriven" ? letter.group : null,
      summary: `Dead letter ${letter.id} ${kind} (${letter.originalTopic} for ${letter.group})`,
      detail: { deadLetterId: letter.id },
    });
    return letter;
  }

  return {
    store,
    clock,
    system,
    groups: handlers.map((handler) => ({ group: handler.group, node: handler.node, topics: [...handler.topics, ...handler.topics.map(retryTopic)] })),
    async dispatch(command, metadata) {
      const result = await commands.dispatch(command, metadata);
      scheduler.wake();
      return result;
    },
    runUntilIdle: (runOptions) => scheduler.runUntilIdle(runOptions),
    step: () => scheduler.step(),
    start: () => scheduler.start(),
    stop: () => scheduler.stop(),
    get running() {
      return scheduler.running;
    },
    loadAggregate(aggregate, aggregateId) {
      const found = system.aggregate(aggregate);
      if (!found) throw new UnknownNameError(`There is no aggregate named "${aggregate}".`);
      return commands.load(found, aggregateId);
    },
    readStream: (streamId, readOptions) => store.events.readStream(streamId, readOptions).map((e) => system.upcasters.upcast(e)),
    readAll: (readOptions) => store.events.readAll(readOptions).map((e) => system.upcasters.upcast(e)),
    redrive(id) {
      const letter = store.transaction(() => traced("redriven", store.deadLetters.redrive(id, clock.now())));
      scheduler.wake();
      return letter;
    },
    redriveMany(limit) {
      const letters = store.transaction(() => store.deadLetters.redriveMany(limit, clock.now()).map((l) => traced("redriven", l)));
      scheduler.wake();
      return letters;
    },
    discard: (id) => store.transaction(() => traced("discarded", store.deadLetters.discard(id, clock.now()))),
    failNext(service, operation, count) {
      injectFault({ kind: "service-fail-next", service, operation, count });
    },
    injectFault,
    clearFault(key) {
      const found = activeFaults().find((active) => active.key === key);
      if (!found) return;
      faultBoard.clear(found.fault, clock.now());
      scheduler.wake();
    },
    faults: activeFaults,
    rebuildProjection(name) {
      projection(name).rebuild();
      scheduler.wake();
    },
    projectionPosition: (name) => projection(name).position(),
    async close() {
      await scheduler.stop();
      for (const worker of workers) await worker.close();
      await transport.close();
    },
  };
}
