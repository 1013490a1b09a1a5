"use client";
// Inspector form of a command: name, payload, guards, the events it emits with their data
// mappings, and an optional custom decision in JavaScript.
import { renameCommand } from "../edits/rename";
import { CodeField } from "./CodeField";
import { CheckField, FieldsEditor, ListEditor, MappingEditor, NameField, SelectField, TextField } from "./fields";
import { useLocated } from "./useLocated";

const SNIPPET = `// Decide the events for this command, or reject it.
// Reads state, command, aggregateId and now; returns [{ type, data }] or { reject: "why" }.
return [];
`;

export function CommandForm({ id }: { id: string }) {
  const { found, update } = useLocated(id, "command");
  if (!found) return null;
  const { element: command, aggregate } = found;
  const ownEvents = aggregate.events.map((e) => e.type);
  const optional = (text: string) => (text.trim() === "" ? undefined : text);
  return (
    <>
      <p className="muted small">Handled by {aggregate.name}.</p>
      <NameField label="Name" hint="PascalCase, imperative, e.g. PlaceOrder." value={command.name}
        onCommit={(name) => update((f, draft) => { renameCommand(draft, f.aggregate.name, f.element.name, name); f.element.name = name; })} />
      <FieldsEditor title="Payload fields" fields={command.payload} onChange={(payload) => update((f) => { f.element.payload = payload; })} />
      <ListEditor
        title="Guards"
        items={command.guards}
        itemLabel={(_, i) => `guard ${i + 1}`}
        addLabel="Add guard"
        onAdd={() => update((f) => { f.element.guards.push({ rejectWhen: "state.status == \"closed\"", message: "It is closed." }); })}
        onRemove={(index) => update((f) => { f.element.guards.splice(index, 1); })}
        render={(guard, index) => (
          <div className="pair">
            <TextField label="Reject when (CEL)" value={guard.rejectWhen} mono onChange={(rejectWhen) => update((f) => { f.element.guards[index]!.rejectWhen = rejectWhen; }, `guard${index}.when`)} />
            <TextField label="Rejection message" value={guard.message} onChange={(message) => update((f) => { f.element.guards[index]!.message = message; }, `guard${index}.message`)} />
          </div>
        )}
      />
      <ListEditor
        title="Emits"
        items={command.emits}
        itemLabel={(emit) => `emit ${emit.event}`}
        addLabel="Add event"
        onAdd={ownEvents.length ? () => update((f) => { f.element.emits.push({ event: ownEvents[0]!, data: {} }); }) : undefined}
        onRemove={(index) => update((f) => { f.element.emits.splice(index, 1); })}
        render={(emit, index) => (
          <>
            <SelectField label="Event" value={emit.event} options={ownEvents} onChange={(event) => update((f) => { f.element.emits[index]!.event = event; })} />
            <TextField label="Only when (CEL, optional)" value={emit.when ?? ""} mono onChange={(when) => update((f) => { f.element.emits[index]!.when = optional(when); }, `emit${index}.when`)} />
            <MappingEditor title="Data mapping (unmapped fields copy the command's)" value={emit.data} onChange={(data) => update((f) => { f.element.emits[index]!.data = data; })} />
          </>
        )}
      />
      <CheckField label="Custom decision in JavaScript" hint="Runs in a sandbox after the guards, instead of the mappings."
        checked={command.snippet !== undefined}
        onChange={(on) => update((f) => { if (on) f.element.snippet = SNIPPET; else delete f.element.snippet; })} />
      {command.snippet !== undefined && (
        <CodeField label="Decision snippet" value={command.snippet} onChange={(snippet) => update((f) => { f.element.snippet = snippet; }, "snippet")} />
      )}
    </>
  );
}
