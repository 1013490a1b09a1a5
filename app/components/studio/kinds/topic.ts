// Topic behaviour: drawn for every event type a consumer reads. Connecting it to another consumer
// subscribes that one too; deleting it unsubscribes everyone.
import { subscribe } from "../edits/relations";
import type { KindBehaviour } from "./behaviour";

const topicOf = (node: { data: unknown }) => (node.data as { topic: string }).topic;

export const topicBehaviour: KindBehaviour = {
  palette: [],
  connect: { consumer: (draft, source, target) => subscribe(draft, target.id, topicOf(source)) },
  refusals: { any: "A topic delivers to consumers: connect it to a consumer." },
  remove(draft, node) {
    for (const consumer of draft.consumers) consumer.topics = consumer.topics.filter((t) => t !== topicOf(node));
  },
};
