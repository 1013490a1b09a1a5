"use client";
// The inspector's form controls, each with a visible label: text (live, or committed on blur for
// names that others refer to), numbers, switches, choices, lists and field → expression mappings.
import { useEffect, useId, useState, type ReactNode } from "react";
import { FieldType, type Field } from "@/server/flow/schema";
import { useStudio } from "../studioContext";

interface Labelled {
  label: string;
  hint?: string;
}

function Hint({ id, hint }: { id: string; hint?: string }) {
  return hint ? <span className="field-hint" id={id}>{hint}</span> : null;
}

/** Text saved as you type (one undo step per field visit). */
export function TextField({ label, hint, value, onChange, mono, multiline, placeholder }: Labelled & {
  value: string; onChange(value: string): void; mono?: boolean; multiline?: boolean; placeholder?: string;
}) {
  const id = useId();
  const seal = useStudio((s) => s.sealHistory);
  const props = {
    id, value, placeholder, className: mono ? "mono" : undefined, "aria-describedby": hint ? `${id}-hint` : undefined,
    onBlur: seal,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline
        ? <textarea {...props} rows={3} onChange={(e) => onChange(e.target.value)} />
        : <input {...props} spellCheck={false} onChange={(e) => onChange(e.target.value)} />}
      <Hint id={`${id}-hint`} hint={hint} />
    </div>
  );
}

/** A name other elements refer to: committed on Enter or when the field loses focus, so references follow once. */
export function NameField({ label, hint, value, onCommit, mono }: Labelled & { value: string; onCommit(value: string): void; mono?: boolean }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft !== value) onCommit(draft.trim());
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id} value={draft} className={mono ? "mono" : undefined} spellCheck={false} aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
          if (e.key === "Escape") setDraft(value);
        }}
      />
      <Hint id={`${id}-hint`} hint={hint} />
    </div>
  );
}

export function NumberField({ label, hint, value, onChange, min, max, step = 1 }: Labelled & {
  value: number; onChange(value: number): void; min?: number; max?: number; step?: number;
}) {
  const id = useId();
  const seal = useStudio((s) => s.sealHistory);
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id} type="number" value={text} min={min} max={max} step={step} aria-describedby={hint ? `${id}-hint` : undefined}
        onBlur={seal}
        onChange={(e) => {
          setText(e.target.value);
          const n = e.target.valueAsNumber;
          if (Number.isFinite(n)) onChange(n);
        }}
      />
      <Hint id={`${id}-hint`} hint={hint} />
    </div>
  );
}

export function CheckField({ label, hint, checked, onChange }: Labelled & { checked: boolean; onChange(checked: boolean): void }) {
  const id = useId();
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      <Hint id={`${id}-hint`} hint={hint} />
    </div>
  );
}

