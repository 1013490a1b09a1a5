// The studio store driven headlessly, as the canvas would drive it: palette drops, connections,
// deletes, drags, undo/redo, copy/paste, problems and read-only demos, without a browser.
import { describe, expect, it } from "vitest";
import { sampleFlow } from "@/server/flow/graphSample";
import { FLOW_SCHEMA_VERSION, FlowSchema, type Flow } from "@/server/flow/schema";
import { createStudioStore } from "./store";

function counter() {
  let n = 0;
  return (prefix: string) => `${prefix}-${++n}`;
}

function studio(flow: Flow = sampleFlow(), readOnly = false) {
  return createStudioStore({ flowId: "f1", flow, readOnly, newId: counter() });
}

const empty = () => FlowSchema.parse({ schemaVersion: FLOW_SCHEMA_VERSION, name: "Empty" });

describe("studio store", () => {
  it("given the shop flow, when opened, then every element is a node with a position and there are no problems", () => {
    const s = studio().getState();
    expect(new Set(s.nodes.map((n) => n.type))).toEqual(new Set(["aggregate", "command", "event", "projection", "service", "saga", "sagaStep", "consumer", "outbox", "topic", "dlq"]));
    expect(Object.keys(s.flow.layout)).toContain("order");
    expect(s.problems).toEqual([]);
    expect(s.nodes.find((n) => n.id === "dlq:mailer")?.draggable).toBe(false);
  });

  it("given an empty flow, when an aggregate then a command are dropped, then the command joins the aggregate and is selected", () => {
    const store = studio(empty());
    store.getState().addFromPalette("aggregate", { x: 100, y: 100 });
    store.getState().addFromPalette("command", { x: -150, y: 110 });
    const { flow, selected, nodes } = store.getState();
    expect(flow.aggregates[0]).toMatchObject({ name: "Aggregate", commands: [{ name: "NewCommand" }] });
    expect(flow.layout[flow.aggregates[0]!.id]).toEqual({ x: 100, y: 100 });
    expect(selected).toEqual([flow.aggregates[0]!.commands[0]!.id]);
    expect(nodes.find((n) => n.id === selected[0])?.selected).toBe(true);
  });

  it("given no aggregate, when a command is dropped, then it is refused with a reason", () => {
    const store = studio(empty());
    expect(store.getState().addFromPalette("command", { x: 0, y: 0 })).toBe(false);
    expect(store.getState().notice?.text).toMatch(/add an aggregate first/);
    expect(store.getState().flow.aggregates).toEqual([]);
  });

  it("given a command and an event of its aggregate, when connected, then the command emits the event", () => {
    const store = studio();
    store.getState().edit((d) => { d.aggregates[0]!.commands[1]!.emits = []; });
    expect(store.getState().connect("cancel", "cancelled")).toBe(true);
    expect(store.getState().flow.aggregates[0]!.commands[1]!.emits).toEqual([{ event: "orders.order.cancelled.v1", data: {} }]);
  });

  it("given a projection, when connected to an aggregate, then it is refused with the reason, before and on drop", () => {
    const store = studio();
    expect(store.getState().connectionRefusal("order-view", "order")).toMatch(/projection is a read model/);
    expect(store.getState().connectionRefusal("placed", "order-view")).toMatch(/already handles/);
    expect(store.getState().connectionRefusal("cancelled", "mailer")).toBeNull();
    expect(store.getState().connect("order-view", "order")).toBe(false);
    expect(store.getState().notice?.text).toMatch(/^A projection cannot connect to an aggregate\./);
  });

  it("given an event and a consumer, when connected, then a topic node appears between them", () => {
    const store = studio();
    store.getState().connect("cancelled", "mailer");
    const { nodes, edges } = store.getState();
    expect(nodes.map((n) => n.id)).toContain("topic:orders.order.cancelled.v1");
    expect(edges.some((e) => e.source === "cancelled" && e.target === "topic:orders.order.cancelled.v1")).toBe(true);
  });

  it("given an event, when deleted, then the projection stops handling it and the consumer stops reading it", () => {
    const store = studio();
    store.getState().deleteSelection(["placed"], []);
    const { flow, nodes } = store.getState();
    expect(flow.aggregates[0]!.events.map((e) => e.id)).toEqual(["cancelled"]);
    expect(flow.projections[0]!.handlers.map((h) => h.event)).toEqual(["orders.order.cancelled.v1"]);
    expect(flow.consumers[0]!.topics).toEqual([]);
    expect(nodes.some((n) => n.type === "topic")).toBe(false);
  });

  it("given a subscription edge, when deleted, then the consumer unsubscribes; structural edges stay", () => {
    const store = studio();
    const subscription = store.getState().edges.find((e) => e.data?.relation.rel === "subscribes")!;
    const handles = store.getState().edges.find((e) => e.data?.relation.rel === "handles")!;
    expect(handles.deletable).toBe(false);
    store.getState().deleteSelection([], [subscription.id, handles.id]);
    expect(store.getState().flow.consumers[0]!.topics).toEqual([]);
    expect(store.getState().flow.aggregates[0]!.commands).toHaveLength(2);
  });

  it("given edits, when undone and redone, then the documents come back in order", () => {
    const store = studio();
    const original = store.getState().flow;
    store.getState().deleteSelection(["order-view"], []);
    store.getState().deleteSelection(["mailer"], []);
    store.getState().undo();
    expect(store.getState().flow.consumers).toHaveLength(1);
    expect(store.getState().flow.projections).toHaveLength(0);
    store.getState().undo();
    expect(store.getState().flow).toEqual(original);
    store.getState().redo();
    expect(store.getState().flow.projections).toHaveLength(0);
  });

  it("given typing into one field, when undone, then the whole run of keystrokes goes in one step", () => {
    const store = studio();
    for (const name of ["O", "Or", "Ord"]) store.getState().edit((d) => { d.projections[0]!.name = name.toLowerCase(); }, { mergeKey: "order-view:name" });
    store.getState().undo();
    expect(store.getState().flow.projections[0]!.name).toBe("order_view");
  });

  it("given a dragged node, when the drag ends, then its position is in the layout and undo puts it back", () => {
    const store = studio();
    const before = store.getState().flow.layout.order;
    store.getState().onNodesChange([{ id: "order", type: "position", position: { x: 999.4, y: 5 }, dragging: true }]);
    expect(store.getState().flow.layout.order).toEqual(before);
    store.getState().onNodesChange([{ id: "order", type: "position", position: { x: 1000.4, y: 6 }, dragging: false }]);
    expect(store.getState().flow.layout.order).toEqual({ x: 1000, y: 6 });
    store.getState().undo();
    expect(store.getState().flow.layout.order).toEqual(before);
  });

  it("given a copied aggregate, when pasted twice, then each copy has fresh ids, free names and event types, shifted", () => {
    const store = studio();
    store.getState().select(["order"]);
    store.getState().copy();
    store.getState().paste();
    store.getState().paste();
    const { flow, selected } = store.getState();
    expect(flow.aggregates.map((a) => a.name)).toEqual(["Order", "Order2", "Order3"]);
    const copy = flow.aggregates[1]!;
    expect(copy.events.map((e) => e.type)).toEqual(["orders.order.placed2.v2", "orders.order.cancelled2.v1"]);
    expect(copy.commands[0]!.emits[0]!.event).toBe("orders.order.placed2.v2");
    expect(flow.layout[copy.id]).toEqual({ x: flow.layout.order!.x + 40, y: flow.layout.order!.y + 40 });
    expect(selected).toContain(flow.aggregates[2]!.id);
    expect(store.getState().problems).toEqual([]);
  });

  it("given an invalid name, then the problem sits on the element's node", () => {
    const store = studio();
    store.getState().edit((d) => { d.aggregates[0]!.name = "bad name"; });
    expect(store.getState().problemsByNode.order?.[0]?.message).toMatch(/PascalCase/);
  });

  it("given an edit to one element, then the other nodes keep their objects (no re-render)", () => {
    const store = studio();
    const before = new Map(store.getState().nodes.map((n) => [n.id, n]));
    store.getState().edit((d) => { d.projections[0]!.name = "orders_view"; });
    const changed = store.getState().nodes.filter((n) => before.get(n.id) !== n).map((n) => n.id);
    expect(changed).toEqual(["order-view"]);
  });

  it("given a teaching demo, when edited, then nothing changes and the user is told to make a copy", () => {
    const store = studio(sampleFlow(), true);
    expect(store.getState().addFromPalette("aggregate", { x: 0, y: 0 })).toBe(false);
    expect(store.getState().notice?.text).toMatch(/make a copy/);
    expect(store.getState().nodes.every((n) => n.draggable === false && n.deletable === false)).toBe(true);
  });

  it("given auto layout, then every element moves to the layered layout in one undoable step", () => {
    const store = studio();
    store.getState().onNodesChange([{ id: "order", type: "position", position: { x: 5000, y: 5000 }, dragging: false }]);
    store.getState().autoLayout();
    expect(store.getState().flow.layout.order!.x).toBeLessThan(5000);
    store.getState().undo();
    expect(store.getState().flow.layout.order).toEqual({ x: 5000, y: 5000 });
  });
});
