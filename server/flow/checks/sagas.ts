// Saga-specific checks: compensations where a later step can fail, steps that can tell success,
// and choreography loops that never reach a terminal event.
import { accepted, outcomesOf, type Catalog } from "../catalog";
import type { ChoreographySaga, Flow, OrchestratedSaga } from "../schema";
import type { Report } from "./problem";

function checkOrchestrated(saga: OrchestratedSaga, s: number, catalog: Catalog, report: Report): void {
  const last = saga.steps.length - 1;
  saga.steps.forEach((step, i) => {
    const path = ["sagas", s, "steps", i];
    if (i < last && !step.compensation) {
      report([...path, "compensation"], `step "${step.name}" has no compensation, but a later step can fail and it must then be undone`);
    }
    const target = catalog.targets.get(step.target);
    const found = target && accepted(target, step.command);
    if (found?.kind === "aggregate" && !step.successEvent && found.command.emits.length === 0) {
      report(path, `step "${step.name}" cannot tell success: command ${step.command} emits no event; set successEvent`);
    }
    const compensation = step.compensation;
    const compensationTarget = compensation && catalog.targets.get(compensation.target ?? step.target);
    const undo = compensationTarget && accepted(compensationTarget, compensation.command);
    if (undo?.kind === "aggregate" && undo.command.emits.length === 0) {
      report([...path, "compensation"], `compensation ${compensation?.command} emits no event, so the saga cannot tell it succeeded`);
    }
  });
}

/** Event graph of a choreography: event → events its reactions' commands can lead to. */
function reactionGraph(saga: ChoreographySaga, catalog: Catalog): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const reaction of saga.reactions) {
    const target = catalog.targets.get(reaction.target);
    const found = target && accepted(target, reaction.command);
    const next = graph.get(reaction.on) ?? new Set<string>();
    for (const outcome of found ? outcomesOf(found) : []) next.add(outcome);
    graph.set(reaction.on, next);
  }
  return graph;
}

function reachable(graph: Map<string, Set<string>>, from: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(graph.get(from) ?? [])];
  for (let type = stack.pop(); type !== undefined; type = stack.pop()) {
    if (seen.has(type)) continue;
    seen.add(type);
    stack.push(...(graph.get(type) ?? []));
  }
  return seen;
}

function checkChoreography(saga: ChoreographySaga, s: number, catalog: Catalog, report: Report): void {
  const graph = reactionGraph(saga, catalog);
  const terminal = new Set(saga.terminal);
  const reported = new Set<string>();
  saga.reactions.forEach((reaction, r) => {
    const ahead = reachable(graph, reaction.on);
    if (!ahead.has(reaction.on) || reported.has(reaction.on)) return;
    const loop = [...ahead].filter((type) => reachable(graph, type).has(reaction.on));
    const exits = [reaction.on, ...ahead].some((type) => terminal.has(type));
    loop.forEach((type) => reported.add(type));
    if (!exits) {
      report(["sagas", s, "reactions", r], `reactions loop through ${[reaction.on, ...loop.filter((type) => type !== reaction.on)].map((type) => `"${type}"`).join(" → ")} and never reach a terminal event`);
    }
  });
}

export function checkSagas(flow: Flow, catalog: Catalog, report: Report): void {
  flow.sagas.forEach((saga, s) => {
    switch (saga.kind) {
      case "orchestrated":
        return checkOrchestrated(saga, s, catalog, report);
      case "choreography":
        return checkChoreography(saga, s, catalog, report);
      default: {
        const unknownSaga: never = saga;
        throw new Error(`unknown saga kind ${JSON.stringify(unknownSaga)}`);
      }
    }
  });
}
