// Projection behaviour: a read model; events come in, nothing goes out.
import { uniqueName } from "../edits/elements";
import type { KindBehaviour } from "./behaviour";

export const projectionBehaviour: KindBehaviour = {
  palette: [{
    id: "projection",
    label: "Projection",
    hint: "A read-model table kept up to date from events",
    create(draft, { at, newId }) {
      const id = newId("projection");
      draft.projections.push({ id, name: uniqueName("view", draft.projections.map((p) => p.name)), handlers: [] });
      draft.layout[id] = at;
      return id;
    },
  }],
  connect: {},
  refusals: { any: "A projection is a read model: it only receives events. Connect an event to it." },
  remove(draft, node) {
    draft.projections = draft.projections.filter((p) => p.id !== node.id);
  },
};
