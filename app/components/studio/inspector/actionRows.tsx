"use client";
// Editing one declarative state change (set, increment, push, remove, merge) of an event's evolve list.
import type { Action } from "@/server/flow/schema";
import { SelectField, TextField } from "./fields";

const OPS = ["set", "increment", "push", "remove", "merge"] as const;

/** A fresh action of another kind, keeping the path and condition. */
export function withOp(action: Action, op: Action["op"]): Action {
  const path = action.path ?? "status";
  const when = action.when === undefined ? {} : { when: action.when };
  switch (op) {
    case "set": return { op, path, value: "value" in action ? action.value : "event.value", ...when };
    case "increment": return { op, path, by: "1", ...when };
    case "push": return { op, path, value: "event", ...when };
    case "remove": return { op, path, ...when };
    case "merge": return { op, value: "event", ...when };
    default: {
      const unknown: never = op;
      throw new Error(`unknown op ${String(unknown)}`);
    }
  }
}

export function ActionRow({ action, onChange }: { action: Action; onChange(action: Action): void }) {
  const optional = (text: string) => (text.trim() === "" ? undefined : text);
  return (
    <div className="pair">
      <SelectField label="Change" value={action.op} options={OPS} onChange={(op) => onChange(withOp(action, op as Action["op"]))} />
      <TextField label={action.op === "merge" ? "Path (empty: the whole state)" : "Path"} value={action.path ?? ""} mono
        onChange={(path) => onChange({ ...action, path: action.op === "merge" ? optional(path) : path } as Action)} />
      {(action.op === "set" || action.op === "push" || action.op === "merge") && (
        <TextField label="Value (CEL)" value={action.value} mono onChange={(value) => onChange({ ...action, value })} />
      )}
      {action.op === "increment" && <TextField label="By (CEL)" value={action.by} mono onChange={(by) => onChange({ ...action, by })} />}
      {action.op === "remove" && (
        <TextField label="Only items where (CEL over item)" value={action.where ?? ""} mono onChange={(where) => onChange({ ...action, where: optional(where) })} />
      )}
      <TextField label="Only when (CEL, optional)" value={action.when ?? ""} mono onChange={(when) => onChange({ ...action, when: optional(when) })} />
    </div>
  );
}
