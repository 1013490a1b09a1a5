// Saga step behaviour: dropped near a saga it becomes its next step (or reaction); connected to a
// command or service it sends that. Compensations are set in the inspector.
import { isRefusal, locatePart, nearest, refuse, uniqueName } from "../edits/elements";
import { setPartSend } from "../edits/relations";
import type { ConnectRule, KindBehaviour } from "./behaviour";
import { defaultSend, sendTo } from "./sends";

const sendsTo: ConnectRule = (draft, source, target) => {
  const send = sendTo(draft, target);
  return isRefusal(send) ? send : setPartSend(draft, source.id, send.target, send.command);
};

export const sagaStepBehaviour: KindBehaviour = {
  palette: [{
    id: "sagaStep",
    label: "Saga step",
    hint: "The next step (or reaction) of the saga it is dropped near",
    create(draft, { at, newId }) {
      const saga = nearest(draft, draft.sagas, at);
      if (!saga) return refuse("A saga step belongs to a saga: add a saga first, then drop the step near it.");
      if (saga.kind === "orchestrated") {
        const id = newId("step");
        saga.steps.push({ id, name: uniqueName("step", saga.steps.map((s) => s.name)), ...defaultSend(draft), key: "saga.id", data: {} });
        draft.layout[id] = at;
        return id;
      }
      const id = newId("reaction");
      const on = saga.reactions[saga.reactions.length - 1]?.on ?? "";
      saga.reactions.push({ id, name: uniqueName("reaction", saga.reactions.map((r) => r.name)), on, ...defaultSend(draft), key: "meta.key", data: {} });
      draft.layout[id] = at;
      return id;
    },
  }],
  connect: { command: sendsTo, service: sendsTo },
  refusals: {
    aggregate: "A saga step sends one command: connect it to the command node, not to the aggregate.",
    event: "A step waits for its outcome events by itself; set them in the inspector if they differ from the defaults.",
    any: "A saga step sends a command or calls a service: connect it to a command or a service.",
  },
  remove(draft, node) {
    const found = locatePart(draft, node.id);
    if (!found) return;
    if (found.saga.kind === "orchestrated") found.saga.steps = found.saga.steps.filter((s) => s.id !== node.id);
    else found.saga.reactions = found.saga.reactions.filter((r) => r.id !== node.id);
  },
};
