// Edge geometry: curves start and end on the handles, labels sit on the curve's middle, backward
// edges bend out, compensations hang below the straight command edge.
import { describe, expect, it } from "vitest";
import { edgeGeometry } from "./edgeGeometry";

describe("edgeGeometry", () => {
  it("given a forward edge, then the path runs from source to target with its label halfway", () => {
    const g = edgeGeometry({ x: 0, y: 0 }, { x: 200, y: 100 }, "command");
    expect(g.path).toBe("M0,0 C100,0 100,100 200,100");
    expect(g).toMatchObject({ labelX: 100, labelY: 50 });
  });

  it("given a target behind the source, then the curve reaches out beyond both nodes", () => {
    const g = edgeGeometry({ x: 300, y: 0 }, { x: 100, y: 0 }, "event");
    expect(g.path).toBe("M300,0 C390,0 10,0 100,0");
    expect(edgeGeometry({ x: 3000, y: 0 }, { x: 0, y: 0 }, "event").path).toBe("M3000,0 C3160,0 -160,0 0,0");
  });

  it("given a compensation, then it is drawn below a command edge between the same points", () => {
    const command = edgeGeometry({ x: 0, y: 0 }, { x: 300, y: 0 }, "command");
    const compensation = edgeGeometry({ x: 0, y: 0 }, { x: 300, y: 0 }, "compensation");
    expect(compensation.labelY).toBeGreaterThan(command.labelY + 30);
  });
});
