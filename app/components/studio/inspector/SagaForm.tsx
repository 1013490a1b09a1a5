"use client";
// Inspector form of a saga: name; an orchestrated saga's trigger, or a choreography's terminal events.
// Steps and reactions are edited on their own nodes.
import { eventTypes } from "../edits/elements";
import { useStudio } from "../studioContext";
import { ListEditor, NameField, SelectField, TextField } from "./fields";
import { useLocated } from "./useLocated";

export function SagaForm({ id }: { id: string }) {
  const { flow, found, update } = useLocated(id, "saga");
  const select = useStudio((s) => s.select);
  if (!found) return null;
  const saga = found.element;
  const types = eventTypes(flow);
  const parts = saga.kind === "orchestrated" ? saga.steps : saga.reactions;
  return (
    <>
      <p className="muted small">{saga.kind === "orchestrated" ? "Orchestrated: steps run in order; completed steps are compensated in reverse when one fails." : "Choreography: each reaction answers an event with a command."}</p>
      <NameField label="Name" hint="PascalCase, e.g. Checkout." value={saga.name} onCommit={(name) => update((f) => { f.element.name = name; })} />
      {saga.kind === "orchestrated" ? (
        <>
          <SelectField label="Starts on event" value={saga.trigger.event} options={types} onChange={(event) => update((f) => { if (f.element.kind === "orchestrated") f.element.trigger.event = event; })} />
          <TextField label="Instance id (CEL over event, meta)" value={saga.trigger.instanceId} mono
            onChange={(instanceId) => update((f) => { if (f.element.kind === "orchestrated") f.element.trigger.instanceId = instanceId; }, "instanceId")} />
        </>
      ) : (
        <ListEditor
          title="Terminal events (the business flow ends)"
          items={saga.terminal}
          itemLabel={(t) => `terminal event ${t}`}
          addLabel="Add terminal event"
          onAdd={types.length ? () => update((f) => { if (f.element.kind === "choreography") f.element.terminal.push(types[0]!); }) : undefined}
          onRemove={(index) => update((f) => { if (f.element.kind === "choreography") f.element.terminal.splice(index, 1); })}
          render={(type, index) => (
            <SelectField label="Event" value={type} options={types} onChange={(event) => update((f) => { if (f.element.kind === "choreography") f.element.terminal[index] = event; })} />
          )}
        />
      )}
      <fieldset className="list-editor">
        <legend>{saga.kind === "orchestrated" ? "Steps" : "Reactions"}</legend>
        <ol className="link-list">
          {parts.map((p) => <li key={p.id}><button type="button" className="link" onClick={() => select([p.id])}>{p.name}</button></li>)}
        </ol>
        <p className="muted small">Drop a saga step near the saga to add one.</p>
      </fieldset>
    </>
  );
}
