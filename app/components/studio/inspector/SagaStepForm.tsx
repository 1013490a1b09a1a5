"use client";
// Inspector form of a saga step (what it sends, its outcome events, its compensation) or of a
// choreography's reaction (the event it answers, a condition, what it sends).
import type { Compensation } from "@/server/flow/schema";
import { eventTypes } from "../edits/elements";
import { CheckField, MappingEditor, NameField, SelectField, TextField } from "./fields";
import { SendFields, type SendValue } from "./SendFields";
import { commandOptions, targetOptions, useSagaPart } from "./useLocated";

export function SagaStepForm({ id }: { id: string }) {
  const { flow, found, update } = useSagaPart(id);
  if (!found) return null;
  const { saga, index } = found;
  const types = eventTypes(flow);
  const optional = (text: string) => (text.trim() === "" ? undefined : text);
  const events = [{ value: "", label: "(default)" }, ...types.map((t) => ({ value: t, label: t }))];

  if (saga.kind === "choreography") {
    const reaction = saga.reactions[index]!;
    const set = (patch: Partial<typeof reaction>, field?: string) => update((f) => { if (f.saga.kind === "choreography") Object.assign(f.saga.reactions[f.index]!, patch); }, field);
    return (
      <>
        <p className="muted small">Reaction of {saga.name}.</p>
        <NameField label="Name" hint="Lower case, e.g. reserve_stock." value={reaction.name} onCommit={(name) => set({ name })} />
        <SelectField label="On event" value={reaction.on} options={types} onChange={(on) => set({ on })} />
        <TextField label="Only when (CEL over event, meta; optional)" value={reaction.when ?? ""} mono onChange={(when) => set({ when: optional(when) }, "when")} />
        <SendFields flow={flow} value={reaction} keyHint="Over event and meta, e.g. event.orderId." onChange={(patch: Partial<SendValue>, field) => set(patch, field)} />
      </>
    );
  }

  const step = saga.steps[index]!;
  const set = (patch: Partial<typeof step>, field?: string) => update((f) => { if (f.saga.kind === "orchestrated") Object.assign(f.saga.steps[f.index]!, patch); }, field);
  const compensation = step.compensation;
  const setCompensation = (patch: Partial<Compensation>, field?: string) =>
    update((f) => { if (f.saga.kind === "orchestrated") Object.assign(f.saga.steps[f.index]!.compensation!, patch); }, field && `compensation.${field}`);
  const compensationTarget = compensation?.target ?? step.target;
  return (
    <>
      <p className="muted small">Step {index + 1} of {saga.name}.</p>
      <NameField label="Name" value={step.name} onCommit={(name) => set({ name })} />
      <SendFields flow={flow} value={step} keyHint="Over saga (the saga's data), e.g. saga.orderId." onChange={(patch: Partial<SendValue>, field) => set(patch, field)} />
      <div className="pair">
        <SelectField label="Succeeds on" value={step.successEvent ?? ""} options={events} onChange={(e) => set({ successEvent: optional(e) })} />
        <SelectField label="Fails on" value={step.failureEvent ?? ""} options={events} onChange={(e) => set({ failureEvent: optional(e) })} />
      </div>
      <CheckField label="Compensate this step if a later one fails" checked={compensation !== undefined}
        onChange={(on) => update((f) => {
          if (f.saga.kind !== "orchestrated") return;
          const current = f.saga.steps[f.index]!;
          if (on) current.compensation = { command: commandOptions(flow, current.target)[0] ?? "", data: {} };
          else delete current.compensation;
        })} />
      {compensation && (
        <fieldset className="list-editor compensation">
          <legend>Compensation</legend>
          <div className="pair">
            <SelectField label="Target" value={compensationTarget} options={targetOptions(flow)}
              onChange={(target) => setCompensation({ target: target === step.target ? undefined : target, command: commandOptions(flow, target)[0] ?? "" })} />
            <SelectField label="Command" value={compensation.command} options={commandOptions(flow, compensationTarget)} onChange={(command) => setCompensation({ command })} />
          </div>
          <TextField label="Key (CEL, default: the step's)" value={compensation.key ?? ""} mono onChange={(key) => setCompensation({ key: optional(key) }, "key")} />
          <MappingEditor title="Compensation data" value={compensation.data} onChange={(data) => setCompensation({ data })} />
        </fieldset>
      )}
    </>
  );
}
