// Command behaviour: dropped near an aggregate, it joins it; connected to an event of that
// aggregate, it emits it; connected to another aggregate, it moves there.
import { locate, nearest, refuse, uniqueName } from "../edits/elements";
import { addEmit, moveIntoAggregate } from "../edits/relations";
import type { KindBehaviour } from "./behaviour";

export const commandBehaviour: KindBehaviour = {
  palette: [{
    id: "command",
    label: "Command",
    hint: "A request an aggregate accepts or rejects (drop near its aggregate)",
    create(draft, { at, newId }) {
      const aggregate = nearest(draft, draft.aggregates, at);
      if (!aggregate) return refuse("A command belongs to an aggregate: add an aggregate first, then drop the command near it.");
      const id = newId("command");
      aggregate.commands.push({ id, name: uniqueName("NewCommand", aggregate.commands.map((c) => c.name)), payload: [], guards: [], emits: [] });
      draft.layout[id] = at;
      return id;
    },
  }],
  connect: {
    aggregate: (draft, source, target) => moveIntoAggregate(draft, source.id, target.id),
    event: (draft, source, target) => {
      if (target.kind === "event" && target.data.origin === "reply") return refuse(`${target.data.type} is the answer of a service call; commands emit events of their aggregate.`);
      return addEmit(draft, source.id, target.id);
    },
  },
  refusals: {
    projection: "Projections read events, not commands: connect an event of the aggregate to the projection.",
    consumer: "Consumers read events from topics: connect an event to the consumer.",
    any: "A command goes to its aggregate and emits that aggregate's events: connect it to an aggregate or one of its events.",
  },
  remove(draft, node) {
    const found = locate(draft, node.id);
    if (found?.kind === "command") found.aggregate.commands = found.aggregate.commands.filter((c) => c.id !== node.id);
  },
};
