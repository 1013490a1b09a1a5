// Which faults each kind of canvas node can take, and the runtime names they target (a service by
// name, a consumer group, a saga's group "saga:<name>", the outbox relay). Pure.
import type { NodeKind } from "@/server/flow/graph";
import type { TopologyNode } from "./topology";

export type FaultChoice = "service-fail-next" | "service-failure-rate" | "handler-error" | "slow-consumer" | "duplicate-delivery" | "relay-paused";

export const FAULTABLE: ReadonlySet<NodeKind> = new Set(["service", "consumer", "saga", "outbox"]);

export function faultChoices(kind: NodeKind): FaultChoice[] {
  switch (kind) {
    case "service":
      return ["service-fail-next", "service-failure-rate"];
    case "consumer":
    case "saga":
      return ["handler-error", "slow-consumer", "duplicate-delivery"];
    case "outbox":
      return ["relay-paused"];
    default:
      return [];
  }
}

/** The consumer group a node's deliveries go to. */
export function groupOf(node: TopologyNode): string {
  return node.kind === "saga" ? `saga:${node.name}` : node.name;
}

export const FAULT_LABEL: Readonly<Record<FaultChoice, string>> = {
  "service-fail-next": "Fail its next calls",
  "service-failure-rate": "Fail calls with a probability",
  "handler-error": "Make its handler throw",
  "slow-consumer": "Slow it down",
  "duplicate-delivery": "Deliver messages twice",
  "relay-paused": "Pause the outbox relay",
};
