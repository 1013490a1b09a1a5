// The canvas suite's flow: exactly 300 nodes on the canvas, and a valid flow (so the bench measures
// a realistic design, not an error state).
import { describe, expect, it } from "vitest";
import { flowToGraph } from "../../server/flow/graph";
import { FlowSchema } from "../../server/flow/schema";
import { validateFlow } from "../../server/flow/validate";
import { benchFlow } from "./canvas";

describe("canvas bench flow", () => {
  it("given the generated flow, then it draws 300 nodes of every kind and validates cleanly", () => {
    const flow = FlowSchema.parse(benchFlow());
    const graph = flowToGraph(flow);
    expect(graph.nodes).toHaveLength(300);
    expect(new Set(graph.nodes.map((n) => n.kind)).size).toBe(11);
    expect(validateFlow(flow)).toEqual([]);
  });
});
