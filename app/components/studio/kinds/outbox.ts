// Outbox behaviour: one per aggregate, relayed to topics with one batch size and poll interval
// (a new outbox copies those of the existing ones).
import { nearest, refuse } from "../edits/elements";
import { setOutboxAggregate } from "../edits/relations";
import type { KindBehaviour } from "./behaviour";

export const outboxBehaviour: KindBehaviour = {
  palette: [{
    id: "outbox",
    label: "Outbox",
    hint: "Events written with the aggregate's transaction, relayed to topics (drop near its aggregate)",
    create(draft, { at, newId }) {
      const free = draft.aggregates.filter((a) => !draft.outboxes.some((o) => o.aggregate === a.name));
      const aggregate = nearest(draft, free, at);
      if (!aggregate) {
        return refuse(draft.aggregates.length === 0 ? "An outbox belongs to an aggregate: add an aggregate first." : "Every aggregate already has its outbox.");
      }
      const id = newId("outbox");
      const relay = draft.outboxes[0] ?? { batchSize: 100, pollIntervalMs: 100 };
      draft.outboxes.push({ id, aggregate: aggregate.name, batchSize: relay.batchSize, pollIntervalMs: relay.pollIntervalMs });
      draft.layout[id] = at;
      return id;
    },
  }],
  connect: { aggregate: (draft, source, target) => setOutboxAggregate(draft, source.id, target.id) },
  refusals: { any: "An outbox belongs to one aggregate: connect it to that aggregate." },
  remove(draft, node) {
    draft.outboxes = draft.outboxes.filter((o) => o.id !== node.id);
  },
};
