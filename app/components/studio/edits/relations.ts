// Relationships between elements, made and unmade: subscriptions, projection handlers, sends,
// emits, triggers, ownership. Connecting two nodes and deleting an edge both end up here.
import type { EdgeRelation } from "@/server/flow/graph";
import type { Flow } from "@/server/flow/schema";
import { locate, locatePart, refuse, uniqueName, type NewId, type Refusal } from "./elements";

/** The first payload field of the event of this type, if it has one. */
function firstField(flow: Flow, type: string): string | undefined {
  for (const aggregate of flow.aggregates) {
    const event = aggregate.events.find((e) => e.type === type);
    if (event) return event.payload[0]?.name;
  }
  return undefined;
}

export function subscribe(draft: Flow, consumerId: string, topic: string): Refusal | void {
  const consumer = draft.consumers.find((c) => c.id === consumerId);
  if (!consumer) return refuse("That consumer no longer exists.");
  if (consumer.topics.includes(topic)) return refuse(`Consumer group "${consumer.group}" already reads ${topic}.`);
  consumer.topics.push(topic);
}

export function addProjectionHandler(draft: Flow, projectionId: string, event: string, newId: NewId): Refusal | void {
  const projection = draft.projections.find((p) => p.id === projectionId);
  if (!projection) return refuse("That projection no longer exists.");
  if (projection.handlers.some((h) => h.event === event)) return refuse(`Projection "${projection.name}" already handles ${event}.`);
  projection.handlers.push({ id: newId("handler"), event, key: "meta.key", op: "upsert", fields: {} });
}

export function addEmit(draft: Flow, commandId: string, eventId: string): Refusal | void {
  const command = locate(draft, commandId);
  const event = locate(draft, eventId);
  if (command?.kind !== "command" || event?.kind !== "event") return refuse("Connect a command to an event of its aggregate.");
  if (command.aggregate !== event.aggregate) {
    return refuse(`A command emits events of its own aggregate: ${event.element.type} belongs to ${event.aggregate.name}, ${command.element.name} to ${command.aggregate.name}.`);
  }
  if (command.element.emits.some((e) => e.event === event.element.type)) return refuse(`${command.element.name} already emits ${event.element.type}.`);
  command.element.emits.push({ event: event.element.type, data: {} });
}

/** Moves a command or event into another aggregate; emits that would cross aggregates are dropped. */
export function moveIntoAggregate(draft: Flow, elementId: string, aggregateId: string): Refusal | void {
  const found = locate(draft, elementId);
  const target = draft.aggregates.find((a) => a.id === aggregateId);
  if (!target || (found?.kind !== "command" && found?.kind !== "event")) return refuse("That element no longer exists.");
  const name = found.kind === "command" ? found.element.name : found.element.type;
  if (found.aggregate === target) return refuse(`${name} already belongs to ${target.name}.`);
  if (found.kind === "command") {
    if (target.commands.some((c) => c.name === found.element.name)) return refuse(`${target.name} already has a command named ${found.element.name}.`);
    found.aggregate.commands = found.aggregate.commands.filter((c) => c !== found.element);
    const own = new Set(target.events.map((e) => e.type));
    found.element.emits = found.element.emits.filter((e) => own.has(e.event));
    target.commands.push(found.element);
  } else {
    found.aggregate.events = found.aggregate.events.filter((e) => e !== found.element);
    for (const command of found.aggregate.commands) command.emits = command.emits.filter((e) => e.event !== found.element.type);
    target.events.push(found.element);
  }
}

export function setTrigger(draft: Flow, sagaId: string, event: string): Refusal | void {
  const saga = draft.sagas.find((s) => s.id === sagaId);
  if (!saga) return refuse("That saga no longer exists.");
  if (saga.kind === "choreography") return refuse(`${saga.name} is a choreography: it reacts through its reactions. Connect the event to one of its saga steps.`);
  if (saga.trigger.event === event) return refuse(`${event} already starts ${saga.name}.`);
  const field = firstField(draft, event);
  saga.trigger = { event, instanceId: field ? `event.${field}` : saga.trigger.instanceId };
}

