// Consumer behaviour: a group reading topics with a handler, retries and a dead-letter queue;
// connected to a command or service it gains a step that sends there.
import { isRefusal, uniqueName } from "../edits/elements";
import { addConsumerSend } from "../edits/relations";
import type { ConnectRule, KindBehaviour } from "./behaviour";
import { sendTo } from "./sends";

const sendsTo: ConnectRule = (draft, source, target) => {
  const send = sendTo(draft, target);
  return isRefusal(send) ? send : addConsumerSend(draft, source.id, send.target, send.command);
};

export const consumerBehaviour: KindBehaviour = {
  palette: [{
    id: "consumer",
    label: "Consumer",
    hint: "A consumer group with a handler, a retry policy and a dead-letter queue",
    create(draft, { at, newId }) {
      const id = newId("consumer");
      draft.consumers.push({
        id, group: uniqueName("consumer", draft.consumers.map((c) => c.group)), topics: [],
        handler: [{ do: "alert", severity: "info", message: "Message received" }],
        retry: { maxRetries: 3, initialMs: 100, multiplier: 2, maxMs: 10_000, jitter: 0.2, nonRetryable: [] },
        deadLetter: true, idempotent: true,
      });
      draft.layout[id] = at;
      return id;
    },
  }],
  connect: { command: sendsTo, service: sendsTo },
  refusals: {
    aggregate: "A consumer sends one command: connect it to the command node, not to the aggregate.",
    dlq: "Each consumer has its own dead-letter queue: switch dead-lettering on in the inspector.",
    any: "A consumer sends commands or calls services: connect it to a command or a service.",
  },
  remove(draft, node) {
    draft.consumers = draft.consumers.filter((c) => c.id !== node.id);
  },
};
