// Minimap geometry: the visible area from a transform, a padded frame around everything, and a
// minimap point mapped back onto the canvas.
import { describe, expect, it } from "vitest";
import { frame, minimapToFlow, visibleArea } from "./minimapGeometry";

describe("minimap geometry", () => {
  it("given a pan and a zoom, then the visible area is in canvas coordinates", () => {
    expect(visibleArea([-100, -50, 2], 800, 600)).toEqual({ x: 50, y: 25, width: 400, height: 300 });
  });

  it("given rectangles, then the frame holds them all with a margin", () => {
    expect(frame([{ x: 0, y: 0, width: 100, height: 50 }, { x: 200, y: 100, width: 100, height: 100 }], 0.1))
      .toEqual({ x: -30, y: -30, width: 360, height: 260 });
  });

  it("given a click in the middle of a letterboxed minimap, then it lands in the middle of what it shows", () => {
    const view = { x: 100, y: 100, width: 400, height: 100 };
    expect(minimapToFlow({ x: 100, y: 75 }, { width: 200, height: 150 }, view)).toEqual({ x: 300, y: 150 });
    expect(minimapToFlow({ x: 0, y: 50 }, { width: 200, height: 150 }, view)).toEqual({ x: 100, y: 100 });
  });
});
