import { describe, expect, it } from "vitest";
import { validateFlow } from "../validate";
import { checkTour } from "../tourCheck";
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
});