export function SelectField({ label, hint, value, options, onChange }: Labelled & {
  value: string; options: readonly (string | { value: string; label: string })[]; onChange(value: string): void;
}) {
  const id = useId();
  const all = options.map((o) => (typeof o === "string" ? { value: o, label: o } : o));
  const known = all.some((o) => o.value === value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={hint ? `${id}-hint` : undefined}>
        {!known && <option value={value}>{value === "" ? "— choose —" : `${value} (not defined)`}</option>}
        {all.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <Hint id={`${id}-hint`} hint={hint} />
    </div>
  );
}

/** A titled list of rows, each removable, with an add button. */
export function ListEditor<T>({ title, items, render, onAdd, onRemove, addLabel, itemLabel }: {
  title: string; items: readonly T[]; render(item: T, index: number): ReactNode;
  onAdd?(): void; onRemove(index: number): void; addLabel?: string; itemLabel(item: T, index: number): string;
}) {
  return (
    <fieldset className="list-editor">
      <legend>{title}</legend>
      {items.length === 0 && <p className="muted small">None yet.</p>}
      {items.map((item, index) => (
        <div className="list-row" key={index}>
          <div className="list-row-body">{render(item, index)}</div>
          <button type="button" className="icon-button" aria-label={`Remove ${itemLabel(item, index)}`} onClick={() => onRemove(index)}>×</button>
        </div>
      ))}
      {onAdd && <button type="button" className="secondary small" onClick={onAdd}>{addLabel ?? "Add"}</button>}
    </fieldset>
  );
}

/** Field name → CEL expression, e.g. the data an emitted event gets. */
export function MappingEditor({ title, value, onChange, keyLabel = "Field" }: {
  title: string; value: Readonly<Record<string, string>>; onChange(value: Record<string, string>): void; keyLabel?: string;
}) {
  const entries = Object.entries(value);
  const rebuild = (rows: [string, string][]) => onChange(Object.fromEntries(rows));
  const free = () => {
    for (let n = 1; ; n++) if (!(`field${n}` in value)) return `field${n}`;
  };
  return (
    <ListEditor
      title={title}
      items={entries}
      itemLabel={([key]) => `${keyLabel.toLowerCase()} ${key}`}
      onAdd={() => rebuild([...entries, [free(), "null"]])}
      addLabel={`Add ${keyLabel.toLowerCase()}`}
      onRemove={(index) => rebuild(entries.filter((_, i) => i !== index))}
      render={([key, expr], index) => (
        <div className="pair">
          <NameField label={keyLabel} value={key} mono onCommit={(k) => rebuild(entries.map((e, i) => (i === index ? [k, e[1]] : e)))} />
          <TextField label="Expression (CEL)" value={expr} mono onChange={(x) => rebuild(entries.map((e, i) => (i === index ? [e[0], x] : e)))} />
        </div>
      )}
    />
  );
}

/** A payload: named, typed fields. */
export function FieldsEditor({ title, fields, onChange }: { title: string; fields: readonly Field[]; onChange(fields: Field[]): void }) {
  const replace = (index: number, patch: Partial<Field>) => onChange(fields.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  const free = () => {
    for (let n = 1; ; n++) if (!fields.some((f) => f.name === `field${n}`)) return `field${n}`;
  };
  return (
    <ListEditor
      title={title}
      items={fields}
      itemLabel={(f) => `field ${f.name}`}
      onAdd={() => onChange([...fields, { name: free(), type: "string", required: true }])}
      addLabel="Add field"
      onRemove={(index) => onChange(fields.filter((_, i) => i !== index))}
      render={(field, index) => (
        <div className="pair">
          <NameField label="Name" value={field.name} mono onCommit={(name) => replace(index, { name })} />
          <SelectField label="Type" value={field.type} options={FieldType.options} onChange={(type) => replace(index, { type: type as Field["type"] })} />
          <CheckField label="Required" checked={field.required} onChange={(required) => replace(index, { required })} />
        </div>
      )}
    />
  );
}

/** Comma-separated words (error names, call numbers), committed on blur. */
export function WordsField({ label, hint, value, onCommit }: Labelled & { value: readonly string[]; onCommit(words: string[]): void }) {
  return (
    <NameField label={label} hint={hint} value={value.join(", ")} onCommit={(text) => onCommit(text.split(/[,\s]+/).filter(Boolean))} />
  );
}

/** A JSON object (initial state, defaults), committed on blur when it parses. */
export function JsonField({ label, hint, value, onCommit }: Labelled & { value: Readonly<Record<string, unknown>>; onCommit(value: Record<string, never>): void }) {
  const id = useId();
  const text = JSON.stringify(value, null, 2);
  const [draft, setDraft] = useState(text);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(text), [text]);
  const commit = () => {
    try {
      const parsed: unknown = JSON.parse(draft);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("It must be an object, e.g. {\"status\": \"new\"}.");
      setError(null);
      if (JSON.stringify(parsed) !== JSON.stringify(value)) onCommit(parsed as Record<string, never>);
    } catch (e) {
      setError(e instanceof SyntaxError ? `Not valid JSON: ${e.message}` : (e as Error).message);
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} className="mono" rows={4} value={draft} spellCheck={false} onChange={(e) => setDraft(e.target.value)} onBlur={commit}
        aria-invalid={error !== null} aria-describedby={`${id}-hint`} />
      {error ? <span className="field-hint error" id={`${id}-hint`} role="alert">{error}</span> : <Hint id={`${id}-hint`} hint={hint} />}
    </div>
  );
}
