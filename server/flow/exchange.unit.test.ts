import { describe, expect, it } from "vitest";
import { demos } from "./demos";
import { exportFlow, importFlow } from "./exchange";
import { shopFlow } from "./testFlows";

describe("export and import", () => {
  it.each(demos.map((demo) => [demo.key, demo] as const))("Given the %s demo, When exported and imported, Then the flow is identical", (_key, demo) => {
    const text = exportFlow(demo.flow);
    const imported = importFlow(text);
    expect(imported).toEqual({ ok: true, flow: demo.flow, problems: [] });
    if (imported.ok) expect(exportFlow(imported.flow)).toBe(text);
  });

  it("Given a flow, When exported, Then the text is pretty JSON starting with its schema version", () => {
    const text = exportFlow(shopFlow());
    expect(text.startsWith('{\n  "schemaVersion": 1,\n  "name": "Shop",')).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("Given a work in progress with semantic problems, When imported, Then it comes back with its problems listed", () => {
    const flow = shopFlow();
    flow.sagas = [];
    const imported = importFlow(exportFlow(flow));
    expect(imported.ok).toBe(true);
    expect(imported.problems.map((problem) => problem.message)).toContain("service Payment is never called by a saga, a reaction or a consumer");
  });

  it("Given an invalid file, When imported, Then every problem is listed and no flow is returned", () => {
    const document = JSON.parse(exportFlow(shopFlow())) as Record<string, unknown>;
    document.schemaVersion = 7;
    (document.aggregates as Array<Record<string, unknown>>)[0]!.streamPrefix = "Order Stream";
    const imported = importFlow(JSON.stringify(document));
    expect(imported).toEqual({
      ok: false,
      problems: [
        { path: "schemaVersion", message: "schemaVersion must be 1" },
        {
          path: "aggregates[0].streamPrefix",
          message: 'must be lower case letters, digits, \'_\' or \'-\', e.g. "order_view"',
          elementId: "order",
        },
      ],
    });
    expect(imported).not.toHaveProperty("flow");
  });

  it("Given text that is not JSON, When imported, Then the problem says so", () => {
    const imported = importFlow("{ not json");
    expect(imported.ok).toBe(false);
    expect(imported.problems[0]?.message).toMatch(/^the file is not JSON: /);
  });

  it("Given a file with a __proto__ key, When imported, Then the key is dropped and nothing is polluted", () => {
    const text = exportFlow(shopFlow()).replace('"name": "Shop",', '"name": "Shop", "__proto__": { "polluted": true },');
    const imported = importFlow(text);
    expect(imported.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
