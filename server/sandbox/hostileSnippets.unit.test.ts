import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SnippetError } from "../flow/snippets";
import { hostileSnippets } from "./hostileSnippets";
import { createSandbox, type Sandbox } from "./sandbox";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(() => sandbox.dispose());

describe("hostile snippets", () => {
  it("Given the corpus, When counted, Then it holds at least 30 snippets", () => {
    expect(hostileSnippets.length).toBeGreaterThanOrEqual(30);
  });

  it.each(hostileSnippets.map((snippet) => [snippet.name, snippet] as const))(
    "Given %s, When evaluated, Then it fails clearly and the host keeps working",
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
    },
  );
});
