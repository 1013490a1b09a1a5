"use client";
// The part of a saga step, reaction or consumer step that says where a message goes: target
// (aggregate or service), command (or operation), key and data mapping.
import type { Flow } from "@/server/flow/schema";
import { MappingEditor, SelectField, TextField } from "./fields";
import { commandOptions, targetOptions } from "./useLocated";

export interface SendValue {
  target: string;
  command: string;
  key: string;
  data: Record<string, string>;
}

export function SendFields({ flow, value, onChange, keyHint }: {
  flow: Flow; value: SendValue; onChange(patch: Partial<SendValue>, field?: string): void; keyHint: string;
}) {
  return (
    <>
      <div className="pair">
        <SelectField label="Target" value={value.target} options={targetOptions(flow)}
          onChange={(target) => onChange({ target, command: commandOptions(flow, target)[0] ?? "" })} />
        <SelectField label="Command or operation" value={value.command} options={commandOptions(flow, value.target)} onChange={(command) => onChange({ command })} />
      </div>
      <TextField label="Key (CEL)" hint={keyHint} value={value.key} mono onChange={(key) => onChange({ key }, "key")} />
      <MappingEditor title="Data mapping" value={value.data} onChange={(data) => onChange({ data })} />
    </>
  );
}
