// Aggregate behaviour: created empty; takes in events (moves them) and outboxes (assigns them).
import { targetNames, uniqueName } from "../edits/elements";
import { moveIntoAggregate, setOutboxAggregate } from "../edits/relations";
import type { KindBehaviour } from "./behaviour";

export const aggregateBehaviour: KindBehaviour = {
  palette: [{
    id: "aggregate",
    label: "Aggregate",
    hint: "State that decides events from commands",
    create(draft, { at, newId }) {
      const id = newId("aggregate");
      const name = uniqueName("Aggregate", targetNames(draft));
      const streamPrefix = uniqueName(name.toLowerCase(), draft.aggregates.map((a) => a.streamPrefix));
      draft.aggregates.push({ id, name, streamPrefix, initialState: {}, snapshotEvery: 0, commands: [], events: [] });
      draft.layout[id] = at;
      return id;
    },
  }],
  connect: {
    event: (draft, source, target) => moveIntoAggregate(draft, target.id, source.id),
    outbox: (draft, source, target) => setOutboxAggregate(draft, target.id, source.id),
  },
  refusals: {
    aggregate: "Aggregates do not talk to each other directly: one emits an event, and a saga or consumer sends the other a command.",
    any: "An aggregate answers commands with events: connect it to one of its events, or to an outbox.",
  },
  remove(draft, node) {
    draft.aggregates = draft.aggregates.filter((a) => a.id !== node.id);
  },
};
