// Reads a guest exception without trusting it (only string and number fields) and classifies it
// into a SnippetError: timeout, memory, stack, syntax, a thrown error, or a bad result.
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten";
import { SnippetError } from "../flow/snippets";
import type { SandboxLimits } from "./limits";
import { snippetLine, stackLines, type Wrapped } from "./wrapper";

interface GuestError {
  name: string;
  message: string;
  stack: string;
  lineNumber?: number;
}

/** Guest text kept in an error: enough for a sentence, not a guest-sized blob in the host's logs and UI. */
const MAX_TEXT = 1000;

function clip(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT)}… (${text.length} characters)`;
}

function stringProp(context: QuickJSContext, handle: QuickJSHandle, key: string): string | undefined {
  const prop = context.getProp(handle, key);
  try {
    return context.typeof(prop) === "string" ? clip(context.getString(prop)) : undefined;
  } finally {
    prop.dispose();
  }
}

export function readGuestError(context: QuickJSContext, handle: QuickJSHandle): GuestError {
  if (context.typeof(handle) !== "object") {
    const text = context.typeof(handle) === "string" ? clip(context.getString(handle)) : `a ${context.typeof(handle)}`;
    return { name: "Error", message: `threw ${text} (throw an Error instead)`, stack: "" };
  }
  const line = context.getProp(handle, "lineNumber");
  const lineNumber = context.typeof(line) === "number" ? context.getNumber(line) : undefined;
  line.dispose();
  const error: GuestError = {
    name: stringProp(context, handle, "name") ?? "Error",
    message: stringProp(context, handle, "message") ?? "",
    stack: stringProp(context, handle, "stack") ?? "",
  };
  if (lineNumber !== undefined) error.lineNumber = lineNumber;
  return error;
}

const MiB = 1024 * 1024;

/** The SnippetError for a guest error; `fatal` when the context must not be reused. */
export function classify(
  error: GuestError,
  snippet: string,
  wrapped: Wrapped,
  limits: SandboxLimits,
  compiling: boolean,
): { error: SnippetError; fatal: boolean } {
  const lines = [...(error.lineNumber === undefined ? [] : [error.lineNumber]), ...stackLines(error.stack, snippet)];
  const inSnippet = lines.map((line) => snippetLine(line, wrapped)).find((line) => line !== undefined);
  if (error.name === "InternalError" && error.message === "interrupted") {
    return { error: new SnippetError(snippet, "timeout", `took longer than the time limit of ${limits.timeMs} ms`, inSnippet), fatal: true };
  }
  if (error.name === "InternalError" && error.message === "out of memory") {
    return { error: new SnippetError(snippet, "memory", `used more than the memory limit of ${limits.memoryBytes / MiB} MiB`, inSnippet), fatal: true };
  }
  if (error.name === "InternalError" && error.message === "stack overflow") {
    return { error: new SnippetError(snippet, "stack", `recursed too deeply (stack limit ${limits.stackBytes / 1024} KiB)`, inSnippet), fatal: true };
  }
  if (compiling || error.name === "SyntaxError") {
    return { error: new SnippetError(snippet, "syntax", `SyntaxError: ${error.message}`, inSnippet), fatal: false };
  }
  if (inSnippet === undefined && lines.includes(wrapped.lastLine)) {
    return { error: new SnippetError(snippet, "result", error.message), fatal: false };
  }
  return { error: new SnippetError(snippet, "thrown", `${error.name}: ${error.message}`, inSnippet, error.name), fatal: false };
}
