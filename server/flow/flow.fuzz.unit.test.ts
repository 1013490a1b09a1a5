// Fuzzing Flow documents: random values and well-typed-but-wrong variants of the eight demos.
// Validation never throws and answers plain sentences; what it accepts compiles, and export then
// import gives it back; import answers every text with a flow or problems, never an exception.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzParameters } from "../../test/soak/fuzz/runs";
import { anyInput } from "../../test/soak/fuzz/mutate";
import { compileFlow } from "./compile";
import { demos } from "./demos";
import { exportFlow, importFlow } from "./exchange";
import type { SnippetEvaluator } from "./snippets";
import { validateFlow, type Problem } from "./validate";

const samples = demos.map((demo) => demo.flow);
const noSnippets: SnippetEvaluator = { evaluate: () => Promise.resolve(undefined) };

function expectSentences(problems: Problem[]): void {
  expect(Array.isArray(problems)).toBe(true);
  for (const problem of problems) {
    expect(typeof problem.path).toBe("string");
    expect(problem.message.length).toBeGreaterThan(0);
    expect(problem.message).not.toMatch(/\n\s+at /);
  }
}

function jsonText(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined; // BigInt, cycles: not a file anyone can import
  }
}

describe("fuzzing Flow documents", () => {
  it("Given any document, When validated, Then problems are sentences; a valid one compiles and survives export and import", () => {
    fc.assert(
      fc.property(anyInput(samples), (document) => {
        const before = structuredClone(document);
        const problems = validateFlow(document);
        expectSentences(problems);
        expect(document).toEqual(before);
        if (problems.length > 0) return;
        const flow = importFlow(jsonText(document)!);
        expect(flow.ok).toBe(true);
        if (!flow.ok) return;
        expect(() => compileFlow(flow.flow, { snippets: noSnippets })).not.toThrow();
        const again = importFlow(exportFlow(flow.flow));
        expect(again).toEqual({ ok: true, flow: flow.flow, problems: [] });
      }),
      fuzzParameters(1010, 300),
    );
  });

  it("Given any text, When imported, Then it is a flow or a list of sentences, never an exception", () => {
    const texts = fc.oneof(
      anyInput(samples).map((document) => jsonText(document) ?? "{"),
      fc.string({ unit: "binary", maxLength: 200 }),
      anyInput(samples).map((document) => (jsonText(document) ?? "").slice(0, 50)),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const result = importFlow(text);
        expectSentences(result.problems);
        if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
      }),
      fuzzParameters(1011, 300),
    );
  });
});
