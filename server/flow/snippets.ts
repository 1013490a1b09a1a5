// The contract between compiled flows and the snippet sandbox: a request, an async evaluator,
// and the typed error a failing snippet raises. Implemented by server/sandbox; pure here.
import type { Json } from "./json";

export interface SnippetRequest {
  /** Names the snippet in errors, e.g. "Order.AddItem". */
  name: string;
  /** A JavaScript function body; `return` gives the result. */
  code: string;
  /** Variables in scope, by name (identifiers), as JSON. */
  input: Readonly<Record<string, Json>>;
}

export interface SnippetEvaluator {
  /** The snippet's JSON result (undefined when it returns nothing), or a SnippetError. */
  evaluate(request: SnippetRequest): Promise<Json | undefined>;
}

export type SnippetFailure =
  /** The code does not parse. */
  | "syntax"
  /** The code threw. `thrownName` is the error's name, e.g. "PoisonMessage". */
  | "thrown"
  | "timeout"
  | "memory"
  | "stack"
  /** The code is larger than allowed. */
  | "size"
  /** The result is not JSON, is a promise, or is too large. */
  | "result";

/** A snippet that failed; the message names the snippet and, when known, its line. */
export class SnippetError extends Error {
  override readonly name = "SnippetError";
  constructor(
    readonly snippet: string,
    readonly failure: SnippetFailure,
    readonly reason: string,
    readonly line?: number,
    readonly thrownName?: string,
  ) {
    super(`snippet "${snippet}"${line === undefined ? "" : ` line ${line}`}: ${reason}`);
  }
}
