"use client";
// Inspector form of a service (or AI agent): name, latency, failure rate, idempotency and its
// operations with their success and failure events and scripted failures.
import { useStudio } from "../studioContext";
import { eventTypes, typeSegment, uniqueEventType, uniqueName } from "../edits/elements";
import { renameCommand, renameEventType, renameTarget } from "../edits/rename";
import { CheckField, FieldsEditor, ListEditor, MappingEditor, NameField, NumberField, SelectField, TextField, WordsField } from "./fields";
import { useLocated } from "./useLocated";

export function ServiceForm({ id }: { id: string }) {
  const { found, update } = useLocated(id, "service");
  const newId = useStudio((s) => s.newId);
  if (!found) return null;
  const service = found.element;
  return (
    <>
      <NameField label="Name" hint="PascalCase, e.g. Payment. Calls to it follow a rename." value={service.name}
        onCommit={(name) => update((f, draft) => { renameTarget(draft, f.element.name, name); f.element.name = name; })} />
      <div className="pair">
        <SelectField label="Kind" value={service.kind} options={[{ value: "service", label: "Service" }, { value: "agent", label: "AI agent" }]}
          onChange={(kind) => update((f) => { f.element.kind = kind as "service" | "agent"; })} />
        <TextField label="Stream prefix" value={service.streamPrefix} mono onChange={(streamPrefix) => update((f) => { f.element.streamPrefix = streamPrefix; }, "streamPrefix")} />
      </div>
      <div className="pair">
        <NumberField label="Latency (ms)" value={service.latencyMs} min={0} onChange={(latencyMs) => update((f) => { f.element.latencyMs = latencyMs; }, "latency")} />
        <NumberField label="Failure rate (0–1)" value={service.failureRate} min={0} max={1} step={0.05} onChange={(failureRate) => update((f) => { f.element.failureRate = failureRate; }, "failureRate")} />
      </div>
      <CheckField label="Idempotent" hint="A call delivered twice is performed once." checked={service.idempotent} onChange={(idempotent) => update((f) => { f.element.idempotent = idempotent; })} />
      <ListEditor
        title="Operations"
        items={service.operations}
        itemLabel={(o) => `operation ${o.name}`}
        addLabel="Add operation"
        onAdd={() => update((f, draft) => {
          const name = uniqueName("Call", f.element.operations.map((o) => o.name));
          const segment = typeSegment(f.element.streamPrefix);
          const success = uniqueEventType(`${segment}.${name.toLowerCase()}.succeeded.v1`, eventTypes(draft));
          const failure = uniqueEventType(`${segment}.${name.toLowerCase()}.failed.v1`, [...eventTypes(draft), success]);
          f.element.operations.push({ id: newId("operation"), name, payload: [], success: { event: success, data: {} }, failure: { event: failure }, failCalls: [] });
        })}
        onRemove={(index) => update((f) => { f.element.operations.splice(index, 1); })}
        render={(operation, index) => (
          <>
            <NameField label="Operation" value={operation.name}
              onCommit={(name) => update((f, draft) => { renameCommand(draft, f.element.name, f.element.operations[index]!.name, name); f.element.operations[index]!.name = name; })} />
            <FieldsEditor title="Call payload" fields={operation.payload} onChange={(payload) => update((f) => { f.element.operations[index]!.payload = payload; })} />
            <NameField label="Success event" value={operation.success.event} mono onCommit={(type) => update((_, draft) => { renameEventType(draft, operation.success.event, type); })} />
            <MappingEditor title="Success data (CEL over call)" value={operation.success.data} onChange={(data) => update((f) => { f.element.operations[index]!.success.data = data; })} />
            <NameField label="Failure event" value={operation.failure.event} mono onCommit={(type) => update((_, draft) => { renameEventType(draft, operation.failure.event, type); })} />
            <WordsField label="Scripted failures (call numbers)" hint="e.g. 2, 5: the 2nd and 5th calls fail." value={operation.failCalls.map(String)}
              onCommit={(words) => update((f) => { f.element.operations[index]!.failCalls = words.map(Number).filter((n) => Number.isInteger(n) && n > 0); })} />
          </>
        )}
      />
    </>
  );
}
