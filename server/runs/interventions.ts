// What a person does to a run besides dispatching commands, recorded so a fork of the run does it
// again at the same moment: faults injected or cleared (the fault panel, a what-if change), a
// guided tour's faults, and dead letters redriven or discarded (one by one, in bulk or by a tour).
// `recordingInterventions` wraps a run's engine so each of these is written to the run's
// intervention log (server/store) right after it succeeded, with the clock time and the commands
// recorded before it; `performIntervention` does a recorded one again on another engine.
import type { JsonObject } from "../core/definitions";
import type { Flow } from "../flow/schema";
import type { Fault } from "../flow/tour";
import type { Engine, InjectedFault } from "../runtime";
import type { RecordedIntervention } from "../store";
import { injectTourFault } from "../tours/runTour";

export type Intervention =
  | { kind: "inject-fault"; fault: InjectedFault }
  | { kind: "clear-fault"; key: string }
  | { kind: "tour-fault"; stepId: string; fault: Fault }
  /** A dead letter is known by its message and group: ids of the dead-letter table differ between runs. */
  | { kind: "redrive"; messageId: string; group: string }
  | { kind: "discard"; messageId: string; group: string };

export interface TimedIntervention {
  seq: number;
  at: number;
  afterCommand: number;
  intervention: Intervention;
}

/** Writes `intervention` to the engine's run at the clock's time, after the commands recorded so far. */
export function recordIntervention(engine: Engine, intervention: Intervention): void {
  const { kind, ...data } = intervention;
  engine.store.interventions.record({ at: engine.clock.now(), afterCommand: engine.store.commands.count(), kind, data: data as JsonObject });
}

/** The run's interventions, oldest first. */
export function interventionsOf(engine: Pick<Engine, "store">): TimedIntervention[] {
  return engine.store.interventions.list().map((entry: RecordedIntervention) => ({
    seq: entry.seq,
    at: entry.at,
    afterCommand: entry.afterCommand,
    intervention: { kind: entry.kind, ...entry.data } as Intervention,
  }));
}

/** The engine, with faults injected and cleared and dead letters redriven and discarded through it recorded. */
export function recordingInterventions(engine: Engine): Engine {
  const recorded: Partial<Engine> = {
    injectFault(fault) {
      const active = engine.injectFault(fault);
      recordIntervention(engine, { kind: "inject-fault", fault });
      return active;
    },
    clearFault(key) {
      engine.clearFault(key);
      recordIntervention(engine, { kind: "clear-fault", key });
    },
    redrive(id) {
      const letter = engine.redrive(id);
      recordIntervention(engine, { kind: "redrive", messageId: letter.messageId, group: letter.group });
      return letter;
    },
    redriveMany(limit) {
      const letters = engine.redriveMany(limit);
      for (const letter of letters) recordIntervention(engine, { kind: "redrive", messageId: letter.messageId, group: letter.group });
      return letters;
    },
    discard(id) {
      const letter = engine.discard(id);
      recordIntervention(engine, { kind: "discard", messageId: letter.messageId, group: letter.group });
      return letter;
    },
  };
  return new Proxy(engine, {
    get: (target, property, receiver) => (property in recorded ? recorded[property as keyof Engine] : Reflect.get(target, property, receiver)),
  });
}

/**
 * Does a recorded intervention again on `engine` (a fork: pass it the recording engine, so the fork
 * keeps its own log). Returns why it could not be done, in words, or null.
 */
export function performIntervention(engine: Engine, flow: Flow, intervention: Intervention): string | null {
  switch (intervention.kind) {
    case "inject-fault":
      engine.injectFault(intervention.fault);
      return null;
    case "clear-fault":
      engine.clearFault(intervention.key);
      return null;
    case "tour-fault":
      injectTourFault(engine, flow, intervention.fault, intervention.stepId);
      recordIntervention(engine, intervention);
      return null;
    case "redrive":
    case "discard": {
      const { messageId, group } = intervention;
      const letter = engine.store.deadLetters.list({ status: "dead", limit: 1_000_000 }).find((candidate) => candidate.messageId === messageId && candidate.group === group);
      if (!letter) return `The dead letter of message ${messageId} for ${group} that the run ${intervention.kind === "redrive" ? "redrove" : "discarded"} is not in the fork, so it was left alone.`;
      if (intervention.kind === "redrive") engine.redrive(letter.id);
      else engine.discard(letter.id);
      return null;
    }
    default: {
      const unknown: never = intervention;
      throw new Error(`Unknown intervention ${JSON.stringify(unknown)}.`);
    }
  }
}
