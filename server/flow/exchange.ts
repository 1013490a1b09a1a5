// Export a Flow to a JSON file and import it back. Import never half-succeeds: it returns the
// parsed flow, or the list of problems and nothing else.
import { zodProblems } from "./checks/zodProblems";
import { FlowSchema, type Flow } from "./schema";
import { semanticProblems, type Problem } from "./validate";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export type ImportResult =
  /** `problems`: semantic problems the flow still has (a work in progress may be exported and imported as it is). */
  | { ok: true; flow: Flow; problems: Problem[] }
  | { ok: false; problems: Problem[] };

/** Pretty JSON with a trailing newline; the same flow always gives the same text. */
export function exportFlow(flow: Flow): string {
  return `${JSON.stringify(FlowSchema.parse(flow), null, 2)}\n`;
}

export function importFlow(text: string): ImportResult {
  if (text.length > MAX_IMPORT_BYTES) {
    return { ok: false, problems: [{ path: "", message: `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB` }] };
  }
  let document: unknown;
  try {
    document = JSON.parse(text, (key, value: unknown) => (key === "__proto__" ? undefined : value));
  } catch (error) {
    return { ok: false, problems: [{ path: "", message: `the file is not JSON: ${(error as Error).message}` }] };
  }
  const parsed = FlowSchema.safeParse(document);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error, document) };
  return { ok: true, flow: parsed.data, problems: semanticProblems(parsed.data) };
}
