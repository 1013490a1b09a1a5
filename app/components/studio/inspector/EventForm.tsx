"use client";
// Inspector form of an event: type (references follow), payload, how it evolves the state, and the
// upcasters that read older versions of it.
import type { Action } from "@/server/flow/schema";
import { renameEventType } from "../edits/rename";
import { useStudio } from "../studioContext";
import { ActionRow } from "./actionRows";
import { FieldsEditor, JsonField, ListEditor, MappingEditor, NameField } from "./fields";
import { useLocated } from "./useLocated";

export function EventForm({ id }: { id: string }) {
  const { flow, found, update } = useLocated(id, "event");
  const newId = useStudio((s) => s.newId);
  if (!found) return null;
  const { element: event, aggregate } = found;
  const upcasters = flow.upcasters.map((u, index) => ({ u, index })).filter(({ u }) => u.to === event.type);
  return (
    <>
      <p className="muted small">Recorded by {aggregate.name}.</p>
      <NameField label="Type" hint="domain.entity.event.vN, e.g. orders.order.placed.v1. References follow a rename." value={event.type} mono
        onCommit={(type) => update((f, draft) => { renameEventType(draft, f.element.type, type); })} />
      <FieldsEditor title="Payload fields" fields={event.payload} onChange={(payload) => update((f) => { f.element.payload = payload; })} />
      <ListEditor
        title="Evolve the state"
        items={event.evolve}
        itemLabel={(a, i) => `change ${i + 1} (${a.op})`}
        addLabel="Add change"
        onAdd={() => update((f) => { f.element.evolve.push({ op: "set", path: "status", value: "\"done\"" }); })}
        onRemove={(index) => update((f) => { f.element.evolve.splice(index, 1); })}
        render={(action, index) => (
          <ActionRow action={action} onChange={(next: Action) => update((f) => { f.element.evolve[index] = next; }, `evolve${index}`)} />
        )}
      />
      <ListEditor
        title="Upcasters (older versions read as this one)"
        items={upcasters}
        itemLabel={({ u }) => `upcaster from ${u.from}`}
        addLabel="Add upcaster"
        onAdd={() => update((f, draft) => {
          const [head, version] = [f.element.type.replace(/\.v\d+$/, ""), Number(/\.v(\d+)$/.exec(f.element.type)?.[1] ?? 2)];
          draft.upcasters.push({ id: newId("upcaster"), from: `${head}.v${Math.max(1, version - 1)}`, to: f.element.type, defaults: {}, map: {} });
        })}
        onRemove={(index) => update((_, draft) => { draft.upcasters.splice(upcasters[index]!.index, 1); })}
        render={({ u, index }) => (
          <>
            <NameField label="From type" value={u.from} mono onCommit={(from) => update((_, draft) => { draft.upcasters[index]!.from = from; })} />
            <JsonField label="Defaults for absent fields (JSON)" value={u.defaults} onCommit={(defaults) => update((_, draft) => { draft.upcasters[index]!.defaults = defaults; })} />
            <MappingEditor title="Field mapping (CEL over data)" value={u.map} onChange={(map) => update((_, draft) => { draft.upcasters[index]!.map = map; })} />
          </>
        )}
      />
    </>
  );
}
