// The size limits a Flow document carries: elements per flow and snippet size, each failing
// validation (and import) with a sentence that names the limit.
import { describe, expect, it } from "vitest";
import { importFlow } from "./exchange";
import { FLOW_SCHEMA_VERSION, MAX_FLOW_ELEMENTS, SNIPPET_MAX_BYTES } from "./schema";
import { shopFlow } from "./testFlows";
import { validateFlow } from "./validate";

function withAggregates(count: number) {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    name: "Huge",
    aggregates: Array.from({ length: count }, (_, i) => ({ id: `a${i}`, name: `Agg${i}`, streamPrefix: `agg${i}` })),
  };
}

describe("flow limits", () => {
  it("Given a flow with one element more than the limit, When validated or imported, Then the problem names the count and the limit", () => {
    const problems = validateFlow(withAggregates(MAX_FLOW_ELEMENTS + 1));
    expect(problems).toContainEqual(expect.objectContaining({ path: "", message: expect.stringContaining(`the flow has ${MAX_FLOW_ELEMENTS + 1} elements; the limit is ${MAX_FLOW_ELEMENTS}`) }));
    const imported = importFlow(JSON.stringify(withAggregates(MAX_FLOW_ELEMENTS + 1)));
    expect(imported.ok).toBe(false);
  });

  it("Given a flow at the limit, When validated, Then the element count is no problem", () => {
    expect(validateFlow(withAggregates(MAX_FLOW_ELEMENTS)).filter((p) => p.message.includes("elements;"))).toEqual([]);
  });

  it("Given a snippet one byte over the limit, When validated, Then the problem names the limit", () => {
    const flow = shopFlow();
    flow.aggregates[0]!.commands[0]!.snippet = `return ${JSON.stringify("é".repeat(SNIPPET_MAX_BYTES / 2))};`;
    expect(validateFlow(flow)).toContainEqual(expect.objectContaining({ message: `snippet is larger than ${SNIPPET_MAX_BYTES / 1024} KiB` }));
  });
});
