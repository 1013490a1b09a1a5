// Saga behaviour: orchestrated (a trigger and ordered steps) or choreographed (reactions), each
// created with one step to start from. A saga acts through its steps, so nothing connects out of it.
import type { Flow } from "@/server/flow/schema";
import { eventTypes, targetNames, uniqueName } from "../edits/elements";
import type { KindBehaviour } from "./behaviour";
import { defaultSend } from "./sends";

function firstEvent(flow: Flow): string {
  return eventTypes(flow)[0] ?? "";
}

export const sagaBehaviour: KindBehaviour = {
  palette: [
    {
      id: "saga-orchestrated",
      label: "Saga (orchestrated)",
      hint: "A coordinator running steps in order, compensating completed ones when a step fails",
      create(draft, { at, newId }) {
        const id = newId("saga");
        const name = uniqueName("Saga", [...targetNames(draft), ...draft.sagas.map((s) => s.name)]);
        draft.sagas.push({
          id, kind: "orchestrated", name, trigger: { event: firstEvent(draft), instanceId: "meta.correlationId" },
          steps: [{ id: newId("step"), name: "step", ...defaultSend(draft), key: "saga.id", data: {} }],
        });
        draft.layout[id] = at;
        return id;
      },
    },
    {
      id: "saga-choreography",
      label: "Saga (choreography)",
      hint: "Reactions: on an event, send a command; the business flow as a chain of events",
      create(draft, { at, newId }) {
        const id = newId("saga");
        const name = uniqueName("Choreography", [...targetNames(draft), ...draft.sagas.map((s) => s.name)]);
        const event = firstEvent(draft);
        draft.sagas.push({
          id, kind: "choreography", name, terminal: event ? [event] : [],
          reactions: [{ id: newId("reaction"), name: "reaction", on: event, ...defaultSend(draft), key: "meta.key", data: {} }],
        });
        draft.layout[id] = at;
        return id;
      },
    },
  ],
  connect: {},
  refusals: {
    sagaStep: "A saga's steps are its own: drop a new saga step near the saga to add one.",
    any: "A saga acts through its steps: connect one of its saga steps to a command or service.",
  },
  remove(draft, node) {
    draft.sagas = draft.sagas.filter((s) => s.id !== node.id);
  },
};
