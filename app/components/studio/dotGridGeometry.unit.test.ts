import { describe, expect, it } from "vitest";
import { DOT_GAP, dotLayout } from "./dotGridGeometry";

describe("dotLayout", () => {
  it("puts a dot on the flow's origin wherever the view is panned", () => {
    for (const [x, y] of [[0, 0], [37, -5], [-1000.5, 420]] as const) {
      const dots = dotLayout([x, y, 1], 1)!;
      // The cell starts half a gap before a dot: the origin is a whole number of gaps past it.
      const steps = (x - (dots.offsetX + dots.gap / 2)) / dots.gap;
      expect(steps).toBeCloseTo(Math.round(steps), 9);
      expect(dots.offsetX).toBeGreaterThanOrEqual(0);
      expect(dots.offsetX).toBeLessThan(dots.gap);
      expect(dots.offsetY).toBeGreaterThanOrEqual(0);
      expect(dots.offsetY).toBeLessThan(dots.gap);
    }
  });

  it("scales the gap with zoom and device pixels", () => {
    expect(dotLayout([0, 0, 0.5], 2)!.gap).toBe(DOT_GAP);
    expect(dotLayout([0, 0, 2], 1)!.gap).toBe(DOT_GAP * 2);
  });

  it("draws no dots when they would be closer than a few pixels", () => {
    expect(dotLayout([0, 0, 0.1], 1)).toBeNull();
  });
});
