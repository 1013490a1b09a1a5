// Runs a guided tour headless against an engine: performs each step's action, lets the run
// settle (fast mode: to quiescence), then checks the step's expectations.
import { HEADER } from "../core/messageHeaders";
import type { Flow } from "../flow/schema";
import type { Fault, Tour, TourAction } from "../flow/tour";
import { checkExpectation, type ActionOutcome, type ExpectationResult, type TourObserver } from "../flow/tourExpect";
import type { Engine } from "../runtime";
import { createTourObserver } from "./observer";

export interface StepResult {
  id: string;
  title: string;
  outcome: ActionOutcome;
  results: ExpectationResult[];
}

/** A tour action that cannot be carried out on this run, with a sentence saying why. */
export class TourActionError extends Error {
  override readonly name = "TourActionError";
}

/** Performs a tour step's fault on the engine (a fork of the run does it again through this). */
export function injectTourFault(engine: Engine, flow: Flow, fault: Fault, stepId: string): void {
  const { store, clock } = engine;
  switch (fault.kind) {
    case "fail-next-call":
      engine.failNext(fault.service, fault.operation, fault.count);
      return;
    case "legacy-event": {
      const aggregate = flow.aggregates.find((candidate) => candidate.name === fault.aggregate);
      if (!aggregate) throw new TourActionError(`There is no aggregate named "${fault.aggregate}".`);
      const streamId = `${aggregate.streamPrefix}-${fault.aggregateId}`;
      const eventId = `legacy-${stepId}`;
      store.events.appendToStream(streamId, [{ eventId, type: fault.type, data: fault.data, metadata: { messageId: eventId, correlationId: eventId, causationId: eventId } }], {
        now: clock.now(),
      });
      return;
    }
    case "duplicate-delivery": {
      const latest = store.topics.read(fault.topic, 0, 1_000_000).at(-1);
      if (!latest) throw new TourActionError(`Nothing was published on ${fault.topic} yet, so there is nothing to deliver again.`);
      const { offset: _offset, createdAt: _createdAt, dueAt: _dueAt, ...message } = latest;
      store.outbox.enqueue([{ ...message, headers: { ...message.headers, [HEADER.targetGroup]: fault.group } }], clock.now());
      return;
    }
    default: {
      const unknownFault: never = fault;
      throw new TourActionError(`Unknown fault ${JSON.stringify(unknownFault)}.`);
    }
  }
}

async function perform(engine: Engine, flow: Flow, action: TourAction, stepId: string): Promise<ActionOutcome> {
  switch (action.kind) {
    case "command": {
      const result = await engine.dispatch(
        { aggregate: action.aggregate, aggregateId: action.aggregateId, type: action.command, data: action.data },
        action.correlationId === undefined ? {} : { correlationId: action.correlationId },
      );
      return result.status === "rejected" ? { rejection: result.message } : {};
    }
    case "fault":
      injectTourFault(engine, flow, action.fault, stepId);
      return {};
    case "redrive":
      for (const letter of engine.store.deadLetters.list({ status: "dead", limit: 1_000_000 })) {
        if (letter.group === action.group) engine.redrive(letter.id);
      }
      return {};
    case "observe":
      return {};
    default: {
      const unknownAction: never = action;
      throw new TourActionError(`Unknown tour action ${JSON.stringify(unknownAction)}.`);
    }
  }
}

/**
 * Performs one step and checks its expectations once the run is idle. `performed` is told right
 * after the action, before the run settles (the studio records a tour's faults there).
 */
export async function runTourStep(
  engine: Engine,
  flow: Flow,
  step: Tour["steps"][number],
  observer: TourObserver = createTourObserver(engine),
  performed: (action: TourAction) => void = () => {},
): Promise<StepResult> {
  const outcome = await perform(engine, flow, step.action, step.id);
  performed(step.action);
  const settled = await engine.runUntilIdle();
  if (!settled.idle) throw new TourActionError(`Step "${step.title}" did not settle after ${settled.steps} units of work.`);
  const results: ExpectationResult[] = [];
  for (const expectation of step.expect) results.push(await checkExpectation(expectation, observer, outcome));
  return { id: step.id, title: step.title, outcome, results };
}

export async function runTour(engine: Engine, flow: Flow, tour: Tour): Promise<StepResult[]> {
  const observer = createTourObserver(engine);
  const steps: StepResult[] = [];
  for (const step of tour.steps) steps.push(await runTourStep(engine, flow, step, observer));
  return steps;
}