export function setReactionEvent(draft: Flow, partId: string, event: string): Refusal | void {
  const found = locatePart(draft, partId);
  if (!found) return refuse("That saga step no longer exists.");
  if (found.saga.kind === "orchestrated") {
    return refuse(`The steps of ${found.saga.name} run in order once the saga starts: connect the event to the saga itself to make it the trigger.`);
  }
  const reaction = found.saga.reactions[found.index]!;
  if (reaction.on === event) return refuse(`${reaction.name} already reacts to ${event}.`);
  reaction.on = event;
}

/** Points a saga step or reaction at a command (`target` = aggregate) or service operation. */
export function setPartSend(draft: Flow, partId: string, target: string, command: string): Refusal | void {
  const found = locatePart(draft, partId);
  if (!found) return refuse("That saga step no longer exists.");
  const part = found.saga.kind === "orchestrated" ? found.saga.steps[found.index]! : found.saga.reactions[found.index]!;
  if (part.target === target && part.command === command) return refuse(`${part.name} already sends ${target}.${command}.`);
  part.target = target;
  part.command = command;
}

export function addConsumerSend(draft: Flow, consumerId: string, target: string, command: string): Refusal | void {
  const consumer = draft.consumers.find((c) => c.id === consumerId);
  if (!consumer) return refuse("That consumer no longer exists.");
  if (consumer.handler.some((s) => s.do === "send" && s.target === target && s.command === command)) {
    return refuse(`Consumer group "${consumer.group}" already sends ${target}.${command}.`);
  }
  consumer.handler.push({ do: "send", target, command, key: "meta.key", data: {} });
}

export function setOutboxAggregate(draft: Flow, outboxId: string, aggregateId: string): Refusal | void {
  const outbox = draft.outboxes.find((o) => o.id === outboxId);
  const aggregate = draft.aggregates.find((a) => a.id === aggregateId);
  if (!outbox || !aggregate) return refuse("That element no longer exists.");
  if (outbox.aggregate === aggregate.name) return refuse(`This outbox already belongs to ${aggregate.name}.`);
  if (draft.outboxes.some((o) => o.aggregate === aggregate.name)) return refuse(`${aggregate.name} already has an outbox.`);
  outbox.aggregate = aggregate.name;
}

/** A fresh lower-case name for a reaction of `sagaId`. */
export function reactionName(draft: Flow, sagaId: string): string {
  const saga = draft.sagas.find((s) => s.id === sagaId);
  return uniqueName("reaction", saga?.kind === "choreography" ? saga.reactions.map((r) => r.name) : []);
}

/** Deleting an edge: undoes the relationship it stands for (only deletable edges get here). */
export function removeRelation(draft: Flow, relation: EdgeRelation): void {
  switch (relation.rel) {
    case "projects": {
      const projection = draft.projections.find((p) => p.id === relation.projectionId);
      if (projection) projection.handlers = projection.handlers.filter((h) => h.event !== relation.event);
      return;
    }
    case "subscribes": {
      const consumer = draft.consumers.find((c) => c.id === relation.consumerId);
      if (consumer) consumer.topics = consumer.topics.filter((t) => t !== relation.topic);
      return;
    }
    case "deadLetters": {
      const consumer = draft.consumers.find((c) => c.id === relation.consumerId);
      if (consumer) consumer.deadLetter = false;
      return;
    }
    case "sends": {
      const consumer = draft.consumers.find((c) => c.id === relation.consumerId);
      if (consumer) consumer.handler = consumer.handler.filter((s) => !(s.do === "send" && s.target === relation.target && s.command === relation.command));
      return;
    }
    case "compensates": {
      const found = locatePart(draft, relation.stepId);
      if (found?.saga.kind === "orchestrated") delete found.saga.steps[found.index]!.compensation;
      return;
    }
    case "handles":
    case "appends":
    case "publishes":
    case "triggers":
    case "next":
    case "calls":
    case "reacts":
    case "replies":
    case "relays":
      return; // structural: shown, not removable on their own
    default: {
      const unknown: never = relation;
      throw new Error(`unknown relation ${JSON.stringify(unknown)}`);
    }
  }
}
