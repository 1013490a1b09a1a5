// What the crash soak sends to each demo's run: its tour, over and over, on fresh aggregate ids
// (commands, injected faults — failing service calls, duplicate deliveries — and redrives), the
// way a user drives the studio while the run plays.
import type { Demo } from "../../../server/flow/demos";
import type { StudioClient } from "../support/studioProcess";

export type Action = (client: StudioClient, runId: string, round: string) => Promise<unknown>;

/** The tour's actions of a demo as API calls; `round` makes aggregate and correlation ids fresh. */
export function tourTraffic(demo: Demo): Action[] {
  const actions: Action[] = [];
  for (const step of demo.tour.steps) {
    const action = step.action;
    switch (action.kind) {
      case "command":
        actions.push((client, runId, round) =>
          client.commands.dispatch.mutate({
            runId,
            aggregate: action.aggregate,
            aggregateId: `${action.aggregateId}-${round}`,
            command: action.command,
            data: action.data,
            ...(action.correlationId === undefined ? {} : { correlationId: `${action.correlationId}-${round}` }),
          }),
        );
        break;
      case "fault": {
        const fault = action.fault;
        if (fault.kind === "fail-next-call") {
          actions.push((client, runId) => client.faults.inject.mutate({ runId, fault: { kind: "service-fail-next", service: fault.service, operation: fault.operation, count: fault.count } }));
        } else if (fault.kind === "duplicate-delivery") {
          actions.push((client, runId) => client.faults.inject.mutate({ runId, fault: { kind: "duplicate-delivery", group: fault.group, count: 1 } }));
        }
        // legacy-event writes old events straight into a stream: a tour device, not an API call.
        break;
      }
      case "redrive":
        actions.push((client, runId) => client.deadLetters.redriveMany.mutate({ runId, selection: { group: action.group }, perSecond: 50 }));
        break;
      case "observe":
        break;
      default: {
        const unknown: never = action;
        throw new Error(`Unknown tour action ${JSON.stringify(unknown)}`);
      }
    }
  }
  return actions;
}
