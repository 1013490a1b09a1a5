// The command console's forms, from the Flow document: every command of every aggregate with its
// payload fields, and the parsing of what a person typed into a command's data (numbers, booleans,
// JSON for lists and maps), with a sentence for each field that does not parse. Pure.
import type { Field, Flow } from "@/server/flow/schema";

export interface ConsoleCommand {
  /** "Aggregate.Command", unique in a flow. */
  key: string;
  aggregate: string;
  aggregateNode: string;
  command: string;
  commandNode: string;
  streamPrefix: string;
  fields: Field[];
  guards: string[];
}

export function consoleCommands(flow: Flow): ConsoleCommand[] {
  return flow.aggregates.flatMap((aggregate) =>
    aggregate.commands.map((command) => ({
      key: `${aggregate.name}.${command.name}`,
      aggregate: aggregate.name,
      aggregateNode: aggregate.id,
      command: command.name,
      commandNode: command.id,
      streamPrefix: aggregate.streamPrefix,
      fields: command.payload,
      guards: command.guards.map((guard) => guard.message),
    })),
  );
}

export type FieldValues = Record<string, string | boolean>;
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface ParsedData {
  data: Record<string, Json>;
  /** Field name → what is wrong with it. */
  errors: Record<string, string>;
}

export function parseFields(fields: readonly Field[], values: FieldValues): ParsedData {
  const data: Record<string, Json> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = values[field.name];
    if (field.type === "boolean") {
      data[field.name] = raw === true;
      continue;
    }
    const text = typeof raw === "string" ? raw.trim() : "";
    if (text === "") {
      if (field.required) errors[field.name] = `Fill in ${field.name}.`;
      continue;
    }
    switch (field.type) {
      case "string":
        data[field.name] = text;
        break;
      case "number": {
        const value = Number(text);
        if (Number.isFinite(value)) data[field.name] = value;
        else errors[field.name] = `${field.name} must be a number.`;
        break;
      }
      case "list":
      case "map":
      case "any": {
        try {
          const value = JSON.parse(text) as Json;
          if (field.type === "list" && !Array.isArray(value)) errors[field.name] = `${field.name} must be a JSON list, like [1, 2].`;
          else if (field.type === "map" && (value === null || typeof value !== "object" || Array.isArray(value))) errors[field.name] = `${field.name} must be a JSON object, like {"a": 1}.`;
          else data[field.name] = value;
        } catch {
          // Free text in an "any" field is a string.
          if (field.type === "any") data[field.name] = text;
          else errors[field.name] = `${field.name} is not valid JSON.`;
        }
        break;
      }
      default: {
        const unknown: never = field.type;
        throw new Error(`Unknown field type ${String(unknown)}.`);
      }
    }
  }
  return { data, errors };
}

export interface ScriptCommand {
  aggregate: string;
  aggregateId: string;
  command: string;
  data: Record<string, Json>;
}

/** A script as JSON text: a list of { aggregate, aggregateId, command, data }. Returns the commands or a sentence. */
export function parseScript(text: string): ScriptCommand[] | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "The script is not valid JSON: write a list of commands, like [{\"aggregate\": \"Order\", \"aggregateId\": \"o-1\", \"command\": \"PlaceOrder\", \"data\": {}}].";
  }
  if (!Array.isArray(value) || value.length === 0) return "The script must be a non-empty JSON list of commands.";
  const commands: ScriptCommand[] = [];
  for (const [index, item] of value.entries()) {
    const entry = item as Partial<ScriptCommand> | null;
    if (!entry || typeof entry !== "object" || typeof entry.aggregate !== "string" || typeof entry.aggregateId !== "string" || typeof entry.command !== "string") {
      return `Command ${index + 1} of the script needs "aggregate", "aggregateId" and "command" as text.`;
    }
    const data = entry.data ?? {};
    if (typeof data !== "object" || data === null || Array.isArray(data)) return `Command ${index + 1}: "data" must be a JSON object.`;
    commands.push({ aggregate: entry.aggregate, aggregateId: entry.aggregateId, command: entry.command, data });
  }
  return commands;
}

/** The form's command `times` times, each on its own aggregate id (`id-1`, `id-2`...) when more than once. */
export function repeatCommand(command: ScriptCommand, times: number): ScriptCommand[] {
  if (times <= 1) return [command];
  return Array.from({ length: times }, (_, i) => ({ ...command, aggregateId: `${command.aggregateId}-${i + 1}` }));
}
