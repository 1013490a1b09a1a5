// flowThumbnail: a preview with one box per node and one line per edge, from the origin.
import { describe, expect, it } from "vitest";
import { flowToGraph } from "./graph";
import { sampleFlow } from "./graphSample";
import { flowThumbnail } from "./graphThumbnail";
import { FLOW_SCHEMA_VERSION, FlowSchema } from "./schema";

describe("flowThumbnail", () => {
  it("given the shop flow without positions, then it is laid out and every node and edge is drawn inside the box", () => {
    const graph = flowToGraph(sampleFlow());
    const thumbnail = flowThumbnail(sampleFlow())!;
    expect(thumbnail.boxes).toHaveLength(graph.nodes.length);
    expect(thumbnail.lines).toHaveLength(graph.edges.length);
    expect(Math.min(...thumbnail.boxes.map((b) => b.x))).toBe(0);
    expect(Math.min(...thumbnail.boxes.map((b) => b.y))).toBe(0);
    for (const box of thumbnail.boxes) {
      expect(box.x + box.w).toBeLessThanOrEqual(thumbnail.width);
      expect(box.y + box.h).toBeLessThanOrEqual(thumbnail.height);
    }
  });

  it("given an empty flow, then there is no preview", () => {
    expect(flowThumbnail(FlowSchema.parse({ schemaVersion: FLOW_SCHEMA_VERSION, name: "Empty" }))).toBeNull();
  });
});
