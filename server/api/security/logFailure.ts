// Logging of unexpected server failures: what failed (a procedure path or request id),
// the error's class, code and where it was thrown. Never its message or the request's
// data, which may hold a user's flows and payloads.

const FRAMES = 3;

/** The loggable facts of an error: class, code, top stack frames; no message text. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${error === null ? "null" : typeof error}`;
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, FRAMES)
    .map((line) => line.trim().slice(3));
  return `${error.name}${typeof code === "string" || typeof code === "number" ? ` (${code})` : ""}${frames.length > 0 ? ` at ${frames.join(" < ")}` : ""}`;
}

export function logFailure(what: string, error: unknown): void {
  console.error(`eventloom: ${what} failed: ${describeFailure(error)}`);
}
