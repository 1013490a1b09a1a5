// flowToGraph: every element becomes a node of its kind, every relationship an edge of the right
// flavour, and nested element ids map back to the node that shows them.
import { describe, expect, it } from "vitest";
import { derivedId, dlqNodeId, flowToGraph, nodeIdForElement, NODE_KINDS, replyNodeId, topicNodeId } from "./graph";
import { sampleFlow } from "./graphSample";

describe("flowToGraph", () => {
  it("given the shop flow, when drawn, then every node kind appears", () => {
    const graph = flowToGraph(sampleFlow());
    expect(new Set(graph.nodes.map((n) => n.kind))).toEqual(new Set(NODE_KINDS));
    expect(graph.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([
      "order", "place", "cancel", "placed", "cancelled", "order-view", "payment", "checkout", "charge-step",
      "fulfilment", "on-declined", "mailer", "order-outbox", topicNodeId("orders.order.placed.v2"), dlqNodeId("mailer"),
      replyNodeId("charge", "success"), replyNodeId("charge", "failure"),
    ]));
  });

  it("given commands and events, then commands are solid command edges into the aggregate and events dashed event edges out of it", () => {
    const { edges } = flowToGraph(sampleFlow());
    expect(edges).toContainEqual(expect.objectContaining({ source: "place", target: "order", flavor: "command", deletable: false }));
    expect(edges).toContainEqual(expect.objectContaining({ source: "order", target: "placed", flavor: "event" }));
    expect(edges).toContainEqual(expect.objectContaining({ source: "placed", target: "order-view", flavor: "event", deletable: true }));
  });

  it("given a consumer, then its topic sits between the event and the consumer, and its dead letters go to its queue", () => {
    const { edges } = flowToGraph(sampleFlow());
    const topic = topicNodeId("orders.order.placed.v2");
    expect(edges).toContainEqual(expect.objectContaining({ source: "placed", target: topic, flavor: "event" }));
    expect(edges).toContainEqual(expect.objectContaining({ source: topic, target: "mailer", relation: { rel: "subscribes", consumerId: "mailer", topic: "orders.order.placed.v2" } }));
    expect(edges).toContainEqual(expect.objectContaining({ source: "mailer", target: dlqNodeId("mailer"), label: "dead letters" }));
  });

  it("given sagas, then steps call services, compensations point back in their own flavour, and reactions hang off their event", () => {
    const { edges } = flowToGraph(sampleFlow());
    expect(edges).toContainEqual(expect.objectContaining({ source: "placed", target: "checkout", flavor: "event", label: "starts" }));
    expect(edges).toContainEqual(expect.objectContaining({ source: "checkout", target: "charge-step", flavor: "link" }));
    expect(edges).toContainEqual(expect.objectContaining({ source: "charge-step", target: "payment", flavor: "command", label: "Charge" }));
    expect(edges).toContainEqual(expect.objectContaining({ source: "charge-step", target: "cancel", flavor: "compensation" }));
    expect(edges).toContainEqual(expect.objectContaining({ source: replyNodeId("charge", "failure"), target: "on-declined", flavor: "event" }));
    expect(edges).toContainEqual(expect.objectContaining({ source: "on-declined", target: "cancel", flavor: "command" }));
  });

  it("given nested element ids, when mapped back, then each lands on the node that shows it", () => {
    const graph = flowToGraph(sampleFlow());
    expect(nodeIdForElement(graph, "ov-placed")).toBe("order-view");
    expect(nodeIdForElement(graph, "charge")).toBe("payment");
    expect(nodeIdForElement(graph, "placed-v1-v2")).toBe("placed");
    expect(nodeIdForElement(graph, "place")).toBe("place");
    expect(nodeIdForElement(graph, "nowhere")).toBeUndefined();
  });

  it("given positions in the layout, then nodes carry them, and unplaced nodes say so", () => {
    const flow = { ...sampleFlow(), layout: { order: { x: 10, y: 20 } } };
    const graph = flowToGraph(flow);
    expect(graph.nodes.find((n) => n.id === "order")?.position).toEqual({ x: 10, y: 20 });
    expect(graph.nodes.find((n) => n.id === "place")?.position).toBeNull();
  });

  it("given a send to something that does not exist, then no edge is drawn (validation reports it)", () => {
    const flow = sampleFlow();
    flow.sagas[0] = { ...flow.sagas[0]!, kind: "orchestrated", trigger: { event: "nope", instanceId: "1" }, steps: [{ id: "s", name: "s", target: "Ghost", command: "Boo", key: "1", data: {} }] } as typeof flow.sagas[0];
    const { edges } = flowToGraph(flow);
    expect(edges.filter((e) => e.source === "s" && e.flavor === "command")).toEqual([]);
    expect(edges.filter((e) => e.target === "checkout" && e.relation.rel === "triggers")).toEqual([]);
  });
});

describe("derivedId", () => {
  it("given a key that makes a valid element id, then it is readable", () => {
    expect(derivedId("topic", "orders.order.placed.v1")).toBe("topic:orders.order.placed.v1");
  });

  it("given a key with spaces or too long, then it is a stable hash that is still a valid element id", () => {
    const id = derivedId("topic", "not a type ".repeat(20));
    expect(id).toMatch(/^topic:h[0-9a-f]{8}$/);
    expect(derivedId("topic", "not a type ".repeat(20))).toBe(id);
  });
});
