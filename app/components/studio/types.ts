// The canvas's node and edge types: one `Node<Data, kind>` per node kind in the AppNode union,
// and one edge type carrying its flavour and the relationship it stands for.
import type { Edge, Node } from "@xyflow/react";
import type { EdgeFlavor, EdgeRelation, NodeDataByKind, NodeKind } from "@/server/flow/graph";

export type KindNode<K extends NodeKind> = Node<NodeDataByKind[K] & Record<string, unknown>, K>;

export type AggregateNodeType = KindNode<"aggregate">;
export type CommandNodeType = KindNode<"command">;
export type EventNodeType = KindNode<"event">;
export type ProjectionNodeType = KindNode<"projection">;
export type ServiceNodeType = KindNode<"service">;
export type SagaNodeType = KindNode<"saga">;
export type SagaStepNodeType = KindNode<"sagaStep">;
export type ConsumerNodeType = KindNode<"consumer">;
export type OutboxNodeType = KindNode<"outbox">;
export type TopicNodeType = KindNode<"topic">;
export type DlqNodeType = KindNode<"dlq">;

export type AppNode =
  | AggregateNodeType | CommandNodeType | EventNodeType | ProjectionNodeType | ServiceNodeType | SagaNodeType
  | SagaStepNodeType | ConsumerNodeType | OutboxNodeType | TopicNodeType | DlqNodeType;

export type FlowEdgeData = { flavor: EdgeFlavor; label: string | null; relation: EdgeRelation };
export type AppEdge = Edge<FlowEdgeData, "flow">;
