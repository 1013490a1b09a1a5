// The faults panel of a run: every injected fault in force with the canvas nodes that show it
// (the group's, the service's, the outbox's), so a node can wear a badge.
import { traceMapping } from "../flow/traceMapping";
import type { InjectedFault } from "../runtime";
import type { LiveRun } from "./liveRun";

export interface FaultView {
  key: string;
  fault: InjectedFault;
  nodes: string[];
  /** The fault in words. */
  summary: string;
}

function summary(fault: InjectedFault): string {
  switch (fault.kind) {
    case "service-fail-next":
      return `${fault.service}.${fault.operation} fails its next ${fault.count} call(s)`;
    case "service-failure-rate":
      return `${fault.service}.${fault.operation} fails ${Math.round(fault.probability * 1000) / 10}% of calls`;
    case "handler-error":
      return `${fault.group} throws a ${fault.retryable ? "retryable" : "non-retryable"} error on its next ${fault.count} deliver${fault.count === 1 ? "y" : "ies"}`;
    case "slow-consumer":
      return `${fault.group} takes ${fault.delayMs} ms more per delivery`;
    case "duplicate-delivery":
      return `${fault.group} receives its next ${fault.count} message(s) twice`;
    case "relay-paused":
      return "The outbox relay is paused";
    default: {
      const unknown: never = fault;
      throw new Error(`Unknown fault ${JSON.stringify(unknown)}.`);
    }
  }
}

export function faultViews(run: LiveRun): FaultView[] {
  const mapping = traceMapping(run.flow);
  const nodesOf = (fault: InjectedFault): string[] => {
    if (fault.kind === "relay-paused") return run.flow.outboxes.map((outbox) => outbox.id);
    const node = mapping.node("group" in fault ? fault.group : fault.service);
    return node ? [node] : [];
  };
  return run.faults().map(({ key, fault }) => ({ key, fault, nodes: nodesOf(fault), summary: summary(fault) }));
}
