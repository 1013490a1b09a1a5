"use client";
// Inspector form of an aggregate: name (references follow), stream prefix, snapshots, initial state.
import { renameTarget } from "../edits/rename";
import { JsonField, NameField, NumberField, TextField } from "./fields";
import { useLocated } from "./useLocated";

export function AggregateForm({ id }: { id: string }) {
  const { found, update } = useLocated(id, "aggregate");
  if (!found) return null;
  const aggregate = found.element;
  return (
    <>
      <NameField label="Name" hint="PascalCase, e.g. Order. Sends to it follow a rename." value={aggregate.name}
        onCommit={(name) => update((f, draft) => { renameTarget(draft, f.element.name, name); f.element.name = name; })} />
      <TextField label="Stream prefix" hint="Lower case; each instance is the stream prefix-id." value={aggregate.streamPrefix} mono
        onChange={(streamPrefix) => update((f) => { f.element.streamPrefix = streamPrefix; }, "streamPrefix")} />
      <NumberField label="Snapshot every N events" hint="0 means never." value={aggregate.snapshotEvery} min={0}
        onChange={(n) => update((f) => { f.element.snapshotEvery = n; }, "snapshotEvery")} />
      <JsonField label="Initial state (JSON)" value={aggregate.initialState}
        onCommit={(initialState) => update((f) => { f.element.initialState = initialState; })} />
    </>
  );
}
