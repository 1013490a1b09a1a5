"use client";
// Inspector form of a projection: table name and one handler per event (upsert, patch, increment, delete).
import type { ProjectionHandler } from "@/server/flow/schema";
import { eventTypes } from "../edits/elements";
import { useStudio } from "../studioContext";
import { ListEditor, MappingEditor, SelectField, TextField } from "./fields";
import { useLocated } from "./useLocated";

const OPS = ["upsert", "patch", "increment", "delete"] as const;

export function ProjectionForm({ id }: { id: string }) {
  const { flow, found, update } = useLocated(id, "projection");
  const newId = useStudio((s) => s.newId);
  if (!found) return null;
  const projection = found.element;
  const types = eventTypes(flow);
  const optional = (text: string) => (text.trim() === "" ? undefined : text);
  return (
    <>
      <TextField label="Table name" hint="Lower case, e.g. order_view." value={projection.name} mono onChange={(name) => update((f) => { f.element.name = name; }, "name")} />
      <ListEditor
        title="Handlers"
        items={projection.handlers}
        itemLabel={(h) => `handler of ${h.event}`}
        addLabel="Add handler"
        onAdd={types.length ? () => update((f) => { f.element.handlers.push({ id: newId("handler"), event: types[0]!, key: "meta.key", op: "upsert", fields: {} }); }) : undefined}
        onRemove={(index) => update((f) => { f.element.handlers.splice(index, 1); })}
        render={(handler, index) => {
          const set = (patch: Partial<ProjectionHandler>, field?: string) => update((f) => { Object.assign(f.element.handlers[index]!, patch); }, field && `handler${index}.${field}`);
          return (
            <>
              <SelectField label="Event" value={handler.event} options={types} onChange={(event) => set({ event })} />
              <div className="pair">
                <SelectField label="Operation" value={handler.op} options={OPS} onChange={(op) => set({ op: op as ProjectionHandler["op"] })} />
                <TextField label="Row key (CEL)" value={handler.key} mono onChange={(key) => set({ key }, "key")} />
              </div>
              <TextField label="Only when (CEL, optional)" value={handler.when ?? ""} mono onChange={(when) => set({ when: optional(when) }, "when")} />
              {handler.op !== "delete" && (
                <MappingEditor title={handler.op === "increment" ? "Increments (field → amount)" : "Row fields"} value={handler.fields} onChange={(fields) => set({ fields })} />
              )}
            </>
          );
        }}
      />
    </>
  );
}
