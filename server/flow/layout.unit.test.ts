// Layout: a full automatic layout places every node without overlaps, and completing a partial
// layout places only the missing nodes, beside a neighbour, and forgets nodes that are gone.
import { describe, expect, it } from "vitest";
import { flowToGraph } from "./graph";
import { sampleFlow } from "./graphSample";
import { validateFlow } from "./validate";
import { autoLayout, completeLayout, layoutFlow, NODE_SIZE, nodePositions } from "./layout";

type Box = { id: string; x: number; y: number; w: number; h: number };
function boxes(flow: ReturnType<typeof sampleFlow>): Box[] {
  const graph = flowToGraph(flow);
  const positions = nodePositions(graph);
  return graph.nodes.map((n) => {
    const p = positions.get(n.id)!;
    return { id: n.id, x: p.x, y: p.y, w: NODE_SIZE[n.kind].width, h: NODE_SIZE[n.kind].height };
  });
}
function overlapping(all: Box[]): string[] {
  const pairs: string[] = [];
  for (const a of all) for (const b of all) {
    if (a.id < b.id && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) pairs.push(`${a.id}/${b.id}`);
  }
  return pairs;
}

describe("autoLayout", () => {
  it("given the shop flow, when laid out, then every element is stored, every node has a place and none overlap", () => {
    const flow = layoutFlow(sampleFlow());
    const graph = flowToGraph(flow);
    expect(Object.keys(flow.layout).sort()).toEqual(graph.nodes.filter((n) => n.elementId === n.id).map((n) => n.id).sort());
    expect(nodePositions(graph).size).toBe(graph.nodes.length);
    expect(overlapping(boxes(flow))).toEqual([]);
  });

  it("given the shop flow, when laid out, then validation finds nothing wrong with it, its layout included", () => {
    expect(validateFlow(layoutFlow(sampleFlow()))).toEqual([]);
  });

  it("given derived nodes, then they ride beside their element: topics left of the consumer, dead letters and replies right", () => {
    const positions = nodePositions(flowToGraph(layoutFlow(sampleFlow())));
    const consumer = positions.get("mailer")!;
    expect(positions.get("topic:orders.order.placed.v2")!.x).toBeLessThan(consumer.x);
    expect(positions.get("dlq:mailer")!.x).toBeGreaterThan(consumer.x);
    expect(positions.get("reply:charge:failure")!.x).toBeGreaterThan(positions.get("payment")!.x);
  });

  it("given edges, then what feeds a node sits to its left", () => {
    const layout = autoLayout(flowToGraph(sampleFlow()));
    expect(layout.place!.x).toBeLessThan(layout.order!.x);
    expect(layout.order!.x).toBeLessThan(layout.placed!.x);
  });
});

describe("completeLayout", () => {
  it("given a flow with no positions, then it is laid out in full", () => {
    const flow = completeLayout(sampleFlow());
    expect(flow.layout).toEqual(layoutFlow(sampleFlow()).layout);
  });

  it("given positions for only a few top-level elements, then the hand layout gives way to a full one", () => {
    const flow = completeLayout({ ...sampleFlow(), layout: { order: { x: 0, y: 0 }, payment: { x: 500, y: 0 } } });
    expect(flow.layout).toEqual(layoutFlow(sampleFlow()).layout);
  });

  it("given a fully placed flow, then the same object comes back", () => {
    const flow = layoutFlow(sampleFlow());
    expect(completeLayout(flow)).toBe(flow);
  });

  it("given a new consumer, then it is placed with room for its topic on its left", () => {
    const placed = layoutFlow(sampleFlow());
    const { mailer: _, ...rest } = placed.layout;
    const flow = completeLayout({ ...placed, layout: rest });
    expect(overlapping(boxes(flow))).toEqual([]);
  });

  it("given one unplaced command, then it goes left of its aggregate without overlapping, and the others stay put", () => {
    const placed = layoutFlow(sampleFlow());
    const { place: _, ...rest } = placed.layout;
    const flow = completeLayout({ ...placed, layout: rest });
    for (const [id, p] of Object.entries(rest)) expect(flow.layout[id]).toEqual(p);
    expect(flow.layout.place!.x).toBeLessThan(flow.layout.order!.x);
    expect(overlapping(boxes(flow))).toEqual([]);
  });

  it("given positions of nodes that no longer exist or are derived, then they are dropped", () => {
    const placed = layoutFlow(sampleFlow());
    const flow = completeLayout({ ...placed, layout: { ...placed.layout, gone: { x: 1, y: 2 }, "dlq:mailer": { x: 0, y: 0 } } });
    expect(flow.layout["dlq:mailer"]).toBeUndefined();
    expect(flow.layout.gone).toBeUndefined();
    expect(Object.keys(flow.layout)).toHaveLength(Object.keys(placed.layout).length);
  });
});
