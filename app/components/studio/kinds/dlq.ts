// Dead-letter queue behaviour: drawn for a consumer with dead-lettering on; deleting it switches that off.
import type { KindBehaviour } from "./behaviour";

export const dlqBehaviour: KindBehaviour = {
  palette: [],
  connect: {},
  refusals: { any: "A dead-letter queue holds failed messages until they are redriven; nothing connects out of it." },
  remove(draft, node) {
    const consumerId = (node.data as { consumerId: string }).consumerId;
    const consumer = draft.consumers.find((c) => c.id === consumerId);
    if (consumer) consumer.deadLetter = false;
  },
};
