// The name a node goes by (its element's name, event type, group or topic), for labels and lists.
import type { GraphNode } from "@/server/flow/graph";

export function nodeTitle(node: GraphNode): string {
  switch (node.kind) {
    case "aggregate":
    case "command":
    case "projection":
    case "service":
    case "saga":
    case "sagaStep":
      return node.data.name;
    case "event":
      return node.data.type;
    case "consumer":
      return node.data.group;
    case "outbox":
      return `${node.data.aggregate} outbox`;
    case "topic":
      return node.data.topic;
    case "dlq":
      return `dead letters of ${node.data.group}`;
    default: {
      const unknown: never = node;
      throw new Error(`unknown node ${JSON.stringify(unknown)}`);
    }
  }
}
