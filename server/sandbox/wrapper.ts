// Turns a snippet (a function body) into a guest function taking its variables as one JSON
// string and answering JSON text; maps guest line numbers back to the snippet's lines.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED = new Set(["__input", "__vars", "__result", "__json", "arguments", "eval"]);

/** Error sentences the wrapper raises itself (on its last line). */
export const PROMISE_RESULT = "a snippet must return a value, not a promise: async code, import() and timers are not available";
export const NOT_JSON_RESULT = "the result is not JSON";

export interface Wrapped {
  source: string;
  /** The snippet's first line is this line of `source`. */
  firstLine: number;
  /** The wrapper's closing line (errors there concern the result). */
  lastLine: number;
}

export function wrap(code: string, params: readonly string[]): Wrapped {
  for (const param of params) {
    if (!IDENTIFIER.test(param) || RESERVED.has(param)) throw new TypeError(`"${param}" cannot name a snippet variable`);
  }
  const args = params.map((param) => `__vars[${JSON.stringify(param)}]`).join(", ");
  const head = `(function (__input) { "use strict"; const __vars = JSON.parse(__input); const __result = (function (${params.join(", ")}) {`;
  const tail =
    `}).call(undefined${args ? `, ${args}` : ""}); ` +
    `if (__result !== null && (typeof __result === "object" || typeof __result === "function") && typeof __result.then === "function") throw new TypeError(${JSON.stringify(PROMISE_RESULT)}); ` +
    `if (__result === undefined) return undefined; ` +
    `const __json = JSON.stringify(__result); ` +
    `if (typeof __json !== "string") throw new TypeError(${JSON.stringify(NOT_JSON_RESULT)}); ` +
    `return __json; })`;
  const lines = code.split("\n").length;
  return { source: `${head}\n${code}\n${tail}`, firstLine: 2, lastLine: lines + 2 };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Guest line numbers mentioned for `fileName` in a stack, in order. */
export function stackLines(stack: string, fileName: string): number[] {
  const pattern = new RegExp(`${escapeRegExp(fileName)}:(\\d+)`, "g");
  return [...stack.matchAll(pattern)].map((match) => Number(match[1]));
}

/** The snippet line of a guest line, or undefined when it lies in the wrapper. */
export function snippetLine(guestLine: number, wrapped: Wrapped): number | undefined {
  return guestLine >= wrapped.firstLine && guestLine < wrapped.lastLine ? guestLine - wrapped.firstLine + 1 : undefined;
}
