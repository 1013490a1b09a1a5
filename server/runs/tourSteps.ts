// Guided tours on a live run in the studio: the tour of a run's flow (the teaching demo it is),
// one step performed on the run through the headless tour runner (server/tours) with its
// expectation results, and a restart that replays the steps before a given one on a new run.
import type { PrismaClient } from "../db/generated/client";
import { demos } from "../flow/demos";
import { flowToGraph, nodeIdForElement } from "../flow/graph";
import type { Tour } from "../flow/tour";
import { checkTour } from "../flow/tourCheck";
import type { ActionOutcome, ExpectationResult } from "../flow/tourExpect";
import { RunNotFoundError } from "./errors";
import type { RunsHost } from "./host";
import type { LiveRun } from "./liveRun";
import { findFlow } from "./records";

export interface TourView extends Tour {
  /** Canvas nodes to highlight per step (the elements' nodes), by step id. */
  highlightNodes: Record<string, string[]>;
}

export interface TourStepOutcome {
  id: string;
  title: string;
  index: number;
  outcome: ActionOutcome;
  results: ExpectationResult[];
  /** Every expectation held. */
  ok: boolean;
  /** Id of the step after this one, or null at the end. */
  next: string | null;
}

/** The tour of the run's flow, or null when the flow is not a teaching demo (or the run's document no longer fits it). */
export async function tourOf(prisma: PrismaClient, run: LiveRun): Promise<TourView | null> {
  const flow = await findFlow(prisma, run.flowId);
  const tour = demos.find((demo) => demo.key === flow.demoKey)?.tour;
  if (!tour || checkTour(run.flow, tour).length > 0) return null;
  const graph = flowToGraph(run.flow);
  const highlightNodes = Object.fromEntries(
    tour.steps.map((step) => [step.id, [...new Set(step.highlight.map((element) => nodeIdForElement(graph, element)).filter((node): node is string => node !== undefined))]]),
  );
  return { ...tour, highlightNodes };
}

async function requireTour(prisma: PrismaClient, run: LiveRun): Promise<TourView> {
  const tour = await tourOf(prisma, run);
  if (!tour) throw new RunNotFoundError("This run's flow has no guided tour: tours belong to the teaching demos.");
  return tour;
}

function indexOf(tour: Tour, stepId: string): number {
  const index = tour.steps.findIndex((step) => step.id === stepId);
  if (index < 0) throw new RunNotFoundError(`The tour has no step "${stepId}"; its steps are: ${tour.steps.map((step) => step.id).join(", ")}.`);
  return index;
}

async function perform(run: LiveRun, tour: Tour, index: number): Promise<TourStepOutcome> {
  const step = tour.steps[index]!;
  const result = await run.tourStep(step);
  return { ...result, index, ok: result.results.every((expectation) => expectation.ok), next: tour.steps[index + 1]?.id ?? null };
}

export async function performTourStep(prisma: PrismaClient, run: LiveRun, stepId: string): Promise<TourStepOutcome> {
  const tour = await requireTour(prisma, run);
  return perform(run, tour, indexOf(tour, stepId));
}

/** Resets the run (a new run, same seed and mode) and performs the steps before `stepId`: the tour goes back to that step. */
export async function restartTourAt(host: RunsHost, prisma: PrismaClient, run: LiveRun, stepId: string): Promise<{ run: LiveRun; performed: TourStepOutcome[] }> {
  const tour = await requireTour(prisma, run);
  const index = indexOf(tour, stepId);
  const fresh = await host.reset(prisma, run.id, {});
  const performed: TourStepOutcome[] = [];
  for (let i = 0; i < index; i++) performed.push(await perform(fresh, tour, i));
  return { run: fresh, performed };
}
