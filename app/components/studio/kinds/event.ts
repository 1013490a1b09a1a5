// Event behaviour: dropped near an aggregate, it joins it; connected onward it feeds projections,
// consumers (a subscription), starts an orchestrated saga or wakes a choreography's reaction.
import { eventTypes, locate, nearest, refuse, typeSegment, uniqueEventType } from "../edits/elements";
import { addProjectionHandler, setReactionEvent, setTrigger, subscribe } from "../edits/relations";
import type { KindBehaviour } from "./behaviour";

const typeOf = (node: { kind: string; data: unknown }) => (node.data as { type: string }).type;

export const eventBehaviour: KindBehaviour = {
  palette: [{
    id: "event",
    label: "Event",
    hint: "A fact an aggregate records, named domain.entity.event.vN (drop near its aggregate)",
    create(draft, { at, newId }) {
      const aggregate = nearest(draft, draft.aggregates, at);
      if (!aggregate) return refuse("An event belongs to an aggregate: add an aggregate first, then drop the event near it.");
      const id = newId("event");
      const segment = typeSegment(aggregate.streamPrefix);
      aggregate.events.push({ id, type: uniqueEventType(`${segment}.${segment}.happened.v1`, eventTypes(draft)), payload: [], evolve: [] });
      draft.layout[id] = at;
      return id;
    },
  }],
  connect: {
    projection: (draft, source, target, newId) => addProjectionHandler(draft, target.id, typeOf(source), newId),
    consumer: (draft, source, target) => subscribe(draft, target.id, typeOf(source)),
    saga: (draft, source, target) => setTrigger(draft, target.id, typeOf(source)),
    sagaStep: (draft, source, target) => setReactionEvent(draft, target.id, typeOf(source)),
  },
  refusals: {
    aggregate: "Events come out of aggregates; what goes in is a command. Connect a command to the aggregate.",
    command: "An event does not call a command directly: a saga step or a consumer reacts to the event and sends the command.",
    topic: "Topics appear by themselves when a consumer reads an event type: connect the event to a consumer.",
    any: "An event feeds projections, consumers and sagas: connect it to one of those.",
  },
  remove(draft, node) {
    const found = locate(draft, node.id);
    if (found?.kind !== "event") return;
    const type = found.element.type;
    found.aggregate.events = found.aggregate.events.filter((e) => e.id !== node.id);
    for (const command of found.aggregate.commands) command.emits = command.emits.filter((e) => e.event !== type);
    if (eventTypes(draft).includes(type)) return; // another definition of the type still feeds the rest
    for (const projection of draft.projections) projection.handlers = projection.handlers.filter((h) => h.event !== type);
    for (const consumer of draft.consumers) consumer.topics = consumer.topics.filter((t) => t !== type);
  },
};
