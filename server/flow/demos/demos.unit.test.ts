import { describe, expect, it } from "vitest";
import { validateFlow } from "../validate";
import { checkTour } from "../tourCheck";
import { flowToGraph } from "../graph";
import { completeLayout, NODE_SIZE, nodePositions } from "../layout";
import { demos } from "./index";

describe("the teaching demos", () => {
  it("Given the gallery, When listed, Then there are eight demos with unique keys", () => {
    expect(demos).toHaveLength(8);
    expect(new Set(demos.map((demo) => demo.key)).size).toBe(8);
  });

  it.each(demos.map((demo) => [demo.key, demo] as const))("Given the %s demo, When validated, Then its flow has no problems", (_key, demo) => {
    expect(validateFlow(demo.flow)).toEqual([]);
  });

  it.each(demos.map((demo) => [demo.key, demo] as const))("Given the %s demo, When its tour is checked, Then every reference exists", (_key, demo) => {
    expect(checkTour(demo.flow, demo.tour)).toEqual([]);
    for (const step of demo.tour.steps) expect(step.expect.length + (step.action.kind === "observe" ? 0 : 1)).toBeGreaterThan(0);
  });

  it.each(demos.map((demo) => [demo.key, demo] as const))("Given the %s demo, When laid out, Then every top-level element has a position", (_key, demo) => {
    const { flow } = demo;
    const topLevel = [...flow.aggregates, ...flow.upcasters, ...flow.projections, ...flow.services, ...flow.sagas, ...flow.consumers, ...flow.outboxes];
    for (const element of topLevel) expect(flow.layout[element.id], element.id).toBeDefined();
  });

  it.each(demos.map((demo) => [demo.key, demo] as const))("Given the %s demo, When every node is placed (dead-letter queues, topics and replies beside their element), Then no two node cards overlap", (_key, demo) => {
    const graph = flowToGraph(completeLayout(demo.flow));
    const kinds = new Map(graph.nodes.map((node) => [node.id, node.kind]));
    const boxes = [...nodePositions(graph)].map(([id, at]) => ({ id, ...at, ...NODE_SIZE[kinds.get(id)!] }));
    const overlapping = boxes.flatMap((a, i) =>
      boxes.slice(i + 1).filter((b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height).map((b) => `${a.id} × ${b.id}`),
    );
    expect(overlapping).toEqual([]);
  });
});
