// The one registry of canvas node kinds: for each, its name, what the legend says about it, its
// component, its behaviour (palette entries, connections, removal). `nodeTypes` and the palette
// are derived from it once, at module scope.
import type { NodeProps, NodeTypes } from "@xyflow/react";
import type { ComponentType } from "react";
import { NODE_KINDS, type NodeKind } from "@/server/flow/graph";
import { AggregateNode } from "./kinds/AggregateNode";
import { aggregateBehaviour } from "./kinds/aggregate";
import type { KindBehaviour, PaletteEntry } from "./kinds/behaviour";
import { CommandNode } from "./kinds/CommandNode";
import { commandBehaviour } from "./kinds/command";
import { ConsumerNode } from "./kinds/ConsumerNode";
import { consumerBehaviour } from "./kinds/consumer";
import { DlqNode } from "./kinds/DlqNode";
import { dlqBehaviour } from "./kinds/dlq";
import { EventNode } from "./kinds/EventNode";
import { eventBehaviour } from "./kinds/event";
import { OutboxNode } from "./kinds/OutboxNode";
import { outboxBehaviour } from "./kinds/outbox";
import { ProjectionNode } from "./kinds/ProjectionNode";
import { projectionBehaviour } from "./kinds/projection";
import { SagaNode } from "./kinds/SagaNode";
import { sagaBehaviour } from "./kinds/saga";
import { SagaStepNode } from "./kinds/SagaStepNode";
import { sagaStepBehaviour } from "./kinds/sagaStep";
import { ServiceNode } from "./kinds/ServiceNode";
import { serviceBehaviour } from "./kinds/service";
import { TopicNode } from "./kinds/TopicNode";
import { topicBehaviour } from "./kinds/topic";
import type { KindNode } from "./types";

export interface NodeKindEntry<K extends NodeKind> {
  kind: K;
  label: string;
  /** One sentence for the legend. */
  legend: string;
  component: ComponentType<NodeProps<KindNode<K>>>;
  behaviour: KindBehaviour;
}

export const NODE_REGISTRY: { readonly [K in NodeKind]: NodeKindEntry<K> } = {
  aggregate: { kind: "aggregate", label: "Aggregate", legend: "Holds state; accepts or rejects commands and records events.", component: AggregateNode, behaviour: aggregateBehaviour },
  command: { kind: "command", label: "Command", legend: "A request to one aggregate; guards may reject it.", component: CommandNode, behaviour: commandBehaviour },
  event: { kind: "event", label: "Event", legend: "A recorded fact, domain.entity.event.vN; services answer with events too.", component: EventNode, behaviour: eventBehaviour },
  projection: { kind: "projection", label: "Projection", legend: "A read model built from events.", component: ProjectionNode, behaviour: projectionBehaviour },
  service: { kind: "service", label: "Service", legend: "An external participant: calls in, success or failure events out.", component: ServiceNode, behaviour: serviceBehaviour },
  saga: { kind: "saga", label: "Saga", legend: "A long-running process: ordered steps, or reactions to events.", component: SagaNode, behaviour: sagaBehaviour },
  sagaStep: { kind: "sagaStep", label: "Saga step", legend: "One step (or reaction) of a saga, with its compensation.", component: SagaStepNode, behaviour: sagaStepBehaviour },
  consumer: { kind: "consumer", label: "Consumer", legend: "A consumer group with a handler, retries and idempotency.", component: ConsumerNode, behaviour: consumerBehaviour },
  outbox: { kind: "outbox", label: "Outbox", legend: "Events stored with the aggregate, relayed to topics.", component: OutboxNode, behaviour: outboxBehaviour },
  topic: { kind: "topic", label: "Topic", legend: "Where an event type is published; appears when a consumer reads it.", component: TopicNode, behaviour: topicBehaviour },
  dlq: { kind: "dlq", label: "Dead-letter queue", legend: "Messages a consumer gave up on, kept for redrive.", component: DlqNode, behaviour: dlqBehaviour },
};

export const NODE_KIND_LIST: readonly NodeKindEntry<NodeKind>[] = NODE_KINDS.map((kind) => NODE_REGISTRY[kind] as NodeKindEntry<NodeKind>);

export const nodeTypes: NodeTypes = Object.fromEntries(NODE_KIND_LIST.map((entry) => [entry.kind, entry.component])) as NodeTypes;

export type PaletteItem = PaletteEntry & { kind: NodeKind };
export const PALETTE: readonly PaletteItem[] = NODE_KIND_LIST.flatMap((entry) => entry.behaviour.palette.map((item) => ({ ...item, kind: entry.kind })));

export function behaviourOf(kind: NodeKind): KindBehaviour {
  return NODE_REGISTRY[kind].behaviour;
}
