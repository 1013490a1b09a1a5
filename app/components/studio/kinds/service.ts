// Service behaviour: an external participant with one operation to start with; its reply events
// are drawn beside it and connected onward from there.
import { eventTypes, targetNames, typeSegment, uniqueEventType, uniqueName } from "../edits/elements";
import type { KindBehaviour } from "./behaviour";

export const serviceBehaviour: KindBehaviour = {
  palette: [{
    id: "service",
    label: "Service",
    hint: "An external participant (payment, inventory, an AI agent) answering calls with events",
    create(draft, { at, newId }) {
      const id = newId("service");
      const name = uniqueName("Service", targetNames(draft));
      const streamPrefix = uniqueName(name.toLowerCase(), [...draft.services.map((s) => s.streamPrefix), ...draft.aggregates.map((a) => a.streamPrefix)]);
      const segment = typeSegment(streamPrefix);
      const taken = eventTypes(draft);
      const success = uniqueEventType(`${segment}.call.succeeded.v1`, taken);
      const failure = uniqueEventType(`${segment}.call.failed.v1`, [...taken, success]);
      draft.services.push({
        id, name, kind: "service", streamPrefix, latencyMs: 0, failureRate: 0, idempotent: true,
        operations: [{ id: newId("operation"), name: "Call", payload: [], success: { event: success, data: {} }, failure: { event: failure }, failCalls: [] }],
      });
      draft.layout[id] = at;
      return id;
    },
  }],
  connect: {},
  refusals: { any: "A service answers with its reply events (drawn on its right): connect those events onward instead." },
  remove(draft, node) {
    draft.services = draft.services.filter((s) => s.id !== node.id);
  },
};
