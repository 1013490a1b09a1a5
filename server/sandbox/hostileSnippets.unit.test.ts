import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SnippetError } from "../flow/snippets";
import { hostileSnippets } from "./hostileSnippets";
import { createPrintingSandbox } from "./printingSandbox";
import type { Sandbox } from "./sandbox";

let sandbox: Sandbox;
/** What QuickJS printed (an abort when a runtime cannot be freed). */
let printed: string[];
beforeAll(async () => {
  ({ sandbox, printed } = await createPrintingSandbox());
});
afterAll(() => sandbox.dispose());

describe("hostile snippets", () => {
  it("Given the corpus, When counted, Then it holds at least 30 snippets", () => {
    expect(hostileSnippets.length).toBeGreaterThanOrEqual(30);
  });

  it.each(hostileSnippets.map((snippet) => [snippet.name, snippet] as const))(
    "Given %s, When evaluated, Then it fails clearly, QuickJS frees its runtime without complaint and the host keeps working",
    async (_name, snippet) => {
      const outcome = await sandbox.evaluate({ name: snippet.name, code: snippet.code, input: { event: { n: 1 } } }).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      expect(outcome).toHaveProperty("error");
      const error = (outcome as { error: unknown }).error;
      expect(error).toBeInstanceOf(SnippetError);
      const failure = error as SnippetError;
      expect(snippet.expect).toContain(failure.failure);
      expect(failure.message.startsWith(`snippet "${snippet.name}"`)).toBe(true);
      if (snippet.says) expect(failure.message).toContain(snippet.says);
      const normal = await sandbox.evaluate({ name: "normal", code: "return { sum: event.n + 41, list: [1, 2].map((x) => x * 2) };", input: { event: { n: 1 } } });
      expect(normal).toEqual({ sum: 42, list: [2, 4] });
      expect(printed.splice(0), "what QuickJS printed").toEqual([]);
    },
  );
});
